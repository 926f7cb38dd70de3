/// Redis's glob-style patterns, as KEYS, SCAN MATCH, HSCAN/SSCAN/ZSCAN MATCH, PSUBSCRIBE and
/// CONFIG GET read them.
///
/// The syntax:
///
///     *        any run of bytes, the empty run included
///     ?        exactly one byte
///     [abc]    one of the listed bytes;  [^abc] one byte that is not listed
///     [a-z]    one byte in the range (the ends may come in either order)
///     \x       the byte x itself (also inside brackets)
///
/// The rules are Redis's own, quirks included, because students compare the answers with a real
/// server:
///
/// - A `[` that is never closed still works: the class simply ends with the pattern, so `a[^`
///   matches `a` followed by any one byte.
/// - In `[a-]` the `-` is taken as a range up to `]`, as Redis's scanner sees three bytes.
/// - Range ends are compared as *signed* bytes (C's `char` on x86-64), so a range that mixes
///   ASCII with bytes from 0x80 up behaves as it does on the reference server.
/// - A pattern that still has characters left when the subject is used up only matches if what
///   is left is stars; but a subject that is empty from the start never enters the loop at all,
///   so `**` does not match the empty key (while KEYS `*` has its own short cut and does).
///
/// How it matches. The pattern is read left to right against the subject. Every construct
/// except `*` consumes exactly one subject byte. At a `*`, the matcher remembers where it is
/// (the position after the star, and the subject position) and first tries to match the rest
/// with the star standing for nothing; when that attempt fails, it comes back and lets the
/// star swallow one more byte. Only the most recent star needs remembering: if the rest of the
/// pattern (which contains a later star) cannot match from any position of the subject, then
/// no longer match of an earlier star can help either, because it would only start that same
/// rest further right. Redis reaches the same conclusion in its recursive matcher with a flag
/// it calls "skip longer matches"; this loop is the same search without recursion, so a
/// pattern with thousands of stars cannot exhaust the stack.
public enum GlobMatcher {
    /// True when `subject` matches the glob `pattern`. `ignoringCase` folds ASCII letters, as
    /// CONFIG GET does.
    public static func matches(pattern: Bytes, _ subject: Bytes, ignoringCase: Bool = false) -> Bool {
        pattern.withUnsafeBytes { p in
            subject.withUnsafeBytes { s in
                match(p, s, noCase: ignoringCase)
            }
        }
    }

    /// The matcher over raw buffers (no copies), for callers that already hold them.
    public static func match(_ p: UnsafeRawBufferPointer, _ s: UnsafeRawBufferPointer, noCase: Bool) -> Bool {
        let plen = p.count
        let slen = s.count
        // Reading one past the end yields 0, like the terminating NUL Redis's scanner relies on.
        @inline(__always) func at(_ i: Int) -> UInt8 { i < plen ? p[i] : 0 }
        @inline(__always) func same(_ a: UInt8, _ b: UInt8) -> Bool {
            noCase ? lower(a) == lower(b) : a == b
        }

        var pi = 0
        var si = 0
        // The most recent star: where the rest of the pattern starts, and the subject position
        // the star currently stops at. -1 while no star was seen.
        var starRest = -1
        var starStop = 0

        while true {
            var failed = false
            scan: while pi < plen && si < slen {
                switch p[pi] {
                case UInt8(ascii: "*"):
                    while pi < plen && at(pi + 1) == UInt8(ascii: "*") { pi += 1 }
                    if plen - pi == 1 { return true }  // a trailing star matches everything left
                    starRest = pi + 1
                    starStop = si
                    pi += 1
                    continue scan  // try the rest with the star matching nothing
                case UInt8(ascii: "?"):
                    si += 1
                case UInt8(ascii: "["):
                    guard matchClass(p, &pi, s[si], noCase: noCase) else {
                        failed = true
                        break scan
                    }
                    si += 1
                case UInt8(ascii: "\\"):
                    if plen - pi >= 2 { pi += 1 }
                    guard same(p[pi], s[si]) else {
                        failed = true
                        break scan
                    }
                    si += 1
                default:
                    guard same(p[pi], s[si]) else {
                        failed = true
                        break scan
                    }
                    si += 1
                }
                pi += 1
                if si == slen {
                    // Subject used up: trailing stars may still match nothing.
                    while at(pi) == UInt8(ascii: "*") { pi += 1 }
                    break scan
                }
            }
            if !failed && pi >= plen && si == slen { return true }
            // Let the last star swallow one more byte, if it has any left to take.
            guard starRest >= 0 else { return false }
            starStop += 1
            if starStop >= slen { return false }
            pi = starRest
            si = starStop
        }
    }

    /// Matches one byte against the class that starts at `p[pi] == "["`, leaving `pi` on the
    /// class's last byte (its `]`, or the pattern's last byte when the class is unterminated).
    @inline(__always)
    private static func matchClass(_ p: UnsafeRawBufferPointer, _ pi: inout Int, _ c: UInt8, noCase: Bool) -> Bool {
        let plen = p.count
        @inline(__always) func at(_ i: Int) -> UInt8 { i < plen ? p[i] : 0 }
        pi += 1
        let negated = at(pi) == UInt8(ascii: "^")
        if negated { pi += 1 }
        var matched = false
        while true {
            let left = plen - pi
            let b = at(pi)
            if b == UInt8(ascii: "\\") && left >= 2 {
                pi += 1
                if p[pi] == c { matched = true }
            } else if b == UInt8(ascii: "]") && left > 0 {
                break
            } else if left == 0 {
                pi -= 1  // unterminated: the class ends with the pattern
                break
            } else if left >= 3 && p[pi + 1] == UInt8(ascii: "-") {
                var start = Int(Int8(bitPattern: p[pi]))
                var end = Int(Int8(bitPattern: p[pi + 2]))
                var value = Int(Int8(bitPattern: c))
                if start > end { swap(&start, &end) }
                if noCase {
                    start = lowerSigned(start)
                    end = lowerSigned(end)
                    value = lowerSigned(value)
                }
                pi += 2
                if value >= start && value <= end { matched = true }
            } else if noCase ? lower(b) == lower(c) : b == c {
                matched = true
            }
            pi += 1
        }
        return negated ? !matched : matched
    }

    @inline(__always) private static func lower(_ c: UInt8) -> UInt8 {
        (c >= 65 && c <= 90) ? c + 32 : c
    }

    @inline(__always) private static func lowerSigned(_ c: Int) -> Int {
        (c >= 65 && c <= 90) ? c + 32 : c
    }
}
