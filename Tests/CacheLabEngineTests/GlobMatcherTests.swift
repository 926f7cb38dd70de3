import Testing
@testable import CacheLabEngine

@Suite struct GlobMatcherTests {
    static let cases: [(String, String, Bool)] = [
        ("*", "anything", true), ("*", "", false), ("", "", true), ("a*", "abc", true), ("a*", "ba", false),
        ("*c", "abc", true), ("a*c", "ac", true), ("a*c", "abd", false), ("a**c", "abbc", true),
        ("?", "a", true), ("?", "", false), ("??", "a", false), ("h?llo", "hello", true),
        ("h[ae]llo", "hallo", true), ("h[ae]llo", "hillo", false), ("h[^e]llo", "hallo", true),
        ("h[^e]llo", "hello", false), ("h[a-b]llo", "hbllo", true), ("h[b-a]llo", "hallo", true),
        ("h[a-b]llo", "hcllo", false), ("\\*", "*", true), ("\\*", "a", false), ("a\\", "a\\", true),
        ("[\\]]", "]", true), ("[abc", "a", true), ("[abc", "d", false), ("a[", "a", false),
        ("*a*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false),
        ("a*b*c", "axxbyyc", true), ("*[0-9]", "key7", true),
    ]

    @Test(arguments: cases)
    func matches(_ pattern: String, _ subject: String, _ expected: Bool) {
        #expect(GlobMatcher.matches(pattern: Bytes(pattern), Bytes(subject)) == expected)
    }

    @Test func ignoringCase() {
        #expect(GlobMatcher.matches(pattern: "HZ", "hz", ignoringCase: true))
        #expect(!GlobMatcher.matches(pattern: "HZ", "hz"))
        #expect(GlobMatcher.matches(pattern: "[A-C]x", "bX", ignoringCase: true))
        #expect(GlobMatcher.matches(pattern: "h[E]*", "HELLO", ignoringCase: true))
    }

    @Test func binarySafe() {
        #expect(GlobMatcher.matches(pattern: Bytes([0, 42]), Bytes([0, 1, 2])))
        #expect(GlobMatcher.matches(pattern: "?", Bytes([255])))
    }
}
