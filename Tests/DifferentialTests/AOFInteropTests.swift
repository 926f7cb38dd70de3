import Foundation
import Testing
@testable import CacheLabEngine

/// AOF folders crossing between CacheLab and a real redis-server 7.0.15: CacheLab's pass
/// redis-check-aof and load in Redis with the same data; Redis's (with and without the RDB
/// preamble, after BGREWRITEAOF) load in CacheLab with the same data.
///
/// Both sides replay the same files, so they must end in the same state, stream consumer
/// groups included (pending entries with their delivery times and counts, consumers, last
/// delivered IDs). Only a consumer's seen-time is the time of the replay, on both sides.
///
/// Redis 7.0.15 itself does not carry a group's entries-read counter through its AOF (it
/// propagates XREADGROUP as `XCLAIM ... LASTID`, which moves the last delivered ID but not
/// the counter), so against the server that wrote the files (rather than one that loaded
/// them) entries-read and lag are left out of the comparison.
@Suite(.serialized) struct AOFInteropTests {
    static let workload: [[String]] = [
        ["SET", "s", "hello"], ["SET", "t", "v", "EX", "1000"], ["INCRBYFLOAT", "f", "1.5"],
        ["RPUSH", "l", "a", "b", "c"], ["LPOP", "l"], ["HSET", "h", "f", "1", "g", "2"], ["HINCRBYFLOAT", "h", "f", "0.25"],
        ["SADD", "set", "1", "2", "3", "x"], ["SPOP", "set"], ["ZADD", "z", "1.5", "a", "-inf", "b"],
        ["EXPIRE", "h", "5000"], ["MULTI"], ["INCR", "n"], ["INCR", "n"], ["EXEC"],
        ["SELECT", "3"], ["SET", "in3", "x"], ["SELECT", "0"],
        ["XADD", "st", "1-1", "f", "v"], ["XADD", "st", "2-1", "f", "w"], ["XADD", "st", "*", "f", "x"],
        ["XGROUP", "CREATE", "st", "g", "0"], ["XGROUP", "CREATE", "st", "g2", "$"],
        ["XREADGROUP", "GROUP", "g", "alice", "COUNT", "1", "STREAMS", "st", ">"],
        ["BGREWRITEAOF"],
        ["XREADGROUP", "GROUP", "g", "bob", "COUNT", "1", "STREAMS", "st", ">"],
        ["XREADGROUP", "GROUP", "g", "carol", "NOACK", "COUNT", "1", "STREAMS", "st", ">"],
        ["XREADGROUP", "GROUP", "g", "bob", "STREAMS", "st", "0"],
        ["XCLAIM", "st", "g", "dave", "0", "1-1", "JUSTID"],
        ["XADD", "q", "1-0", "a", "1"], ["XADD", "q", "2-0", "a", "2"], ["XADD", "q", "3-0", "a", "3"],
        ["XGROUP", "CREATE", "q", "g", "0", "ENTRIESREAD", "0"],
        ["XREADGROUP", "GROUP", "g", "eve", "STREAMS", "q", ">"],
        ["XDEL", "q", "2-0"], ["XAUTOCLAIM", "q", "g", "frank", "0", "0", "COUNT", "10"],
        ["XACK", "q", "g", "1-0"], ["XGROUP", "CREATECONSUMER", "q", "g", "gina"],
        ["XGROUP", "CREATECONSUMER", "q", "g", "hank"], ["XGROUP", "DELCONSUMER", "q", "g", "hank"],
        ["XGROUP", "SETID", "q", "g", "3-0", "ENTRIESREAD", "3"],
        ["XADD", "q", "4-0", "a", "4"], ["XREADGROUP", "GROUP", "g", "eve", "NOACK", "STREAMS", "q", ">"],
    ]

    /// Stream commands whose replies show a group's whole state.
    static let streamProbes: [[Bytes]] = [
        ["XINFO", "STREAM", "st", "FULL"], ["XINFO", "STREAM", "q", "FULL"],
        ["XINFO", "GROUPS", "st"], ["XINFO", "GROUPS", "q"], ["XINFO", "CONSUMERS", "st", "g"], ["XINFO", "CONSUMERS", "q", "g"],
        ["XPENDING", "st", "g"], ["XPENDING", "st", "g", "-", "+", "10"], ["XPENDING", "q", "g", "-", "+", "10"],
    ]

