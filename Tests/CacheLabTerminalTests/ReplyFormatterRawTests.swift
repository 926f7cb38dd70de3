import CacheLabEngine
import Testing
@testable import CacheLabTerminal

/// The raw formatter (`--raw`). Expected texts were printed by redis-cli 7.0.15 `--raw`.
@Suite struct ReplyFormatterRawTests {
    private let raw = ReplyFormatter(format: .raw)

    @Test func scalars() {
        #expect(raw.render(.status("OK")) == "OK\n")
        #expect(raw.render(.integer(3)) == "3\n")
        #expect(raw.render(.bulk("a\nb")) == "a\nb\n")
        #expect(raw.render(.null) == "\n")
        #expect(raw.render(.double(2.5)) == "2.5\n")
        #expect(raw.render(.bool(true)) == "(true)\n")
        #expect(raw.render(.bool(false)) == "(false)\n")
    }

    @Test func errorsAreFollowedByAnEmptyLine() {
        #expect(raw.render(.error("ERR unknown command 'foo'")) == "ERR unknown command 'foo'\n\n")
    }

    @Test func binaryBulksAreWrittenAsIs() {
        let bytes: [UInt8] = [0x01, 0x7F, 0x80, 0x00, 0xFF]
        var out = OutputBuffer()
        raw.write(.bulk(Bytes(bytes)), into: &out)
        #expect(out.bytes == bytes + [0x0A])
    }

    @Test func arraysAreFlattenedOnePerLine() {
        let reply = Reply.array([
            .integer(1),
            .array([.integer(2), .array([.integer(3), .integer(4)]), .array([])]),
            .bulk("x"),
        ])
        #expect(raw.render(reply) == "1\n2\n3\n4\n\nx\n")
        #expect(raw.render(.array([])) == "\n")
        #expect(raw.render(.array([.integer(1), .error("nested err"), .integer(2)])) == "1\nnested err\n\n2\n")
        #expect(raw.render(.array([.integer(1), .status("st"), .null, .integer(1)])) == "1\nst\n\n1\n")
    }

    @Test func mapsPrintKeySpaceValue() {
        let reply = Reply.map([
            .bulk("a"), .array([.integer(1)]),
            .bulk("c"), .array([]),
            .bulk("b"), .map([.bulk("x"), .array([.integer(1), .integer(2)])]),
        ])
        #expect(raw.render(reply) == "a 1\nc \nb x 1\n2\n")
        #expect(raw.render(.map([])) == "\n")
        #expect(raw.render(.set([.bulk("a"), .bulk("b")])) == "a\nb\n")
    }

    @Test func reportCommandsGetNoExtraNewline() {
        #expect(raw.render(.bulk("# Server\r\n"), rawStrings: true) == "# Server\r\n")
    }
}
