import CacheLabEngine
import Testing
@testable import CacheLabTerminal

/// `--csv`, `--json` and `--quoted-json`, and raw form's `-d` and `-D`. Expected texts were
/// printed by redis-cli 7.0.15 for the same replies.
@Suite struct ReplyFormatterCSVJSONTests {
    private let csv = ReplyFormatter(format: .csv)
    private let json = ReplyFormatter(format: .json)
    private let quotedJSON = ReplyFormatter(format: .quotedJSON)
    private let awkward = Bytes([UInt8]("café \"q\" \\ \n\t".utf8) + [0x01, 0x7F])
    private let wrongType = Reply.error("WRONGTYPE Operation against a key holding the wrong kind of value")

    @Test func csvQuotesStringsAndFlattensAggregates() {
        #expect(csv.render(.status("OK")) == "\"OK\"\n")
        #expect(csv.render(.bulk(awkward)) == "\"caf\\xc3\\xa9 \\\"q\\\" \\\\ \\n\\t\\x01\\x7f\"\n")
        #expect(csv.render(.null) == "NULL\n")
        #expect(csv.render(.integer(3)) == "3\n")
        #expect(csv.render(.array([.bulk("a"), .bulk("b"), .bulk("c d")])) == "\"a\",\"b\",\"c d\"\n")
        #expect(csv.render(.array([.array([.bulk("a"), .double(1.5)]), .array([.bulk("b"), .double(2)])])) == "\"a\",1.5,\"b\",2\n")
        #expect(csv.render(.map([.bulk("flags"), .set([.bulk("off")]), .bulk("redirect"), .integer(-1), .bulk("prefixes"), .array([])]))
            == "\"flags\",\"off\",\"redirect\",-1,\"prefixes\",\n")
        #expect(csv.render(wrongType) == "ERROR,\"WRONGTYPE Operation against a key holding the wrong kind of value\"\n")
    }

    @Test func jsonKeepsTheShapeOfTheReply() {
        #expect(json.render(.status("OK")) == "\"OK\"\n")
        #expect(json.render(.bulk(awkward)) == "\"café \\\"q\\\" \\\\ \\n\\t\\u0001\u{7F}\"\n")
        #expect(json.render(.null) == "null\n")
        #expect(json.render(.map([.bulk("f1"), .bulk("v1"), .bulk("f2"), .bulk("2")])) == "{\"f1\":\"v1\",\"f2\":\"2\"}\n")
        #expect(json.render(.array([.array([.bulk("a"), .double(1.5)]), .array([.bulk("b"), .double(2)])])) == "[[\"a\",1.5],[\"b\",2]]\n")
        #expect(json.render(.map([.bulk("flags"), .set([.bulk("off")]), .bulk("redirect"), .integer(-1), .bulk("prefixes"), .array([])]))
            == "{\"flags\":[\"off\"],\"redirect\":-1,\"prefixes\":[]}\n")
        #expect(json.render(wrongType) == "error:\"WRONGTYPE Operation against a key holding the wrong kind of value\"\n")
    }

    /// A key that is not a string is written as a JSON string of its form.
    @Test func jsonMapKeysBecomeStrings() {
        #expect(json.render(.map([.integer(1), .bulk("a"), .null, .bool(true)])) == "{\"1\":\"a\",\"null\":true}\n")
    }

    @Test func quotedJSONDoublesTheTerminalFormsBackslashes() {
        #expect(quotedJSON.render(.bulk(awkward)) == "\"caf\\\\xc3\\\\xa9 \\\\\"q\\\\\" \\\\\\\\ \\\\n\\\\t\\\\x01\\\\x7f\"\n")
        #expect(quotedJSON.render(.array([.bulk("x")])) == "[\"x\"]\n")
    }

    @Test func rawDelimitersSeparateElementsAndReplies() {
        let raw = ReplyFormatter(format: .raw, elementDelimiter: Bytes(","), replyDelimiter: Bytes("|"))
        #expect(raw.render(.array([.bulk("a"), .array([.bulk("b"), .integer(2)])])) == "a,b,2|")
        #expect(raw.render(.map([.bulk("f1"), .bulk("v1"), .bulk("f2"), .bulk("2")])) == "f1 v1,f2 2|")
        #expect(raw.render(.error("ERR x")) == "ERR x\n|")
        // Report commands print raw text in every mode, with -d between elements, no -D.
        #expect(raw.render(.array([.bulk("a"), .bulk("b")]), rawStrings: true) == "a,b")
        #expect(csv.render(.bulk("line 1\nline 2"), rawStrings: true) == "line 1\nline 2")
    }
}
