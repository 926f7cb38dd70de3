import Testing
@testable import CacheLabEngine

/// Redis's glob rules (checked against KEYS on Redis 7.0.15), quirks included.
@Suite struct GlobTests {
    private func matches(_ pattern: String, _ subject: String, noCase: Bool = false) -> Bool {
        GlobMatcher.matches(pattern: Bytes(pattern), Bytes(subject), ignoringCase: noCase)
    }

    private func matches(_ pattern: [UInt8], _ subject: [UInt8]) -> Bool {
        GlobMatcher.matches(pattern: Bytes(pattern), Bytes(subject))
    }

    @Test func literalsAndQuestionMarks() {
        #expect(matches("hello", "hello"))
        #expect(!matches("hello", "hell"))
        #expect(!matches("hell", "hello"))
        #expect(matches("h?llo", "hallo"))
        #expect(!matches("h?llo", "hllo"))
        #expect(matches("??", "ab"))
        #expect(!matches("??", "a"))
        #expect(matches("", ""))
        #expect(!matches("", "a"))
        #expect(!matches("?", ""))
    }

    @Test func stars() {
        #expect(matches("*", "anything"))
        #expect(matches("h*llo", "hllo"))
        #expect(matches("h*llo", "heeeello"))
        #expect(!matches("h*llo", "hello!"))
        #expect(matches("a*c", "abc"))
        #expect(matches("a**c", "ac"))
        #expect(matches("*e*e*", "heeeello"))
        #expect(!matches("*e*e*", "hello"))
        #expect(matches("h*l*l*o", "hello"))
        #expect(matches("*[lo]", "hello"))
        #expect(matches("?*", "a"))
        #expect(!matches("?*", ""))
        #expect(matches("*?", "ab"))
    }

    @Test func emptySubjectOnlyMatchesAnEmptyPattern() {
        // The matcher's loop never starts on an empty subject: even stars do not match it.
        // (KEYS * matches the empty key through its own short cut.)
        #expect(!matches("*", ""))
        #expect(!matches("**", ""))
        #expect(matches("", ""))
    }

    @Test func classes() {
        #expect(matches("h[ae]llo", "hallo"))
        #expect(!matches("h[ae]llo", "hillo"))
        #expect(matches("h[^e]llo", "hallo"))
        #expect(!matches("h[^e]llo", "hello"))
        #expect(matches("h[a-b]llo", "hbllo"))
        #expect(matches("h[b-a]llo", "hallo"), "reversed range ends are swapped")
        #expect(!matches("h[a-b]llo", "hcllo"))
        #expect(matches("h[\\]]llo", "h]llo"))
        #expect(matches("h[\\^]llo", "h^llo"))
        #expect(matches("h[-]llo", "h-llo"))
        #expect(!matches("h[]]llo", "h]llo"), "[] closes at once: an empty class never matches")
        #expect(!matches("h[]llo", "hllo"))
        #expect(matches("h[^]llo", "hxllo"), "an empty negated class matches any byte")
    }

    @Test func rangeToClosingBracket() {
        // In "[a-]" the scanner sees a range from 'a' up to ']'.
        #expect(!matches("h[a-]llo", "h]llo"), "the range ate the ']': the class runs on to the pattern's end")
        #expect(matches("x[a-]", "xa"))
        #expect(matches("x[a-]", "x]"))
        #expect(matches("x[a-]", "x^"), "']' < '^' < 'a': inside the range")
        #expect(!matches("x[a-]", "xb"))
    }

    @Test func unterminatedClasses() {
        #expect(!matches("a[", "a["))
        #expect(!matches("a[", "ab"))
        #expect(matches("a[^", "ab"), "an unterminated negated class matches any byte")
        #expect(matches("a[^", "a["))
        #expect(matches("a[b", "ab"))
        #expect(matches("a[bc", "ac"))
        #expect(!matches("a[bc", "ad"))
        #expect(!matches("h[", "hello"))
    }

