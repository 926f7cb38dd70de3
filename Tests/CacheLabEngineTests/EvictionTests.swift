import Testing
@testable import CacheLabEngine

/// Eviction on a manual clock and a seeded generator: the pool's insertion rule, the LFU
/// counter, which key each policy picks, the OOM path, and the knobs.
@Suite struct EvictionTests {
    // MARK: Helpers

    /// A harness whose keys are given increasing idle times: key i is touched at second i.
    func engineWithKeys(_ names: [String], policy: String, samples: Int64 = 16) -> StringHarness {
        let h = StringHarness()
        h.engine.config.maxmemoryPolicy = policy
        h.engine.config.maxmemorySamples = samples
        for name in names {
            h.run("SET \(name) v")
            h.engine.clock.advance(byMilliseconds: 1000)
        }
        return h
    }

    /// Sets maxmemory one byte under current use, runs a command, and returns the evicted keys.
    func evictOnce(_ h: StringHarness, command: String = "PING") -> [String] {
        var evicted: [String] = []
        h.engine.observe { event in
            if case .keyEvicted(let report) = event { evicted.append(report.victim.string) }
        }
        h.engine.config.maxmemory = Int64(h.engine.usedMemory - 1)
        h.run(command)
        return evicted
    }

    // MARK: The pool

    func slot(_ score: UInt64, _ key: String) -> EvictionPool.Slot {
        EvictionPool.Slot(score: score, key: Bytes(key), database: 0)
    }

    @Test func poolKeepsAscendingOrderWhileFilling() {
        var pool = EvictionPool()
        for (score, key) in [(50, "e"), (10, "a"), (30, "c"), (20, "b"), (40, "d")] {
            let inserted = pool.insert(slot(UInt64(score), key))
            #expect(inserted)
        }
        #expect(pool.slots.prefix(5).map { $0?.key.string } == ["a", "b", "c", "d", "e"])
        #expect(pool.slots[5] == nil)
        let best = pool.popBest()
        #expect(best?.key == Bytes("e"))
        #expect(pool.count == 4)
    }

    @Test func fullPoolDropsWorseCandidateAndShiftsLeftForBetterOne() {
        var pool = EvictionPool()
        for i in 0..<16 { pool.insert(slot(UInt64(100 + i * 10), "k\(i)")) }
        #expect(pool.count == 16)
        // Worse than everything in a full pool: discarded.
        let low = pool.insert(slot(5, "low"))
        #expect(!low)
        #expect(pool.slots[0]?.key == Bytes("k0"))
        // In the middle: slot 0 (the worst) falls off, the new key lands before its successor.
        let mid = pool.insert(slot(125, "mid"))
        #expect(mid)
        #expect(pool.slots.map { $0!.key.string }.prefix(3) == ["k1", "k2", "mid"])
        #expect(pool.slots[3]?.key == Bytes("k3"))
        // Better than everything: becomes the last slot.
        let top = pool.insert(slot(10_000, "top"))
        #expect(top)
        #expect(pool.slots[15]?.key == Bytes("top"))
        #expect(pool.slots[14]?.key == Bytes("k15"))
    }

    @Test func equalScoreGoesBeforeTheExistingOneAndDuplicatesAreKept() {
        var pool = EvictionPool()
        pool.insert(slot(10, "a"))
        pool.insert(slot(10, "b"))
        pool.insert(slot(10, "a"))
        #expect(pool.slots.prefix(3).map { $0?.key.string } == ["a", "b", "a"])
    }

    @Test func ghostsAreSkipped() {
        let h = engineWithKeys(["old", "mid", "new"], policy: "allkeys-lru")
        h.engine.config.maxmemory = 1 << 40
        // Pool everything, then delete the best candidate before the eviction runs.
        h.engine.config.maxmemorySamples = 16
        var samples: [EvictionReport.Sample]? = nil
        h.engine.populatePool(from: h.db, policy: .allkeysLRU, recording: &samples)
        #expect(h.engine.eviction.pool.count == 3)
        h.run("DEL old")
        let victim = h.engine.pooledVictim(policy: .allkeysLRU, recording: &samples)
        #expect(victim?.1 == Bytes("mid"))
    }

