import Testing
@testable import CacheLabEngine

/// How many keys a maxmemory holds, against figures read from redis-server 7.0.15 running the
/// same commands from one client: CONFIG SET maxmemory-policy allkeys-lru, INFO memory,
/// CONFIG SET maxmemory (used_memory + budget), SET k:0 ... k:N-1 one by one, DBSIZE, GET
/// k:0 ... k:1999, DBSIZE. The second count is lower in Redis because DBSIZE and GET, run for
/// the first time, each allocate a latency histogram (24,688 bytes) that evicts keys.
@Suite struct MemoryCapacityTests {
    struct Case {
        let valueSize: Int
        let budget: Int
        let keys: Int
        /// DBSIZE after the SETs, and after the GETs, in Redis.
        let redisAfterSets: Int
        let redisAfterGets: Int
    }

    static let cases = [
        Case(valueSize: 100, budget: 400_000, keys: 10_000, redisAfterSets: 2081, redisAfterGets: 1787),
        Case(valueSize: 10, budget: 400_000, keys: 10_000, redisAfterSets: 4630, redisAfterGets: 3944),
        Case(valueSize: 100, budget: 2_000_000, keys: 30_000, redisAfterSets: 10_527, redisAfterGets: 10_244),
        Case(valueSize: 10, budget: 2_000_000, keys: 30_000, redisAfterSets: 21_997, redisAfterGets: 21_362),
    ]

    @Test(arguments: cases)
    func keysHeldMatchRedis(_ c: Case) throws {
        let h = StringHarness()
        h.run("CONFIG SET maxmemory-policy allkeys-lru")
        let info: Bytes
        switch h.run("INFO memory") {
        case .bulk(let b): info = b
        case .verbatim(_, let b): info = b
        default: Issue.record("no INFO"); return
        }
        let line = try #require(info.string.split(separator: "\r\n").first { $0.hasPrefix("used_memory:") })
        let used = try #require(Int(line.dropFirst("used_memory:".count)))
        h.run("CONFIG SET maxmemory \(used + c.budget)")
        // The SETs took seconds in Redis: its cron shrank the client's reply buffer meanwhile.
        h.engine.clock.advance(byMilliseconds: 1000)
        let value = Bytes(String(repeating: "x", count: c.valueSize))
        for i in 0..<c.keys { h.run([Bytes("SET"), Bytes("k:\(i)"), value]) }
        guard case .integer(let afterSets) = h.run("DBSIZE") else { Issue.record("no DBSIZE"); return }
        for i in 0..<2000 { h.run("GET k:\(i)") }
        guard case .integer(let afterGets) = h.run("DBSIZE") else { Issue.record("no DBSIZE"); return }
        // Within 2% of Redis (the issue asks for 10%).
        #expect(abs(Int(afterSets) - c.redisAfterSets) * 50 <= c.redisAfterSets, "after SETs: \(afterSets)")
        #expect(abs(Int(afterGets) - c.redisAfterGets) * 50 <= c.redisAfterGets, "after GETs: \(afterGets)")
    }
}
