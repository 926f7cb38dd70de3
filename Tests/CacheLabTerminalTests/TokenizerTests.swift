import CacheLabEngine
import Testing
@testable import CacheLabTerminal

/// The tokenizer against redis-cli's `sdssplitargs` rules.
@Suite struct TokenizerTests {
    private func split(_ line: String) -> [String]? {
        Tokenizer.split(line)?.map(\.string)
    }

    private func splitBytes(_ line: [UInt8]) -> [[UInt8]]? {
        Tokenizer.split(line)?.map(\.array)
    }

    @Test func splitsOnBlanks() {
        #expect(split("set a b") == ["set", "a", "b"])
        #expect(split("  set\t a \r\n b  ") == ["set", "a", "b"])
        #expect(split("") == [])
        #expect(split("   \t ") == [])
    }

    @Test func leadingBlanksUseIsspaceButArgumentsEndOnlyAtSpaceTabNewlineReturn() {
        // \v and \f are skipped before an argument but do not end one.
        #expect(splitBytes([0x0B, 0x0C, 0x61, 0x0B, 0x62]) == [[0x61, 0x0B, 0x62]])
    }

    @Test func doubleQuoteEscapes() {
        #expect(splitBytes(Array(#""\n\r\t\b\a\\\"""#.utf8)) == [[0x0A, 0x0D, 0x09, 0x08, 0x07, 0x5C, 0x22]])
        #expect(split(#""\x41\x7a\x7A""#) == ["Azz"])
        #expect(splitBytes(Array(#""\xff\x00""#.utf8)) == [[0xFF, 0x00]])
        // Anything else after a backslash stands for itself, including a bad \x.
        #expect(split(#""\q\xzz\'""#) == ["qxzz'"])
        #expect(split(#""\x4""#) == ["x4"])
        #expect(split(#""a b" c"#) == ["a b", "c"])
    }

    @Test func singleQuotesOnlyEscapeTheQuote() {
        #expect(split(#"'it\'s'"#) == ["it's"])
        #expect(split(#"'a\nb'"#) == [#"a\nb"#])
        #expect(split(#"'a\\b'"#) == [#"a\\b"#])
        #expect(split(#"'say "hi"'"#) == [#"say "hi""#])
    }

    @Test func quotesCanStartInsideAnArgument() {
        #expect(split(#"a"b c"d"#) == nil)  // closing quote followed by a letter
        #expect(split(#"a"b c""#) == ["ab c"])
        #expect(split(#"key'x y'"#) == ["keyx y"])
    }

    @Test func emptyQuotedArguments() {
        #expect(split(#""" ''"#) == ["", ""])
        #expect(split(#"echo """#) == ["echo", ""])
    }

    @Test func unbalancedQuotesAreInvalid() {
        #expect(split(#""abc"#) == nil)
        #expect(split("'abc") == nil)
        #expect(split(#""abc\"#) == nil)
        #expect(split(#""a"b"#) == nil)
        #expect(split("'a'b") == nil)
        #expect(split(#"set "a"#) == nil)
    }

    @Test func closingQuoteMayBeFollowedByAnyBlank() {
        #expect(split("\"a\"\tb") == ["a", "b"])
        #expect(splitBytes([0x22, 0x61, 0x22, 0x0B, 0x62]) == [[0x61], [0x62]])
    }

    @Test func unquotedBackslashesAreLiteral() {
        #expect(split(#"a\nb"#) == [#"a\nb"#])
    }

    @Test func aNulByteEndsTheLine() {
        #expect(splitBytes([0x61, 0x00, 0x62]) == [[0x61]])
        #expect(splitBytes([0x22, 0x61, 0x00, 0x22]) == nil)
    }

    @Test func utf8PassesThroughAsBytes() {
        #expect(split("echo ñandú 🦀") == ["echo", "ñandú", "🦀"])
        #expect(split("\"ñ\" 'ü'") == ["ñ", "ü"])
    }

    @Test func longArgumentsAreKeptWhole() {
        let long = String(repeating: "x", count: 1000)
        #expect(split("set k \(long)") == ["set", "k", long])
        #expect(split("set k \"\(long) y\"") == ["set", "k", long + " y"])
    }
}
