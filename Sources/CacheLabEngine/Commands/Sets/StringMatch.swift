/// Glob-style matching as Redis does it (`stringmatchlen`), for the MATCH option of SSCAN and
/// ZSCAN.
///
/// - `*` matches any run of bytes, `?` any one byte;
/// - `[abc]` one of the listed bytes, `[a-z]` a range (ends in either order), `[^...]` the
///   complement, `\x` inside brackets a literal byte;
/// - `\x` outside brackets the byte `x` itself; everything else matches itself.
///
/// The matcher walks the pattern and the string together. On `*` it tries the rest of the
/// pattern at every later position of the string, recursively; once the rest failed at every
/// position, no earlier `*` can help either (a longer match for it only leaves less string), so
/// a flag cuts the search short and keeps it polynomial. Very deep nesting gives up, as Redis
/// does, to bound the recursion.
enum StringMatch {
    static func matches(_ pattern: Bytes, _ string: Bytes, ignoringCase: Bool = false) -> Bool {
        pattern.withUnsafeBytes { p in
            string.withUnsafeBytes { s in
                var skipLongerMatches = false
                return match(p, 0, s, 0, ignoringCase, &skipLongerMatches, nesting: 0)
            }
        }
    }

    private static func lower(_ c: UInt8) -> UInt8 { (c >= 65 && c <= 90) ? c + 32 : c }

    private static func match(_ p: UnsafeRawBufferPointer, _ pStart: Int, _ s: UnsafeRawBufferPointer, _ sStart: Int,
                              _ nocase: Bool, _ skipLongerMatches: inout Bool, nesting: Int) -> Bool {
        if nesting > 1000 { return false }
        // Reading one past the end yields 0, like the terminating NUL Redis relies on.
        @inline(__always) func pat(_ i: Int) -> UInt8 { i < p.count ? p[i] : 0 }
        var pi = pStart
        var si = sStart
        while pi < p.count && si < s.count {
            switch p[pi] {
            case UInt8(ascii: "*"):
                while pi + 1 < p.count && p[pi + 1] == UInt8(ascii: "*") { pi += 1 }
                if pi + 1 == p.count { return true }
                while si < s.count {
                    if match(p, pi + 1, s, si, nocase, &skipLongerMatches, nesting: nesting + 1) { return true }
                    if skipLongerMatches { return false }
                    si += 1
                }
                skipLongerMatches = true
                return false
            case UInt8(ascii: "?"):
                si += 1
            case UInt8(ascii: "["):
                pi += 1
                let negate = pat(pi) == UInt8(ascii: "^")
                if negate { pi += 1 }
                var matched = false
                let c = s[si]
                while true {
                    if pat(pi) == UInt8(ascii: "\\") && p.count - pi >= 2 {
                        pi += 1
                        if p[pi] == c { matched = true }
                    } else if pat(pi) == UInt8(ascii: "]") && pi < p.count {
                        break
                    } else if pi >= p.count {
                        pi -= 1
                        break
                    } else if p.count - pi >= 3 && p[pi + 1] == UInt8(ascii: "-") {
                        var start = p[pi]
                        var end = p[pi + 2]
                        var ch = c
                        if start > end { swap(&start, &end) }
                        if nocase {
                            start = lower(start)
                            end = lower(end)
                            ch = lower(ch)
                        }
                        pi += 2
                        if ch >= start && ch <= end { matched = true }
                    } else if nocase ? lower(p[pi]) == lower(c) : p[pi] == c {
                        matched = true
                    }
                    pi += 1
                }
                if negate { matched.toggle() }
                if !matched { return false }
                si += 1
            default:
                if p[pi] == UInt8(ascii: "\\") && p.count - pi >= 2 { pi += 1 }
                let equal = nocase ? lower(p[pi]) == lower(s[si]) : p[pi] == s[si]
                if !equal { return false }
                si += 1
            }
            pi += 1
            if si == s.count {
                while pi < p.count && p[pi] == UInt8(ascii: "*") { pi += 1 }
                break
            }
        }
        return pi >= p.count && si == s.count
    }
}