    // MARK: Victims by policy

    @Test func allkeysLRUEvictsTheLongestIdle() {
        let h = engineWithKeys(["a", "b", "c", "d"], policy: "allkeys-lru")
        h.run("GET a")  // a is now the most recent
        #expect(evictOnce(h) == ["b"])
        #expect(h.engine.stats.evictedKeys == 1)
        #expect(h.run("EXISTS b") == .zero)
    }

    @Test func volatileLRUOnlyConsidersKeysWithATTL() {
        let h = StringHarness()
        h.engine.config.maxmemoryPolicy = "volatile-lru"
        h.engine.config.maxmemorySamples = 16
        for line in ["SET a v", "SET b v EX 1000", "SET c v EX 1000"] {
            h.run(line)
            h.engine.clock.advance(byMilliseconds: 1000)
        }
        #expect(evictOnce(h) == ["b"])
    }

    @Test func volatileTTLEvictsTheNearestExpiry() {
        let h = engineWithKeys(["a", "b", "c"], policy: "volatile-ttl")
        h.run("EXPIRE a 500")
        h.run("EXPIRE b 100")
        h.run("EXPIRE c 300")
        #expect(evictOnce(h) == ["b"])
    }

    @Test func allkeysLFUEvictsTheLeastFrequent() {
        let h = engineWithKeys(["a", "b", "c"], policy: "allkeys-lfu")
        for _ in 0..<20 { h.run("GET a"); h.run("GET c") }
        #expect(evictOnce(h) == ["b"])
    }

    @Test func randomPoliciesPickFromTheRightTable() {
        let h = engineWithKeys(["a", "b", "c"], policy: "volatile-random")
        h.run("EXPIRE c 1000")
        #expect(evictOnce(h) == ["c"])
        let all = engineWithKeys(["a", "b", "c"], policy: "allkeys-random")
        let victims = evictOnce(all)
        #expect(victims.count == 1)
        #expect(all.db.count == 2)
    }

    @Test func evictsAsManyKeysAsNeededForABigValue() {
        let h = engineWithKeys((0..<50).map { "k\($0)" }, policy: "allkeys-lru")
        // PING and EXISTS run once first: their latency histograms (24,688 bytes each, made on
        // a command's first call) would otherwise evict every key, as they would in Redis.
        h.run("PING")
        h.run("EXISTS big")
        h.engine.config.maxmemory = Int64(h.engine.usedMemory + 100)
        let big = String(repeating: "x", count: 2000)
        #expect(h.run("SET big \(big)") == .ok)
        #expect(h.run("PING") == .status("PONG"))
        #expect(h.engine.usedMemory <= h.engine.config.maxmemory)
        #expect(h.engine.stats.evictedKeys >= 10)
        #expect(h.run("EXISTS big") == .one)
    }

    // MARK: OOM

    @Test func noevictionRefusesDenyoomCommandsOnly() {
        let h = engineWithKeys(["a"], policy: "noeviction")
        h.engine.config.maxmemory = 1
        #expect(h.run("SET b v") == Engine.outOfMemoryError)
        #expect(h.run("GET a") == .bulk("v"))
        #expect(h.run("DEL a") == .one)
        #expect(h.engine.stats.evictedKeys == 0)
    }

    @Test func volatilePolicyWithoutVolatileKeysActsAsNoeviction() {
        let h = engineWithKeys(["a", "b"], policy: "volatile-lru")
        h.engine.config.maxmemory = 1
        #expect(h.run("SET c v") == Engine.outOfMemoryError)
        #expect(h.db.count == 2)
    }

    @Test func insideMultiEveryQueuedCommandIsRefused() {
        let h = engineWithKeys(["a"], policy: "noeviction")
        #expect(h.run("MULTI") == .ok)
        h.engine.config.maxmemory = 1
        #expect(h.run("GET a") == Engine.outOfMemoryError)
        #expect(h.run("EXEC") == .error("EXECABORT Transaction discarded because of previous errors."))
    }

    // MARK: LFU counter