    static func checkAOF(_ manifest: String) throws -> (ok: Bool, output: String) {
        let (status, output) = try RedisCheckTool.run("redis-check-aof", manifest)
        return (status == 0 && output.contains("are valid"), output)
    }

    static func compare(_ ours: RDBInteropTests.Picture, _ theirs: RDBInteropTests.Picture, _ label: String) {
        #expect(ours.keys.sorted() == theirs.keys.sorted(), "\(label)")
        for (db, keys) in theirs {
            #expect(ours[db]?.count == keys.count, "\(label) db \(db)")
            // Streams are compared with the probes.
            for (key, value) in keys where ours[db]?[key] != value && !value.hasPrefix("stream:") {
                Issue.record("\(label) db \(db) key \(key): redis \(value.prefix(120)) cachelab \(ours[db]?[key]?.prefix(120) ?? "missing")")
            }
        }
    }

    /// Replies to the stream probes, as a client would read them (RESP2), with the times
    /// that are the time of the replay masked; with `dropCounters`, entries-read and lag too.
    static func probe(_ call: ([Bytes]) throws -> Reply, dropCounters: Bool) throws -> [Reply] {
        try streamProbes.map { argv in mask(try call(argv), command: argv, dropCounters: dropCounters) }
    }

    static func mask(_ reply: Reply, command argv: [Bytes], dropCounters: Bool) -> Reply {
        if argv[0] == "XPENDING", argv.count > 3 {
            let masked = StreamTimingTests.mask(reply, command: argv)
            return dropCounters ? dropDeliveryCounts(masked) : masked
        }
        return maskFields(reply, dropCounters: dropCounters)
    }

    /// XPENDING's extended rows [id, consumer, idle, count] without the count.
    static func dropDeliveryCounts(_ reply: Reply) -> Reply {
        guard case .array(let rows) = reply else { return reply }
        return .array(rows.map { row in
            guard case .array(var fields) = row, fields.count == 4 else { return row }
            fields[3] = .integer(0)
            return .array(fields)
        })
    }

    /// `seen-time` and `idle` (the replay's time) become 0. With `dropCounters`, what
    /// Redis does not write to its AOF is left out too: `entries-read` and `lag` become null,
    /// and the delivery time and count of pending entries (which re-reading a consumer's
    /// history changes) become 0.
    static func maskFields(_ reply: Reply, dropCounters: Bool) -> Reply {
        guard case .array(var items) = reply else { return reply }
        var i = 0
        while i < items.count {
            if case .bulk(let key) = items[i], i + 1 < items.count {
                if key == "seen-time" || key == "idle" {
                    items[i + 1] = .integer(0)
                } else if dropCounters && (key == "entries-read" || key == "lag") {
                    items[i + 1] = .null
                } else if dropCounters && key == "pending", case .array(let rows) = items[i + 1] {
                    items[i + 1] = .array(rows.map { row in
                        guard case .array(var fields) = row, fields.count >= 3 else { return row }
                        fields[fields.count - 1] = .integer(0)
                        fields[fields.count - 2] = .integer(0)
                        return .array(fields)
                    })
                } else {
                    items[i + 1] = maskFields(items[i + 1], dropCounters: dropCounters)
                }
                i += 2
                continue
            }
            items[i] = maskFields(items[i], dropCounters: dropCounters)
            i += 1
        }
        return .array(items)
    }

    static func run(_ engine: Engine, _ argv: [Bytes], session: Session) throws -> Reply {
        var parser = RESPParser(RESPEncoder(protocolVersion: 2).encode(engine.execute(argv, session: session)))
        return try parser.next()
    }

    static func compareProbes(_ ours: [Reply], _ theirs: [Reply], _ label: String) {
        for (i, argv) in streamProbes.enumerated() where ours[i] != theirs[i] {
            Issue.record("\(label) \(argv.map(\.string).joined(separator: " "))\n redis: \(ReplyComparison.describe(theirs[i]))\n ours:  \(ReplyComparison.describe(ours[i]))")
        }
    }