    @Test func escapes() {
        #expect(matches("h\\*llo", "h*llo"))
        #expect(!matches("h\\*llo", "hello"))
        #expect(matches("h\\?llo", "h?llo"))
        #expect(!matches("h\\?llo", "hallo"))
        #expect(matches("h\\[a]llo", "h[a]llo"))
        #expect(matches("h\\\\llo", "h\\llo"))
        #expect(matches("a\\", "a\\"), "a trailing backslash is literal")
        #expect(matches("\\", "\\"))
        #expect(matches("\\a", "a"))
    }

    @Test func rangesCompareSignedBytes() {
        // As C's signed char: 0x80...0xff are negative, below every ASCII byte.
        #expect(matches([0x5B, 0x80, 0x2D, 0xFF, 0x5D], [0x80]))
        #expect(matches([0x5B, 0x80, 0x2D, 0xFF, 0x5D], [0xFF]))
        #expect(!matches([0x5B, 0x80, 0x2D, 0xFF, 0x5D], [0x61]))
        // [a-\xff] is the signed range -1...97: it holds '\xff' and 'A', not 'b' nor '\x80'.
        let aToFF: [UInt8] = [0x5B, 0x61, 0x2D, 0xFF, 0x5D]
        #expect(matches(aToFF, [0xFF]))
        #expect(matches(aToFF, [0x41]))
        #expect(!matches(aToFF, [0x62]))
        #expect(!matches(aToFF, [0x80]))
    }

    @Test func binarySafe() {
        #expect(matches([0x61, 0x00, 0x2A], [0x61, 0x00, 0x62, 0x63]))
        #expect(!matches([0x61, 0x00], [0x61]))
        #expect(matches([0x3F], [0x00]))
    }

    @Test func noCase() {
        #expect(matches("HELLO", "hello", noCase: true))
        #expect(matches("h[A-Z]llo", "hello", noCase: true))
        #expect(!matches("HELLO", "hello"))
        #expect(matches("maxmemory*", "MAXMEMORY-policy", noCase: true))
    }

    @Test func pathologicalPatternsStayFast() {
        // Many stars against a subject that almost matches: Redis's "skip longer matches" rule
        // keeps this linear-ish; without it the search is exponential.
        let pattern = String(repeating: "a*", count: 40) + "b"
        let subject = String(repeating: "a", count: 200)
        #expect(!matches(pattern, subject))
        // A huge number of stars must not exhaust the stack.
        let stars = String(repeating: "*x", count: 100_000)
        #expect(!matches(stars, "y"))
        #expect(matches(String(repeating: "*", count: 100_000), "abc"))
    }

    /// Pattern, subject, and what KEYS answered on Redis 7.0.15.
    private static let checkedOnRedis: [([UInt8], [UInt8], Bool)] = [
        (Array("[".utf8), Array("[".utf8), false),
        (Array("[^".utf8), Array("x".utf8), true),
        (Array("[\\".utf8), Array("\\".utf8), true),
        (Array("[a\\".utf8), Array("\\".utf8), true),
        (Array("[\\]".utf8), Array("]".utf8), true),
        (Array("[\\]".utf8), Array("\\".utf8), false),
        (Array("*[".utf8), Array("a[".utf8), false),
        (Array("*[^".utf8), Array("ab".utf8), true),
        (Array("a*[^".utf8), Array("a".utf8), false),
        (Array("a*[^".utf8), Array("ab".utf8), true),
        (Array("*e*e*".utf8), Array("heello".utf8), true),
        ([0x61, 0x00], [0x61], false),
    ]

    @Test func casesCheckedOnRedis() {
        for (pattern, subject, expected) in Self.checkedOnRedis {
            #expect(matches(pattern, subject) == expected, "\(Bytes(pattern).debugDescription) vs \(Bytes(subject).debugDescription)")
        }
    }
}
