import CacheLabEngine
import Testing
@testable import CacheLabTerminal

/// The TTY formatter. Expected texts were printed by the real redis-cli 7.0.15 (`--no-raw`,
/// `-3` for RESP3) for the same replies, produced with EVAL against redis-server 7.0.15.
@Suite struct ReplyFormatterTTYTests {
    private let tty = ReplyFormatter(format: .tty)

    private func ints(_ range: ClosedRange<Int64>) -> [Reply] { range.map { .integer($0) } }

    @Test func scalars() {
        #expect(tty.render(.status("OK")) == "OK\n")
        #expect(tty.render(.error("ERR syntax error")) == "(error) ERR syntax error\n")
        #expect(tty.render(.integer(-42)) == "(integer) -42\n")
        #expect(tty.render(.integer(Int64.min)) == "(integer) -9223372036854775808\n")
        #expect(tty.render(.null) == "(nil)\n")
        #expect(tty.render(.nullArray) == "(nil)\n")
        #expect(tty.render(.bulk("hello")) == "\"hello\"\n")
        #expect(tty.render(.bulk("")) == "\"\"\n")
    }

    @Test func bulkStringsAreQuotedAndEscaped() {
        let bytes: [UInt8] = [0x01, 0x7F, 0x80, 0x09, 0x0D, 0x0A, 0x07, 0x08, 0x22, 0x5C, 0x27]
        #expect(tty.render(.bulk(Bytes(bytes))) == #""\x01\x7f\x80\t\r\n\a\b\"\\'""# + "\n")
        #expect(tty.render(.bulk(Bytes("ñ 🦀"))) == #""\xc3\xb1 \xf0\x9f\xa6\x80""# + "\n")
        #expect(tty.render(.bulk(Bytes([0x00, 0xFF]))) == #""\x00\xff""# + "\n")
    }

    @Test func resp3Scalars() {
        #expect(tty.render(.double(3.5)) == "(double) 3.5\n")
        #expect(tty.render(.double(0.1)) == "(double) 0.10000000000000001\n")
        #expect(tty.render(.double(100)) == "(double) 100\n")
        #expect(tty.render(.double(1e300)) == "(double) 1.0000000000000001e+300\n")
        #expect(tty.render(.double(-0.0)) == "(double) -0\n")
        #expect(tty.render(.double(.infinity)) == "(double) inf\n")
        #expect(tty.render(.double(-.infinity)) == "(double) -inf\n")
        #expect(tty.render(.bool(true)) == "(true)\n")
        #expect(tty.render(.bool(false)) == "(false)\n")
        #expect(tty.render(.verbatim(format: "txt", text: "hello\nworld")) == "hello\nworld\n")
    }