    @Test func lfuCounterStartsAtFiveAndIncrementsWithTheRightProbability() {
        let engine = Engine(clock: .manual(), seed: 42)
        #expect(engine.lfuInitialBits & 0xFF == 5)
        #expect(engine.lfuIncremented(3) == 4)  // at or below 5: always
        var bumps = 0
        let trials = 20_000
        for _ in 0..<trials where engine.lfuIncremented(6) == 7 { bumps += 1 }
        // p = 1 / ((6 - 5) * 10 + 1) = 1/11
        let ratio = Double(bumps) / Double(trials)
        #expect(abs(ratio - 1.0 / 11) < 0.01)
        #expect(engine.lfuIncremented(255) == 255)
    }

    @Test func lfuCounterAfterManyHitsMatchesRedisTable() {
        let engine = Engine(clock: .manual(), seed: 7)
        var counter = Engine.lfuInitialValue
        for _ in 0..<100 { counter = engine.lfuIncremented(counter) }
        #expect((8...14).contains(counter))  // Redis: 10 (table), 11 (measured)
        for _ in 100..<1000 { counter = engine.lfuIncremented(counter) }
        #expect((15...24).contains(counter))  // Redis: 18 (table), 21 (measured)
    }

    @Test func lfuDecaysOnePerPeriodUnderTheInjectedClock() {
        let h = StringHarness()
        h.engine.config.maxmemoryPolicy = "allkeys-lfu"
        h.run("SET k v")
        let bits = h.db.table["k"]!.lru
        #expect(h.engine.lfuDecayedCounter(bits) == 5)
        h.engine.clock.advance(byMilliseconds: 3 * 60_000)
        h.run("PING")
        #expect(h.engine.lfuDecayedCounter(bits) == 2)
        h.engine.config.lfuDecayTime = 2
        #expect(h.engine.lfuDecayedCounter(bits) == 4)
        h.engine.config.lfuDecayTime = 0
        #expect(h.engine.lfuDecayedCounter(bits) == 5)
        h.engine.config.lfuDecayTime = 1
        h.engine.clock.advance(byMilliseconds: 60 * 60_000)
        h.run("PING")
        #expect(h.engine.lfuDecayedCounter(bits) == 0)
    }

    @Test func overwriteKeepsFrequencyUnderLFU() {
        let h = StringHarness()
        h.engine.config.maxmemoryPolicy = "allkeys-lfu"
        h.run("SET k v")
        h.run("GET k")  // at 5 the increment is certain
        #expect(h.db.table["k"]!.lru & 0xFF == 6)
        for _ in 0..<200 { h.run("GET k") }
        let before = h.db.table["k"]!.lru & 0xFF
        #expect(before > 6)
        h.run("SET k w")
        #expect(h.db.table["k"]!.lru & 0xFF >= before)
    }

    // MARK: LRU clock and knobs

    @Test func idleTimeFollowsTheClockAndItsResolution() {
        let h = StringHarness()
        h.run("SET k v")
        let bits = h.db.table["k"]!.lru
        h.engine.clock.advance(byMilliseconds: 2_500)
        h.run("PING")
        #expect(h.engine.estimatedIdleMilliseconds(lru: bits) == 2_000 || h.engine.estimatedIdleMilliseconds(lru: bits) == 3_000)
        h.engine.config.lruClockResolutionMilliseconds = 1
        h.run("SET j v")
        h.engine.clock.advance(byMilliseconds: 7)
        h.run("PING")
        #expect(h.engine.estimatedIdleMilliseconds(lru: h.db.table["j"]!.lru) == 7)
    }

    @Test func idleTimeWrapsAroundThe24BitClock() {
        let h = StringHarness()
        let now = h.engine.lruClock
        // A reading "ahead" of now means the clock wrapped since.
        let ahead = (now + 10) & Engine.lruClockMax
        let idle = h.engine.estimatedIdleMilliseconds(lru: ahead)
        #expect(idle == Int64(Engine.lruClockMax - 10) * 1000)
    }

