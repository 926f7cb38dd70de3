import CacheLabEngine
import Foundation
import Testing

/// Runs `Scripts/streams-resp3.resp3` against a real redis-server and the engine, both
/// switched to RESP3 with HELLO 3, and compares every reply on the wire.
///
/// The file has the script format but not the `.redis` extension, because the generic runner
/// would send its lines without HELLO. When the engine has no HELLO command (it belongs to
/// another command group), the test sets the session's protocol itself.
@Suite struct StreamRESP3Tests {
    @Test func streamRepliesMatchRedisInRESP3() throws {
        let url = DifferentialTests.scriptsDirectory.appendingPathComponent("streams-resp3.resp3")
        let script = try DifferentialScript(name: "streams-resp3.resp3", source: String(contentsOf: url, encoding: .utf8))
        let server = try RedisServerProcess()
        defer { server.stop() }
        let client = try RESPClient(port: server.port)
        let engine = Engine(clock: .system())
        let session = engine.makeSession()

        _ = try client.call(["HELLO", "3"])
        if engine.execute(["HELLO", "3"], session: session).isError { session.protocolVersion = 3 }
        #expect(session.protocolVersion == 3)

        var failures: [String] = []
        for line in script.lines {
            let expected = try client.call(line.argv)
            var parser = RESPParser(RESPEncoder(protocolVersion: 3).encode(engine.execute(line.argv, session: session)))
            let actual = try parser.next()
            if let problem = ReplyComparison.compare(expected: expected, actual: actual, as: line.comparison) {
                failures.append("\(script.name):\(line.number): \(line.text)\n    \(problem)")
            }
        }
        #expect(failures.isEmpty, Comment(rawValue: failures.joined(separator: "\n")))
    }
}
