import CacheLabEngine
import Foundation
import Testing

/// Differential scripts for sets, sorted sets and SORT that also need commands from other
/// groups (HELLO, OBJECT, CONFIG, DEL, TYPE, SET, HSET, RPUSH, LRANGE, EXPIRE...).
///
/// They live in `Scripts/after-merge/` and run exactly like the scripts of `DifferentialTests`
/// once every command they use is registered in the engine. Until then a script is reported
/// as waiting, with the missing commands, and not compared. One exception keeps the RESP3
/// reply shapes under test before HELLO exists: while the engine has no HELLO, a `HELLO 3`
/// line is sent to Redis and the engine's session is switched to RESP3 directly.
@Suite struct AfterMergeScriptTests {
    static let directory: URL = DifferentialTests.scriptsDirectory.appendingPathComponent("after-merge")

    static var scriptNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".redis") }.sorted()
    }

    @Test("After-merge script matches real Redis", arguments: scriptNames)
    func script(_ name: String) throws {
        let source = try String(contentsOf: Self.directory.appendingPathComponent(name), encoding: .utf8)
        let script = try DifferentialScript(name: name, source: source)
        let engine = Engine(clock: .system())
        let emulateHello = engine.registry.command(named: "HELLO") == nil
        let missing = Set(script.lines.compactMap { line -> String? in
            let command = line.argv[0]
            if emulateHello && command.equalsIgnoringCase("hello") { return nil }
            return engine.registry.command(named: command) == nil ? command.lowercased.string : nil
        })
        if !missing.isEmpty {
            print("after-merge/\(name) waits for: \(missing.sorted().joined(separator: ", "))")
            return
        }
        let server = try RedisServerProcess()
        defer { server.stop() }
        let client = try RESPClient(port: server.port)
        let session = engine.makeSession()
        var failures: [String] = []
        for line in script.lines {
            let expected = try client.call(line.argv)
            if emulateHello && line.argv[0].equalsIgnoringCase("hello") {
                if line.argv.count > 1, let version = line.argv[1].int64Value, !expected.isError {
                    session.protocolVersion = Int(version)
                }
                continue
            }
            engine.cron()
            let encoder = RESPEncoder(protocolVersion: session.protocolVersion)
            var parser = RESPParser(encoder.encode(engine.execute(line.argv, session: session)))
            let actual = try parser.next()
            if let problem = ReplyComparison.compare(expected: expected, actual: actual, as: line.comparison) {
                failures.append("\(name):\(line.number): \(line.text)\n    \(problem)")
            }
        }
        #expect(failures.isEmpty, Comment(rawValue: "\(failures.count) replies differ from Redis 7.0.15:\n" + failures.joined(separator: "\n")))
    }
}
