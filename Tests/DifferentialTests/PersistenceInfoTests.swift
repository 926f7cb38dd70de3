import CacheLabEngine
import Foundation
import Testing

/// INFO persistence beside a real redis-server 7.0.15: the same fields in the same order with
/// the AOF off and on, and the same values where both sides must agree (what FLUSHALL,
/// FLUSHDB and SWAPDB do to the change counter and to the save, the AOF's growth in bytes).
@Suite(.serialized) struct PersistenceInfoTests {
    /// The fields of INFO persistence, name → value, in order.
    static func fields(_ reply: Reply) -> [(String, String)] {
        InfoFieldsTests.text(of: reply).components(separatedBy: "\r\n").compactMap { line in
            guard let colon = line.firstIndex(of: ":"), !line.hasPrefix("#") else { return nil }
            return (String(line[..<colon]), String(line[line.index(after: colon)...]))
        }
    }

    static func value(_ name: String, in reply: Reply) -> String? {
        fields(reply).first { $0.0 == name }?.1
    }

    /// A real server and an engine, each with its own folder and the same parameters.
    struct Pair {
        let server: RedisServerProcess
        let client: RESPClient
        let engine: Engine
        let session: Session

        init(_ parameters: [(String, String)]) throws {
            server = try RedisServerProcess(extraArguments: parameters.flatMap { ["--" + $0.0, $0.1] })
            client = try RESPClient(port: server.port)
            let dir = server.directory.appendingPathComponent("cachelab").path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let config = Config()
            try config.setAtStartup("dir", dir)
            for (name, value) in parameters { try config.setAtStartup(name, value) }
            engine = Engine(clock: .system(), config: config)
            _ = try engine.persistence.loadAtStartup()
            session = engine.makeSession()
        }

        /// Runs `words` on both; returns both replies.
        @discardableResult
        func run(_ words: String...) throws -> (redis: Reply, ours: Reply) {
            let argv = words.map { Bytes($0) }
            return (try client.call(argv), engine.execute(argv, session: session))
        }

        func info() throws -> (redis: Reply, ours: Reply) { try run("INFO", "persistence") }

        func stop() {
            engine.persistence.stopAppendOnly()
            server.stop()
        }
    }

    @Test(arguments: ["no", "yes"]) func fieldsInRedisOrder(appendonly: String) throws {
        try RedisServerProcess.requireInstalled()
        let pair = try Pair([("appendonly", appendonly)])
        defer { pair.stop() }
        let (redis, ours) = try pair.info()
        #expect(Self.fields(ours).map(\.0) == Self.fields(redis).map(\.0))
        #expect(Self.value("aof_enabled", in: ours) == (appendonly == "yes" ? "1" : "0"))
    }

    @Test func flushAllWithSavePointsSavesAndClearsTheChangeCounter() throws {
        try RedisServerProcess.requireInstalled()
        let pair = try Pair([("save", "3600 1")])
        defer { pair.stop() }
        try pair.run("SET", "a", "1")
        try pair.run("SET", "b", "1")
        var (redis, ours) = try pair.info()
        #expect(Self.value("rdb_changes_since_last_save", in: redis) == "2")
        #expect(Self.value("rdb_changes_since_last_save", in: ours) == "2")
        let flush = try pair.run("FLUSHALL")
        #expect(flush.ours == flush.redis)
        (redis, ours) = try pair.info()
        for field in ["rdb_changes_since_last_save", "rdb_saves", "rdb_bgsave_in_progress"] {
            #expect(Self.value(field, in: ours) == Self.value(field, in: redis), "\(field)")
        }
        #expect(Self.value("rdb_changes_since_last_save", in: ours) == "0")
        // The dump was written, empty, and does not count as a save.
        #expect(Self.value("rdb_saves", in: ours) == "0")
        let dump = pair.server.directory.appendingPathComponent("cachelab/dump.rdb").path
        #expect(FileManager.default.fileExists(atPath: dump))
        #expect(Self.value("rdb_last_save_time", in: ours) == Self.value("rdb_last_save_time", in: redis)
                || abs((Int(Self.value("rdb_last_save_time", in: ours) ?? "") ?? 0) - (Int(Self.value("rdb_last_save_time", in: redis) ?? "") ?? 0)) <= 1)
    }

    @Test func flushesAndSwapsCountAsRedisCountsThem() throws {
        try RedisServerProcess.requireInstalled()
        let pair = try Pair([("save", ""), ("enable-debug-command", "yes")])
        defer { pair.stop() }
        // Single-key writes count one change on both sides; then the flushes and swaps, and
        // DEBUG RELOAD, whose save resets the counter without counting as a save.
        let steps: [[String]] = [
            ["SET", "a", "1"], ["SET", "b", "1"], ["SET", "c", "1"], ["FLUSHALL"], ["FLUSHALL"],
            ["SET", "a", "1"], ["SWAPDB", "0", "1"], ["FLUSHDB"], ["SELECT", "1"], ["FLUSHDB"], ["FLUSHDB"],
            ["SAVE"], ["SET", "x", "1"], ["DEBUG", "RELOAD"],
        ]
        for step in steps {
            let argv = step.map { Bytes($0) }
            let redis = try pair.client.call(argv)
            let ours = pair.engine.execute(argv, session: pair.session)
            #expect(ours == redis, "\(step)")
            let (redisInfo, ourInfo) = try pair.info()
            #expect(Self.value("rdb_changes_since_last_save", in: ourInfo) == Self.value("rdb_changes_since_last_save", in: redisInfo),
                    "after \(step)")
            #expect(Self.value("rdb_saves", in: ourInfo) == Self.value("rdb_saves", in: redisInfo), "after \(step)")
        }
        #expect(Self.value("rdb_saves", in: try pair.info().ours) == "1")
    }

    @Test func appendOnlyFileGrowsByTheSameBytes() throws {
        try RedisServerProcess.requireInstalled()
        let pair = try Pair([("appendonly", "yes"), ("appendfsync", "always")])
        defer { pair.stop() }
        func sizes(_ reply: Reply) -> (current: Int, base: Int) {
            (Int(Self.value("aof_current_size", in: reply) ?? "") ?? -1, Int(Self.value("aof_base_size", in: reply) ?? "") ?? -1)
        }
        try pair.run("SET", "k", "v")
        try pair.run("RPUSH", "l", "a", "b", "c")
        try pair.run("MULTI")
        try pair.run("INCR", "n")
        try pair.run("INCR", "n")
        try pair.run("EXEC")
        var (redis, ours) = try pair.info()
        #expect(sizes(ours).current - sizes(ours).base == sizes(redis).current - sizes(redis).base)
        #expect(sizes(ours).current > sizes(ours).base)
        let rewrite = try pair.run("BGREWRITEAOF")
        #expect(rewrite.ours == rewrite.redis)
        try AOFInteropTests.waitForRewrite(pair.client)
        (redis, ours) = try pair.info()
        #expect(sizes(ours).current == sizes(ours).base)
        for field in ["aof_enabled", "aof_rewrites", "aof_rewrite_scheduled", "aof_pending_rewrite", "aof_last_bgrewrite_status",
                      "aof_last_write_status", "aof_rewrites_consecutive_failures"] {
            #expect(Self.value(field, in: ours) == Self.value(field, in: redis), "\(field)")
        }
    }
}
