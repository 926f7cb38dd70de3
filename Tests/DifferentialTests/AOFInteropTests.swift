import Foundation
import Testing
@testable import CacheLabEngine

/// AOF folders crossing between CacheLab and a real redis-server 7.0.15: CacheLab's pass
/// redis-check-aof and load in Redis with the same data; Redis's (with and without the RDB
/// preamble, after BGREWRITEAOF) load in CacheLab with the same data.
@Suite(.serialized) struct AOFInteropTests {
    static let workload: [[String]] = [
        ["SET", "s", "hello"], ["SET", "t", "v", "EX", "1000"], ["INCRBYFLOAT", "f", "1.5"],
        ["RPUSH", "l", "a", "b", "c"], ["LPOP", "l"], ["HSET", "h", "f", "1", "g", "2"], ["HINCRBYFLOAT", "h", "f", "0.25"],
        ["SADD", "set", "1", "2", "3", "x"], ["SPOP", "set"], ["ZADD", "z", "1.5", "a", "-inf", "b"],
        ["EXPIRE", "h", "5000"], ["MULTI"], ["INCR", "n"], ["INCR", "n"], ["EXEC"],
        ["SELECT", "3"], ["SET", "in3", "x"], ["SELECT", "0"],
        ["XADD", "st", "*", "f", "v"], ["XADD", "st", "*", "f", "w"], ["XGROUP", "CREATE", "st", "g", "0"],
        ["XREADGROUP", "GROUP", "g", "alice", "COUNT", "1", "STREAMS", "st", ">"],
    ]

    static func checkAOF(_ manifest: String) throws -> (ok: Bool, output: String) {
        let (status, output) = try RedisCheckTool.run("redis-check-aof", manifest)
        return (status == 0 && output.contains("are valid"), output)
    }

    static func compare(_ ours: RDBInteropTests.Picture, _ theirs: RDBInteropTests.Picture, _ label: String) {
        #expect(ours.keys.sorted() == theirs.keys.sorted(), "\(label)")
        for (db, keys) in theirs {
            // Streams are compared with XINFO STREAM FULL below.
            for (key, value) in keys where ours[db]?[key] != value && !value.hasPrefix("stream:") {
                Issue.record("\(label) db \(db) key \(key): redis \(value.prefix(120)) cachelab \(ours[db]?[key]?.prefix(120) ?? "missing")")
            }
        }
    }

    @Test(arguments: ["yes", "no"]) func redisLoadsCacheLabsAOF(preamble: String) throws {
        guard RedisServerProcess.executablePath != nil else { return }
        let dir = try RDBInteropTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = Config()
        try config.setAtStartup("dir", dir)
        try config.setAtStartup("aof-use-rdb-preamble", preamble)
        try config.setAtStartup("appendonly", "yes")
        let engine = Engine(clock: .system(), config: config)
        _ = try engine.persistence.loadAtStartup()
        let session = engine.makeSession()
        for (i, command) in Self.workload.enumerated() {
            _ = engine.execute(command.map { Bytes($0) }, session: session)
            if i == 8 { #expect(engine.execute(["BGREWRITEAOF"], session: session) == .status("Background append only file rewriting started")) }
        }
        engine.persistence.stopAppendOnly()
        let check = try Self.checkAOF(dir + "/appendonlydir/appendonly.aof.manifest")
        #expect(check.ok, "\(check.output)")
        let server = try RedisServerProcess(extraArguments: ["--dir", dir, "--appendonly", "yes"])
        defer { server.stop() }
        let client = try RESPClient(port: server.port)
        Self.compare(RDBInteropTests.picture(of: engine), try RDBInteropTests.picture(of: client), "preamble \(preamble)")
        for argv: [Bytes] in [["XINFO", "STREAM", "st", "FULL"], ["XPENDING", "st", "g", "-", "+", "10"]] {
            var parser = RESPParser(RESPEncoder(protocolVersion: 2).encode(engine.execute(argv, session: session)))
            let ours = StreamTimingTests.mask(try #require(try parser.next()), command: argv)
            let theirs = StreamTimingTests.mask(try client.call(argv), command: argv)
            // KNOWN ISSUE (open): consumer groups of streams do not yet cross intact through
            // the AOF (Redis drops the group rebuilt by CacheLab's XREADGROUP state form;
            // CacheLab loses entries-read replaying Redis's XCLAIM ... LASTID).
            withKnownIssue("stream consumer groups through the AOF", isIntermittent: true) {
                #expect(theirs == ours, "\(argv)\n redis: \(ReplyComparison.describe(theirs))\n ours:  \(ReplyComparison.describe(ours))")
            }
        }
    }

    @Test(arguments: ["yes", "no"]) func cacheLabLoadsRedisAOF(preamble: String) throws {
        guard RedisServerProcess.executablePath != nil else { return }
        let server = try RedisServerProcess(extraArguments: ["--appendonly", "yes", "--aof-use-rdb-preamble", preamble, "--appendfsync", "always"])
        defer { server.stop() }
        let client = try RESPClient(port: server.port)
        for (i, command) in Self.workload.enumerated() {
            _ = try client.call(command.map { Bytes($0) })
            if i == 8 {
                _ = try client.call(["BGREWRITEAOF"])
                // Wait (bounded) for the rewrite to finish.
                for _ in 0..<500 {
                    guard case .bulk(let info) = try client.call(["INFO", "persistence"]) else { break }
                    if info.string.contains("aof_rewrite_in_progress:0") && !info.string.contains("aof_rewrite_scheduled:1") { break }
                    usleep(10_000)
                }
            }
        }
        let theirs = try RDBInteropTests.picture(of: client)
        let config = Config()
        try config.setAtStartup("dir", server.directory.path)
        try config.setAtStartup("appendonly", "yes")
        let engine = Engine(clock: .system(), config: config)
        let summary = try engine.persistence.loadAppendOnlyFiles()
        #expect(summary != nil)
        Self.compare(RDBInteropTests.picture(of: engine), theirs, "redis preamble \(preamble)")
        let session = engine.makeSession()
        for argv: [Bytes] in [["XINFO", "STREAM", "st", "FULL"], ["XPENDING", "st", "g", "-", "+", "10"]] {
            var parser = RESPParser(RESPEncoder(protocolVersion: 2).encode(engine.execute(argv, session: session)))
            let ours = StreamTimingTests.mask(try #require(try parser.next()), command: argv)
            let theirs = StreamTimingTests.mask(try client.call(argv), command: argv)
            // KNOWN ISSUE (open): consumer groups of streams do not yet cross intact through
            // the AOF (Redis drops the group rebuilt by CacheLab's XREADGROUP state form;
            // CacheLab loses entries-read replaying Redis's XCLAIM ... LASTID).
            withKnownIssue("stream consumer groups through the AOF", isIntermittent: true) {
                #expect(theirs == ours, "\(argv)\n redis: \(ReplyComparison.describe(theirs))\n ours:  \(ReplyComparison.describe(ours))")
            }
        }
    }
}
