import CacheLabEngine
import Foundation
import Testing
@testable import CacheLabTerminal

/// `cachelab --pipe`: the same input through `redis-cli --pipe` (against a real redis-server
/// 7.0.15) and through cachelab; exit status, stdout and stderr must match byte for byte.
@Suite(.serialized) struct PipeModeTests {
    /// Inline commands and the multibulk form, errors, blank lines and empty requests, a
    /// last line without a newline, protocol errors (which close the connection) and QUIT.
    static let inputs: [String] = [
        "SET a 1\nGET a\nNOSUCH\n",
        "SET a 1",
        "*1\r\n$4\r\nPING\r\n",
        "\n\n   \nPING\r\n",
        "*0\r\n*-1\r\nPING\n",
        "*1\r\n$2\r\nab\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$0\r\n\r\nGET k\n",
        "*3\r\n$3\r\nSET\r\n$1\r\nb\r\n$1\r\n\u{0}\r\nSTRLEN b\n",
        "SET \"a\\x00b\" 1\nEXISTS \"a\\x00b\"\n",
        "*1\r\n$04\r\nPING\r\n",
        "*abc\r\n",
        "SET a \"b\n",
        "*1\r\nx4\r\nPING\r\n",
        "*1\r\n\r\n",
        "*2\r\n$-1\r\n",
        "*1\r\n$4\r\nPING\r\n*+1\r\n",
        "SET a 1\nQUIT\nPING\n",
        // Values far longer than one read of the input, in both forms.
        "*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$300000\r\n" + String(repeating: "x", count: 300_000) + "\r\nSTRLEN big\n",
        "SET big " + String(repeating: "y", count: 60_000) + "\nSTRLEN big\nSET big " + String(repeating: "z", count: 70_000) + "\n",
    ]

    @Test func matchesRedisCLIPipe() throws {
        guard let oracle = try RedisCLIOracle.start() else { return }
        for input in Self.inputs {
            try oracle.expectSame(["--pipe"], input: input, ourArguments: ["--ephemeral"])
        }
    }

    /// A last command cut short swallows the ECHO that marks the end, so the last reply never
    /// comes: redis-cli gives up after --pipe-timeout seconds; CacheLab knows at once.
    @Test func aCommandCutShortNeverGetsItsLastReply() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("input", Array("SET a 1\n*2\r\n$3\r\nGET\r\n$100\r\nab".utf8))
        let result = try Subprocess.run(BuiltProducts.cachelab, ["--ephemeral", "--pipe", "--pipe-timeout", "7"], stdinPath: path,
                                        environment: BuiltProducts.isolatedEnvironment(in: dir))
        #expect(result.status == 1)
        #expect(result.text == "All data transferred. Waiting for the last reply...\nerrors: 1, replies: 1\n")
        #expect(result.errorText == "No replies for 7 seconds: exiting.\n")
    }

    /// SHUTDOWN ends the server, and with it the connection: no summary.
    @Test func shutdownClosesTheConnection() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("input", Array("SET a 1\nSHUTDOWN NOSAVE\nPING\n".utf8))
        let result = try Subprocess.run(BuiltProducts.cachelab, ["--ephemeral", "--pipe"], stdinPath: path,
                                        environment: BuiltProducts.isolatedEnvironment(in: dir))
        #expect(result.status == 1)
        #expect(result.text == "All data transferred. Waiting for the last reply...\n")
        #expect(result.errorText.isEmpty)
    }
}

/// What the server makes of the bytes a client sends.
@Suite struct RequestStreamTests {
    private func parse(_ text: String, maxBulkLength: Int = 512 << 20) -> [RequestStream.Next] {
        let bytes = Array(text.utf8)
        var position = 0
        var results: [RequestStream.Next] = []
        bytes.withUnsafeBytes { buffer in
            while true {
                let next = RequestStream.next(in: buffer, at: &position, maxBulkLength: maxBulkLength)
                results.append(next)
                if case .command = next { continue }
                if case .nothing = next { continue }
                return
            }
        }
        return results
    }

    private func error(_ text: String) -> RequestStream.Next { .protocolError(.error(text)) }

    @Test func inlineAndMultibulk() {
        #expect(parse("SET a \"b c\"\r\nGET a\n") == [.command(["SET", "a", "b c"]), .command(["GET", "a"]), .incomplete])
        #expect(parse("*2\r\n$3\r\nGET\r\n$1\r\na\r\n") == [.command(["GET", "a"]), .incomplete])
        #expect(parse("\n*0\r\n*-5\r\n") == [.nothing, .nothing, .nothing, .incomplete])
    }

    @Test func partsNotYetThereAreIncomplete() {
        #expect(parse("GET a") == [.incomplete])
        #expect(parse("*2\r") == [.incomplete])
        #expect(parse("*2\r\n$3\r\nGET\r\n$1\r\na\r") == [.incomplete])
        // The server stops looking for a line end at a NUL byte.
        #expect(parse("GET \u{0}a\n") == [.incomplete])
    }

    /// The two bytes after a bulk are skipped unread, as the server does.
    @Test func theBytesAfterABulkAreNotChecked() {
        #expect(parse("*1\r\n$4\r\nPINGxy*1\r\n$4\r\nPING\r\n") == [.command(["PING"]), .command(["PING"]), .incomplete])
    }

    @Test func protocolErrors() {
        #expect(parse("*x\r\n") == [error("ERR Protocol error: invalid multibulk length")])
        #expect(parse("*2147483648\r\n") == [error("ERR Protocol error: invalid multibulk length")])
        #expect(parse("*1\r\n:4\r\n") == [error("ERR Protocol error: expected '$', got ':'")])
        #expect(parse("*1\r\n\r\n") == [error("ERR Protocol error: expected '$', got ' '")])
        #expect(parse("*1\r\n$-1\r\n") == [error("ERR Protocol error: invalid bulk length")])
        #expect(parse("*1\r\n$11\r\n", maxBulkLength: 10) == [error("ERR Protocol error: invalid bulk length")])
        #expect(parse("SET a 'b\n") == [error("ERR Protocol error: unbalanced quotes in request")])
        #expect(parse(String(repeating: "a", count: 64 * 1024 + 1)) == [error("ERR Protocol error: too big inline request")])
        #expect(parse("*" + String(repeating: "1", count: 64 * 1024 + 1)) == [error("ERR Protocol error: too big mbulk count string")])
        #expect(parse("*1\r\n$" + String(repeating: "1", count: 64 * 1024)) == [error("ERR Protocol error: too big bulk count string")])
    }
}
