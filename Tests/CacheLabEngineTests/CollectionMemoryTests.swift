import Testing
@testable import CacheLabEngine

/// MEMORY USAGE of collections compared with figures read from a real redis-server 7.0.15
/// (default configuration, `MEMORY USAGE <key> SAMPLES 0`, one-letter keys), recorded when
/// the model was written. Lists and hashes must be within 2%, streams within 10%.
@Suite struct CollectionMemoryTests {
    func usage(_ h: StringHarness, _ key: String) -> Int {
        if case .integer(let n) = h.run("MEMORY USAGE \(key) SAMPLES 0") { return Int(n) }
        return -1
    }

    func expectNear(_ ours: Int, _ redis: Int, percent: Int, _ what: String) {
        #expect(abs(ours - redis) * 100 <= redis * percent, "\(what): ours \(ours), redis \(redis)")
    }

    /// RPUSH l elem1 ... elemN; RPUSH of integers; of 100-byte strings.
    @Test func listsMatchRedis() {
        let cases: [(Int, Int)] = [(1, 144), (5, 176), (100, 1024), (1000, 9128), (10_000, 99_808)]
        for (n, redis) in cases {
            let h = StringHarness()
            for i in 1...n { h.run("RPUSH l elem\(i)") }
            expectNear(usage(h, "l"), redis, percent: 2, "\(n) elements")
        }
        let ints = StringHarness()
        for i in 1...1000 { ints.run("RPUSH l \(i)") }
        expectNear(usage(ints, "l"), 3200, percent: 2, "1000 integers")
        let long = StringHarness()
        for _ in 1...1000 { long.run("RPUSH l \(String(repeating: "x", count: 100))") }
        expectNear(usage(long, "l"), 105_056, percent: 2, "1000 x 100 bytes")
    }

    /// HSET h fieldN valueN (listpack up to 512 fields); integers; a long value.
    @Test func hashesMatchRedis() {
        let exact: [(Int, Int)] = [(1, 80), (10, 240), (100, 1840), (128, 2608), (1000, 64_152)]
        for (n, redis) in exact {
            let h = StringHarness()
            for i in 1...n { h.run("HSET h field\(i) value\(i)") }
            #expect(usage(h, "h") == redis, "\(n) fields")
        }
        let big = StringHarness()
        for i in 1...10_000 { big.run("HSET h field\(i) value\(i)") }
        expectNear(usage(big, "h"), 756_568, percent: 2, "10000 fields")
        let ints = StringHarness()
        for i in 1...10 { ints.run("HSET h \(i) \(i * 1000)") }
        #expect(usage(ints, "h") == 112)
        let longValue = StringHarness()
        longValue.run("HSET h f \(String(repeating: "x", count: 100))")
        #expect(usage(longValue, "h") == 280)
        let longValues = StringHarness()
        for i in 1...1000 { longValues.run("HSET h f\(i) \(String(repeating: "x", count: 100))") }
        expectNear(usage(longValues, "h"), 152_296, percent: 2, "1000 x 100 bytes")
    }

    /// XADD s N-1 name valueN.
    @Test func streamsMatchRedis() {
        let cases: [(Int, Int)] = [(1, 4728), (100, 4728), (101, 7512), (1000, 28_904), (10_000, 267_124)]
        for (n, redis) in cases {
            let h = StringHarness()
            for i in 1...n { h.run("XADD s \(i)-1 name value\(i)") }
            expectNear(usage(h, "s"), redis, percent: 10, "\(n) entries")
        }
    }

    /// SADD s 1..N (intset), SADD s memberN (hashtable), ZADD z N memberN. Sets and sorted
    /// sets are estimates assuming short members: within 10%.
    @Test func setsAndSortedSetsAreClose() {
        let cases: [(String, Int, (Int) -> String, Int)] = [
            ("SADD s", 1, { "\($0)" }, 64), ("SADD s", 100, { "\($0)" }, 272), ("SADD s", 512, { "\($0)" }, 1328),
            ("SADD s", 10, { "member\($0)" }, 696), ("SADD s", 1000, { "member\($0)" }, 48_296),
            ("ZADD z", 10, { "\($0) member\($0)" }, 176), ("ZADD z", 128, { "\($0) member\($0)" }, 1840),
            ("ZADD z", 1000, { "\($0) member\($0)" }, 102_712), ("ZADD z", 10_000, { "\($0) member\($0)" }, 1_128_824),
        ]
        for (command, n, element, redis) in cases {
            let h = StringHarness()
            for i in 1...n { h.run("\(command) \(element(i))") }
            expectNear(usage(h, command.hasPrefix("SADD") ? "s" : "z"), redis, percent: 10, "\(command) x \(n)")
        }
        // At 10,000 members Redis is still rehashing out of its 8,192-bucket array (596,712
        // with both arrays); the set model does not follow rehashing yet.
        let big = StringHarness()
        for i in 1...10_000 { big.run("SADD s member\(i)") }
        withKnownIssue("set rehashing is not modelled") {
            expectNear(usage(big, "s"), 596_712, percent: 10, "SADD x 10000")
        }
        let wide = StringHarness()
        wide.run("SADD s 100000")
        #expect(usage(wide, "s") == 64)
        wide.run("SADD s 10000000000")
        #expect(usage(wide, "s") == 80)
    }

    /// The running total stays equal to a recount through conversions, overwrites, deletions
    /// and shrinking.
    @Test func ledgerFollowsHashConversionAndShrinking() {
        let h = StringHarness()
        for i in 0..<600 { h.run("HSET h f\(i) \(i)") }
        h.run("HSET h f1 \(String(repeating: "y", count: 80))")
        h.run("HSET small a \(String(repeating: "z", count: 70))")
        for i in 0..<590 { h.run("HDEL h f\(i)") }
        h.run("HINCRBY h n 5")
        for i in 0..<300 { h.run("RPUSH l \(i)"); h.run("LSET l 0 \(String(repeating: "q", count: i))") }
        h.run("LTRIM l 5 100")
        for i in 0..<700 { h.run("SADD set \(i)"); h.run("ZADD z \(i) m\(i)") }
        h.run("SADD set x")
        h.run("SREM set 1 2 3")
        h.run("ZREM z m1 m2")
        h.run("SETBIT bits 1000 1")
        h.run("XADD s 1-1 a b")
        h.run("XADD s 2-1 a c")
        #expect(h.engine.memory.share(of: 0) == h.db.recountedMemory())
        h.run("COPY h h2")
        h.run("HSET h2 extra 1")
        #expect(h.engine.memory.share(of: 0) == h.db.recountedMemory())
    }
}
