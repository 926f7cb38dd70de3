/// Redis's glob-style patterns (`stringmatchlen`), used by KEYS, SCAN MATCH, CONFIG GET,
/// COMMAND LIST FILTERBY PATTERN and others.
///
/// The rules, as Redis applies them to bytes:
///
///     *        any run of bytes, the empty run included
///     ?        exactly one byte
///     [abc]    one byte from the set; [^abc] one byte not in it; [a-z] a range (the ends may
///              come in either order); inside brackets \x means the byte x literally; a set that
///              is never closed simply ends with the pattern
///     \x       the byte x literally, even when x is *, ? or [
///
/// With `ignoringCase`, ASCII letters compare without case (except a `\`-escaped byte inside
/// brackets, which Redis always compares exactly).
///
/// The algorithm walks pattern and subject together. A `*` tries to match the rest of the
/// pattern at every later position of the subject; if the rest fails at every position, no
/// longer match of an earlier `*` can succeed either, so the search stops at once (the guard
/// Redis added against exponential patterns such as `a*a*a*a*b`).
public enum GlobMatcher {
    /// True when `subject` matches the glob `pattern`.
    public static func matches(pattern: Bytes, _ subject: Bytes, ignoringCase: Bool = false) -> Bool {
        pattern.withUnsafeBytes { p in
            subject.withUnsafeBytes { s in
                var giveUp = false
                return match(p, 0, s, 0, ignoringCase, &giveUp)
            }
        }
    }

    @inline(__always) private static func lower(_ c: UInt8) -> UInt8 {
        (c >= 65 && c <= 90) ? c + 32 : c
    }

    private static func match(_ p: UnsafeRawBufferPointer, _ pStart: Int, _ s: UnsafeRawBufferPointer, _ sStart: Int,
                              _ nocase: Bool, _ giveUp: inout Bool) -> Bool {
        var pi = pStart
        var si = sStart
        let pn = p.count
        let sn = s.count
        while pi < pn && si < sn {
            switch p[pi] {
            case UInt8(ascii: "*"):
                while pi + 1 < pn && p[pi + 1] == UInt8(ascii: "*") { pi += 1 }
                if pi + 1 == pn { return true }
                while si < sn {
                    if match(p, pi + 1, s, si, nocase, &giveUp) { return true }
                    if giveUp { return false }
                    si += 1
                }
                giveUp = true
                return false
            case UInt8(ascii: "?"):
                si += 1
            case UInt8(ascii: "["):
                pi += 1
                let negate = pi < pn && p[pi] == UInt8(ascii: "^")
                if negate { pi += 1 }
                var found = false
                let c = s[si]
                while true {
                    if pi < pn && p[pi] == UInt8(ascii: "\\") && pn - pi >= 2 {
                        pi += 1
                        if p[pi] == c { found = true }
                    } else if pi < pn && p[pi] == UInt8(ascii: "]") {
                        break
                    } else if pi >= pn {
                        // An unclosed set ends with the pattern.
                        pi -= 1
                        break
                    } else if pn - pi >= 3 && p[pi + 1] == UInt8(ascii: "-") {
                        var start = p[pi], end = p[pi + 2], byte = c
                        if start > end { swap(&start, &end) }
                        if nocase { start = lower(start); end = lower(end); byte = lower(byte) }
                        pi += 2
                        if byte >= start && byte <= end { found = true }
                    } else if nocase ? lower(p[pi]) == lower(c) : p[pi] == c {
                        found = true
                    }
                    pi += 1
                }
                if negate { found.toggle() }
                if !found { return false }
                si += 1
            default:
                if p[pi] == UInt8(ascii: "\\") && pn - pi >= 2 { pi += 1 }
                let a = p[pi], b = s[si]
                if nocase ? lower(a) != lower(b) : a != b { return false }
                si += 1
            }
            pi += 1
            if si == sn {
                while pi < pn && p[pi] == UInt8(ascii: "*") { pi += 1 }
                break
            }
        }
        return pi == pn && si == sn
    }
}