    @Test(arguments: ["yes", "no"]) func redisLoadsCacheLabsAOF(preamble: String) throws {
        try RedisServerProcess.requireInstalled()
        let dir = try RDBInteropTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = Config()
        try config.setAtStartup("dir", dir)
        try config.setAtStartup("aof-use-rdb-preamble", preamble)
        try config.setAtStartup("appendonly", "yes")
        let engine = Engine(clock: .system(), config: config)
        _ = try engine.persistence.loadAtStartup()
        let session = engine.makeSession()
        for command in Self.workload {
            let reply = engine.execute(command.map { Bytes($0) }, session: session)
            if case .error(let message) = reply { Issue.record("\(command): \(message)") }
        }
        engine.persistence.stopAppendOnly()
        let check = try Self.checkAOF(dir + "/appendonlydir/appendonly.aof.manifest")
        #expect(check.ok, "\(check.output)")

        // CacheLab and Redis both load the files CacheLab wrote.
        let reloaded = Engine(clock: .system(), config: config)
        _ = try reloaded.persistence.loadAppendOnlyFiles()
        let reloadedSession = reloaded.makeSession()
        let server = try RedisServerProcess(extraArguments: ["--dir", dir, "--appendonly", "yes"])
        defer { server.stop() }
        let client = try RESPClient(port: server.port)
        let theirs = try RDBInteropTests.picture(of: client)
        Self.compare(RDBInteropTests.picture(of: reloaded), theirs, "preamble \(preamble), both loaded")
        Self.compare(RDBInteropTests.picture(of: engine), theirs, "preamble \(preamble), CacheLab live")
        let redisProbes = try Self.probe(client.call, dropCounters: false)
        Self.compareProbes(try Self.probe({ try Self.run(reloaded, $0, session: reloadedSession) }, dropCounters: false),
                           redisProbes, "preamble \(preamble), both loaded:")
        Self.compareProbes(try Self.probe({ try Self.run(engine, $0, session: session) }, dropCounters: true),
                           try Self.probe(client.call, dropCounters: true), "preamble \(preamble), CacheLab live:")
    }

    @Test(arguments: ["yes", "no"]) func cacheLabLoadsRedisAOF(preamble: String) throws {
        try RedisServerProcess.requireInstalled()
        let server = try RedisServerProcess(extraArguments: ["--appendonly", "yes", "--aof-use-rdb-preamble", preamble,
                                                             "--appendfsync", "always", "--enable-debug-command", "yes"])
        defer { server.stop() }
        let client = try RESPClient(port: server.port)
        for command in Self.workload {
            _ = try client.call(command.map { Bytes($0) })
            if command == ["BGREWRITEAOF"] { try Self.waitForRewrite(client) }
        }
        let live = try RDBInteropTests.picture(of: client)
        let liveProbes = try Self.probe(client.call, dropCounters: true)
        // What Redis itself holds after loading its own files.
        #expect(try client.call(["DEBUG", "LOADAOF"]) == .ok)
        let theirs = try RDBInteropTests.picture(of: client)
        let redisProbes = try Self.probe(client.call, dropCounters: false)

        let config = Config()
        try config.setAtStartup("dir", server.directory.path)
        try config.setAtStartup("appendonly", "yes")
        let engine = Engine(clock: .system(), config: config)
        let summary = try engine.persistence.loadAppendOnlyFiles()
        #expect(summary != nil)
        let session = engine.makeSession()
        Self.compare(RDBInteropTests.picture(of: engine), theirs, "redis preamble \(preamble), both loaded")
        Self.compare(RDBInteropTests.picture(of: engine), live, "redis preamble \(preamble), Redis live")
        Self.compareProbes(try Self.probe({ try Self.run(engine, $0, session: session) }, dropCounters: false),
                           redisProbes, "redis preamble \(preamble), both loaded:")
        Self.compareProbes(try Self.probe({ try Self.run(engine, $0, session: session) }, dropCounters: true),
                           liveProbes, "redis preamble \(preamble), Redis live:")
    }

    /// Waits (bounded) until Redis's background rewrite is over.
    static func waitForRewrite(_ client: RESPClient) throws {
        for _ in 0..<1000 {
            guard case .bulk(let info) = try client.call(["INFO", "persistence"]) else { break }
            if info.string.contains("aof_rewrite_in_progress:0") && info.string.contains("aof_rewrite_scheduled:0") { return }
            usleep(5_000)
        }
        Issue.record("Redis's AOF rewrite did not finish within 5 s")
    }
}