    @Test func tenacityTimeLimits() {
        let engine = Engine(clock: .manual())
        #expect(engine.evictionTimeLimitMicroseconds == 500)
        engine.config.maxmemoryEvictionTenacity = 0
        #expect(engine.evictionTimeLimitMicroseconds == 0)
        engine.config.maxmemoryEvictionTenacity = 20
        #expect(engine.evictionTimeLimitMicroseconds == 2022)
        engine.config.maxmemoryEvictionTenacity = 100
        #expect(engine.evictionTimeLimitMicroseconds == nil)
    }

    @Test func policyParsingAndFlags() {
        #expect(EvictionPolicy(name: "ALLKEYS-LRU") == .allkeysLRU)
        #expect(EvictionPolicy(name: "bogus") == nil)
        #expect(EvictionPolicy.allkeysLFU.usesLFU && EvictionPolicy.allkeysLFU.considersAllKeys)
        #expect(EvictionPolicy.volatileTTL.usesPool && !EvictionPolicy.volatileTTL.considersAllKeys)
        #expect(EvictionPolicy.allCases.count == 8)
    }

    @Test func evictionReportCarriesSamplesPoolAndBytes() {
        let h = engineWithKeys(["a", "b", "c"], policy: "allkeys-lru")
        var reports: [EvictionReport] = []
        h.engine.observe { if case .keyEvicted(let r) = $0 { reports.append(r) } }
        h.engine.config.maxmemory = Int64(h.engine.usedMemory - 1)
        h.run("PING")
        #expect(reports.count == 1)
        let r = reports[0]
        #expect(r.victim == Bytes("a"))
        #expect(r.samples.count == 3)
        #expect(r.bytesFreed == 8 + 32 + 32)  // key sds, dictEntry, embstr "v"
        #expect(r.poolAfter.compactMap { $0 }.count == 2)
        #expect(r.victimScore == 3000)
    }

    // MARK: Eviction cut short

    /// A run that reaches its time limit stops with memory still over maxmemory; Redis goes
    /// on in the background (its eviction time event), and so does the engine's cron, until
    /// memory is under the limit.
    @Test func aRunCutShortByTheTimeLimitFinishesInTheBackground() {
        let h = StringHarness()
        h.run(["CONFIG", "SET", "save", ""])  // the cron below must not save a dump into the working directory
        let value = String(repeating: "x", count: 100)
        for i in 0..<400 { h.run("SET key:\(i) \(value)") }
        h.run("CONFIG SET maxmemory-policy allkeys-lru")
        h.run("CONFIG SET maxmemory-eviction-tenacity 0")
        // Each victim takes 100 µs of engine time, so a run stops at its 16th victim.
        var evicted = 0
        h.engine.observe { event in
            if case .keyEvicted = event {
                evicted += 1
                h.engine.clock.advance(byMicroseconds: 100)
            }
        }
        let limit = h.engine.usedMemory - 200 * 150
        h.engine.config.maxmemory = Int64(limit)
        #expect(h.run("PING") == .status("PONG"))
        #expect(evicted == 16)
        #expect(h.engine.eviction.isContinuing)
        #expect(h.engine.usedMemory > limit)
        h.engine.cron()
        #expect(!h.engine.eviction.isContinuing)
        #expect(h.engine.usedMemory <= limit)
        #expect(evicted > 100)
        #expect(h.engine.stats.evictedKeys == Int64(evicted))
    }

    /// CONFIG SET maxmemory evicts in the background: nothing inside the command or its
    /// transaction, everything before the next command.
    @Test func aNewMaxmemoryEvictsBeforeTheNextCommand() {
        let h = StringHarness()
        h.run(["CONFIG", "SET", "save", ""])  // the cron below must not save a dump into the working directory
        for i in 0..<50 { h.run("SET key:\(i) value") }
        h.run("CONFIG SET maxmemory-policy allkeys-random")
        h.run("MULTI")
        h.run("CONFIG SET maxmemory 1")
        h.run("DBSIZE")
        #expect(h.run("EXEC") == .array([.ok, .integer(50)]))
        #expect(h.engine.eviction.isContinuing)
        h.engine.cron()
        #expect(h.engine.stats.evictedKeys == 50)
        #expect(!h.engine.eviction.isContinuing)
        #expect(h.run("DBSIZE") == .integer(0))
    }
}