    @Test func emptyContainers() {
        #expect(tty.render(.array([])) == "(empty array)\n")
        #expect(tty.render(.map([])) == "(empty hash)\n")
        #expect(tty.render(.set([])) == "(empty set)\n")
        #expect(tty.render(.array([.map([]), .set([]), .double(2.5), .bool(true), .bool(false)])) == """
            1) (empty hash)
            2) (empty set)
            3) (double) 2.5
            4) (true)
            5) (false)

            """)
    }

    @Test func indicesAreRightAlignedFromTenElements() {
        let reply = Reply.array((1...12).map { .bulk(Bytes(String($0))) })
        #expect(tty.render(reply) == """
             1) "1"
             2) "2"
             3) "3"
             4) "4"
             5) "5"
             6) "6"
             7) "7"
             8) "8"
             9) "9"
            10) "10"
            11) "11"
            12) "12"

            """)
    }

    @Test func nestedArraysIndentByIndexWidthPlusTwo() {
        let reply = Reply.array([
            .integer(1),
            .array([.integer(2), .array([.integer(3), .integer(4)]), .array([])]),
            .bulk("x"),
            .array(ints(5...15)),
        ])
        #expect(tty.render(reply) == """
            1) (integer) 1
            2) 1) (integer) 2
               2) 1) (integer) 3
                  2) (integer) 4
               3) (empty array)
            3) "x"
            4)  1) (integer) 5
                2) (integer) 6
                3) (integer) 7
                4) (integer) 8
                5) (integer) 9
                6) (integer) 10
                7) (integer) 11
                8) (integer) 12
                9) (integer) 13
               10) (integer) 14
               11) (integer) 15

            """)
        let first = Reply.array([.array(ints(1...11)), .array([.integer(1)])])
        #expect(tty.render(first) == """
            1)  1) (integer) 1
                2) (integer) 2
                3) (integer) 3
                4) (integer) 4
                5) (integer) 5
                6) (integer) 6
                7) (integer) 7
                8) (integer) 8
                9) (integer) 9
               10) (integer) 10
               11) (integer) 11
            2) 1) (integer) 1

            """)
    }

    @Test func errorsAndStatusesInsideArrays() {
        let reply = Reply.array([.integer(1), .error("nested err"), .integer(2), .status("st"), .null])
        #expect(tty.render(reply) == """
            1) (integer) 1
            2) (error) nested err
            3) (integer) 2
            4) st
            5) (nil)

            """)
    }

    @Test func mapsAndSets() {
        #expect(tty.render(.map([.bulk("a"), .integer(1)])) == "1# \"a\" => (integer) 1\n")
        #expect(tty.render(.set([.bulk("x")])) == "1~ \"x\"\n")
        // A value that takes several lines starts on a new line, indented.
        let nested = Reply.map([
            .bulk("a"), .array([.integer(1)]),
            .bulk("c"), .array([]),
            .bulk("b"), .map([.bulk("x"), .array([.integer(1), .integer(2)])]),
        ])
        #expect(tty.render(nested) == """
            1# "a" => 1) (integer) 1
            2# "c" => (empty array)
            3# "b" => 
               1# "x" => 
                  1) (integer) 1
                  2) (integer) 2

            """)
        #expect(tty.render(.array([.integer(1), .map([.bulk("k"), .array([.integer(1), .integer(2)])])])) == """
            1) (integer) 1
            2) 1# "k" => 
                  1) (integer) 1
                  2) (integer) 2

            """)
        #expect(tty.render(.map([.bulk("k"), .map([.bulk("x"), .integer(1)])])) == "1# \"k\" => 1# \"x\" => (integer) 1\n")
    }

    @Test func mapsOfTenEntriesAlignTheirNumbers() {
        var items: [Reply] = []
        for i in 1...10 { items += [.bulk(Bytes("k\(i)")), .integer(Int64(i))] }
        let lines = tty.render(.map(items)).split(separator: "\n")
        #expect(lines.first == " 1# \"k1\" => (integer) 1")
        #expect(lines.last == "10# \"k10\" => (integer) 10")
    }

    @Test func resp2ClientsSeeFlattenedReplies() {
        let reply = Reply.map([.bulk("a"), .double(0.1), .bulk("b"), .bool(true)])
        #expect(tty.render(reply.asReceived(byProtocol: 2)) == """
            1) "a"
            2) "0.10000000000000001"
            3) "b"
            4) (integer) 1

            """)
        #expect(tty.render(Reply.set([]).asReceived(byProtocol: 2)) == "(empty array)\n")
        #expect(tty.render(Reply.verbatim(format: "txt", text: "a\nb").asReceived(byProtocol: 2)) == "\"a\\nb\"\n")
        #expect(Reply.double(3).asReceived(byProtocol: 3) == .double(3))
    }

    @Test func reportCommandsPrintRawText() {
        #expect(tty.render(.bulk("# Server\r\nredis_version:7.0.15\r\n"), rawStrings: true) == "# Server\r\nredis_version:7.0.15\r\n")
        #expect(ReplyFormatter.printsRawStrings(["INFO"]))
        #expect(ReplyFormatter.printsRawStrings(["client", "LIST"]))
        #expect(ReplyFormatter.printsRawStrings(["latency", "graph", "x"]))
        #expect(!ReplyFormatter.printsRawStrings(["latency", "graph"]))
        #expect(!ReplyFormatter.printsRawStrings(["get", "info"]))
        #expect(!ReplyFormatter.printsRawStrings(["cluster", "nodes", "x"]))
    }
}
