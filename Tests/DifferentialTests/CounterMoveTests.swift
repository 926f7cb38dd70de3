import CacheLabEngine
import Foundation
import Testing

/// The counters a command moves, beside a real redis-server 7.0.15, command by command: the
/// change counter (`rdb_changes_since_last_save` of INFO persistence, Redis's
/// `server.dirty`) and the keyspace hits and misses of INFO stats.
///
/// The change counter is visible to users, decides when save points fire, and decides
/// whether a command reaches the AOF, so it must move exactly as Redis's does: by how much
/// each command changed, per element for many commands, and not at all for a command that
/// changed nothing or failed. Hits and misses are what a student reads to judge a cache, so
/// each command must count its lookups as Redis does (a STORE form's sources count; a
/// write's target does not). Each line of a script runs on both sides; after each, both are
/// asked INFO (the engine too, through the command, as a user would) and the moves of the
/// counters are compared. Both sides run without save points (`save ""`), so the change
/// counter only resets on SAVE.
///
/// The `dirty-*.redis` scripts are written for this (they also run as ordinary differential
/// scripts, replies compared); `everyDifferentialScript` replays every other script too,
/// comparing only the counters.
@Suite struct CounterMoveTests {
    static var dirtyScripts: [String] { DifferentialTests.scriptNames.filter { $0.hasPrefix("dirty-") } }
    static var otherScripts: [String] { DifferentialTests.scriptNames.filter { !$0.hasPrefix("dirty-") } }

    /// The counters compared, by their INFO field names.
    static let counterNames = ["rdb_changes_since_last_save", "keyspace_hits", "keyspace_misses"]

    /// The counters as INFO reports them, or nil when the reply lacks one.
    static func counters(in reply: Reply) -> [Int]? {
        let values = counterNames.map { PersistenceInfoTests.value($0, in: reply).flatMap { Int($0) } }
        return values.contains(nil) ? nil : values.map { $0! }
    }

    /// The change counter alone.
    static func changes(in reply: Reply) -> Int? {
        PersistenceInfoTests.value("rdb_changes_since_last_save", in: reply).flatMap { Int($0) }
    }

    /// Runs the script `name` on both sides; returns one line per command whose move of a
    /// counter differs from Redis's.
    static func differences(inScript name: String) throws -> [String] {
        let script = try DifferentialTests.loadScript(name)
        let server = try RedisServerProcess()
        defer { server.stop() }
        let client = try RESPClient(port: server.port)
        let engine = try DifferentialTests.engine(beside: server)
        try engine.config.setAtStartup("save", "")
        let session = engine.makeSession()
        let info: [Bytes] = ["INFO", "persistence", "stats"]
        // A session of its own for INFO: a script's MULTI must not queue it.
        let infoSession = engine.makeSession()
        var infoClient = try RESPClient(port: server.port)
        // A script's CLIENT KILL may close the INFO connection too: then open another.
        func theirInfo() throws -> Reply {
            if let reply = try? infoClient.call(info) { return reply }
            infoClient = try RESPClient(port: server.port)
            return try infoClient.call(info)
        }

        var theirs = try #require(counters(in: try theirInfo()))
        var ours = try #require(counters(in: engine.execute(info, session: infoSession)))
        var failures: [String] = []
        for line in script.lines {
            _ = try client.call(line.argv)
            engine.cron()
            _ = engine.execute(line.argv, session: session)
            let theirsAfter = try #require(counters(in: try theirInfo()), "\(name):\(line.number)")
            let oursAfter = try #require(counters(in: engine.execute(info, session: infoSession)), "\(name):\(line.number)")
            for (i, counter) in counterNames.enumerated() where oursAfter[i] - ours[i] != theirsAfter[i] - theirs[i] {
                // CONFIG RESETSTAT zeroes hits and misses on both sides: compare the values.
                if counter != counterNames[0] && oursAfter[i] == theirsAfter[i] { continue }
                failures.append("\(name):\(line.number): \(line.text)\n    \(counter) redis: \(theirsAfter[i] - theirs[i])  cachelab: \(oursAfter[i] - ours[i])")
            }
            (theirs, ours) = (theirsAfter, oursAfter)
        }
        return failures
    }

    @Test("The counters move as Redis's after each command", arguments: dirtyScripts)
    func dedicatedScript(_ name: String) throws {
        try RedisServerProcess.requireInstalled()
        let failures = try Self.differences(inScript: name)
        #expect(failures.isEmpty, Comment(rawValue: "\(failures.count) commands move a counter unlike Redis 7.0.15:\n" + failures.joined(separator: "\n")))
    }

    /// Keys evicted under maxmemory are deleted without counting a change, as in Redis.
    @Test func evictionsCountNoChange() throws {
        try RedisServerProcess.requireInstalled()
        // No time limit on eviction (tenacity 100): with one, a slow machine may stop a run
        // after 16, 32 or 48 victims and leave the rest to later commands, on either side.
        let pair = try PersistenceInfoTests.Pair([("save", ""), ("maxmemory-policy", "allkeys-random"),
                                                  ("maxmemory-eviction-tenacity", "100")])
        defer { pair.stop() }
        let value = String(repeating: "x", count: 1000)
        for i in 0..<50 { try pair.run("SET", "evict:\(i)", value) }
        try pair.run("CONFIG", "SET", "maxmemory", "1")
        try pair.run("PING")
        let info = try pair.run("INFO", "all")
        try pair.run("CONFIG", "SET", "maxmemory", "0")
        for reply in [info.redis, info.ours] {
            #expect(PersistenceInfoTests.value("evicted_keys", in: reply) == "50")
            #expect(Self.changes(in: reply) == 50)
        }
    }

    @Test("The counters move as Redis's through every differential script", arguments: otherScripts)
    func everyDifferentialScript(_ name: String) throws {
        try RedisServerProcess.requireInstalled()
        let failures = try Self.differences(inScript: name)
        #expect(failures.isEmpty, Comment(rawValue: "\(failures.count) commands move a counter unlike Redis 7.0.15:\n" + failures.joined(separator: "\n")))
    }
}
