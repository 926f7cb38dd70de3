import Foundation
import Testing
@testable import CacheLabEngine

/// Streams crossing between CacheLab and a real redis-server 7.0.15 through RDB files (type
/// 19): entries, tombstones, node layout, consumer groups, pending entries and consumers must
/// come out identical, as seen by XRANGE and XINFO STREAM FULL.
@Suite(.serialized) struct RDBStreamInteropTests {
    /// Commands that build streams with several nodes, tombstones, mixed field sets, groups
    /// with pending entries, consumers without any, an unknown entries-read counter, and an
    /// empty stream that still has metadata.
    static func workload() -> [[String]] {
        var commands: [[String]] = []
        for i in 1...260 {
            let fields = i % 7 == 0 ? ["other", "x\(i)", "extra", "\(i * 3)"] : ["name", "n\(i)", "value", "\(i)"]
            commands.append(["XADD", "s", "1700000000000-\(i)"] + fields)
        }
        for i in [1, 2, 50, 101, 102, 150, 259] { commands.append(["XDEL", "s", "1700000000000-\(i)"]) }
        commands.append(["XGROUP", "CREATE", "s", "g1", "0"])
        commands.append(["XGROUP", "CREATE", "s", "g2", "$"])
        commands.append(["XGROUP", "CREATE", "s", "g3", "0"])
        commands.append(["XREADGROUP", "GROUP", "g1", "alice", "COUNT", "5", "STREAMS", "s", ">"])
        commands.append(["XREADGROUP", "GROUP", "g1", "bob", "COUNT", "3", "STREAMS", "s", ">"])
        commands.append(["XREADGROUP", "GROUP", "g1", "alice", "COUNT", "2", "STREAMS", "s", ">"])
        commands.append(["XACK", "s", "g1", "1700000000000-4"])
        commands.append(["XCLAIM", "s", "g1", "carol", "0", "1700000000000-5", "RETRYCOUNT", "7"])
        commands.append(["XGROUP", "CREATECONSUMER", "s", "g2", "idle"])
        commands.append(["XGROUP", "SETID", "s", "g3", "1700000000000-100"])
        commands.append(["XADD", "e", "5-5", "f", "v"])
        commands.append(["XDEL", "e", "5-5"])
        commands.append(["XGROUP", "CREATE", "e", "eg", "$"])
        commands.append(["XADD", "big", "*", "payload", String(repeating: "p", count: 3000)])
        commands.append(["XADD", "big", "*", "payload", String(repeating: "q", count: 3000)])
        commands.append(["XADD", "neg", "10-5", "a", "1"])
        commands.append(["XADD", "neg", "11-0", "a", "2"])
        commands.append(["XSETID", "neg", "99-0", "ENTRIESADDED", "40", "MAXDELETEDID", "10-0"])
        return commands
    }

    static let checks: [[Bytes]] = ["s", "e", "big", "neg"].flatMap { key -> [[Bytes]] in
        [["XRANGE", Bytes(key), "-", "+"], ["XINFO", "STREAM", Bytes(key), "FULL"], ["XINFO", "GROUPS", Bytes(key)],
         ["XLEN", Bytes(key)], ["OBJECT", "ENCODING", Bytes(key)]]
    }

    static func engineReply(_ engine: Engine, _ session: Session, _ argv: [Bytes]) throws -> Reply {
        var parser = RESPParser(RESPEncoder(protocolVersion: 2).encode(engine.execute(argv, session: session)))
        return try parser.next()
    }

    @Test func redisLoadsStreamsCacheLabWrites() throws {
        try RedisServerProcess.requireInstalled()
        let engine = Engine(clock: .system())
        let session = engine.makeSession()
        for command in Self.workload() { _ = engine.execute(command.map { Bytes($0) }, session: session) }
        let dir = try RDBInteropTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (name, options) in [("plain.rdb", RDBWriter.Options(compression: false, checksum: false)), ("full.rdb", RDBWriter.Options())] {
            let path = dir + "/" + name
            try RDBFile.save(engine.snapshotKeyspace(), to: path, options: options)
            let check = try RDBInteropTests.checkRDB(path)
            #expect(check.ok, "\(check.output)")
            let server = try RedisServerProcess(extraArguments: ["--dir", dir, "--dbfilename", name])
            defer { server.stop() }
            let client = try RESPClient(port: server.port)
            for argv in Self.checks {
                let theirs = try client.call(argv)
                let ours = try Self.engineReply(engine, session, argv)
                #expect(theirs == ours, "\(name) \(argv.map(\.string).joined(separator: " "))\n redis: \(ReplyComparison.describe(theirs))\n ours:  \(ReplyComparison.describe(ours))")
            }
        }
    }

    @Test func cacheLabLoadsStreamsRedisWrites() throws {
        try RedisServerProcess.requireInstalled()
        let server = try RedisServerProcess()
        defer { server.stop() }
        let client = try RESPClient(port: server.port)
        for command in Self.workload() { _ = try client.call(command.map { Bytes($0) }) }
        #expect(try client.call(["SAVE"]) == .ok)
        let path = server.directory.appendingPathComponent("dump.rdb").path
        let bytes = try #require(try RDBFile.read(path))
        let engine = Engine(clock: .system())
        let session = engine.makeSession()
        var options = RDBReader.Options()
        options.now = engine.clock.nowMilliseconds
        let result = try RDBReader.load(bytes, file: path, options: options)
        try engine.install(result, merge: false)
        #expect(result.keysLoaded == 4)
        for argv in Self.checks {
            let theirs = try client.call(argv)
            let ours = try Self.engineReply(engine, session, argv)
            #expect(theirs == ours, "\(argv.map(\.string).joined(separator: " "))\n redis: \(ReplyComparison.describe(theirs))\n ours:  \(ReplyComparison.describe(ours))")
        }
        // The loaded stream keeps working: new entries, deliveries and acknowledgements.
        for argv: [Bytes] in [["XADD", "s", "1700000000001-0", "name", "after"], ["XREADGROUP", "GROUP", "g3", "dave", "COUNT", "3", "STREAMS", "s", ">"],
                              ["XACK", "s", "g1", "1700000000000-3"], ["XINFO", "STREAM", "s", "FULL"]] {
            let theirs = StreamTimingTests.mask(try client.call(argv), command: argv)
            let ours = StreamTimingTests.mask(try Self.engineReply(engine, session, argv), command: argv)
            #expect(theirs == ours, "\(argv.map(\.string).joined(separator: " "))")
        }
    }
}
