import Testing
@testable import CacheLabEngine

/// The active expire cycle on a manual clock: keys go without being accessed, when cron says.
@Suite struct ActiveExpireTests {
    private let engine: Engine

    init() {
        engine = Engine(clock: .manual(), config: ScratchDirectory.config())
    }

    private func db(_ id: Int = 0) -> Database { engine.databases[id] }

    private func put(_ key: String, ttl: Int64? = nil, in id: Int = 0, on engine: Engine? = nil) {
        let engine = engine ?? self.engine
        engine.databases[id].set(Bytes(key), .string("v"))
        if let ttl { engine.databases[id].setExpire(Bytes(key), at: engine.clock.nowMilliseconds + ttl) }
    }

    @Test func expiredKeysVanishWithoutBeingAccessed() {
        var events: [Bytes] = []
        engine.observe { event in
            if case .keyExpired(database: 0, key: let key) = event { events.append(key) }
        }
        for i in 0..<10 { put("short:\(i)", ttl: 500) }
        for i in 0..<10 { put("long:\(i)", ttl: 60_000) }
        for i in 0..<10 { put("forever:\(i)") }
        engine.cron()
        #expect(db().count == 30, "nothing has expired yet")
        engine.clock.advance(byMilliseconds: 500)
        engine.cron()
        #expect(engine.stats.expiredKeys > 0)
        // Sampling is statistical: a run stops once at most 10% of a sample was stale, so a
        // straggler may wait for a later run.
        var runs = 1
        while db().count > 20 && runs < 50 {
            engine.clock.advance(byMilliseconds: 100)
            engine.cron()
            runs += 1
        }
        #expect(runs < 50)
        #expect(db().count == 20)
        #expect(db().volatileCount == 10)
        #expect(engine.stats.expiredKeys == 10)
        #expect(Set(events) == Set((0..<10).map { Bytes("short:\($0)") }))
        for i in 0..<10 {
            #expect(db().table.position(of: Bytes("forever:\(i)")) != nil)
            #expect(db().table.position(of: Bytes("long:\(i)")) != nil)
        }
    }

    @Test func runsOncePerCronPeriodOfEngineTime() {
        engine.cron()  // first run
        put("k", ttl: 10)
        engine.clock.advance(byMilliseconds: 50)
        engine.cron()
        #expect(db().count == 1, "hz 10: the next run is due 100 ms after the last")
        engine.clock.advance(byMilliseconds: 50)
        engine.cron()
        #expect(db().count == 0)
        engine.config.hz = 100
        put("k2", ttl: 5)
        engine.clock.advance(byMilliseconds: 10)
        engine.cron()
        #expect(db().count == 0, "hz 100: due every 10 ms")
    }

    @Test func keepsSamplingWhileManyKeysAreStale() {
        for i in 0..<1000 { put("k\(i)", ttl: 1) }
        for i in 0..<20 { put("p\(i)") }
        engine.clock.advance(byMilliseconds: 1)
        engine.cron()
        // One run: each loop samples 20 keys; with everything stale the loop repeats until the
        // stale share of a sample falls to 10% or less, which here means until all are gone.
        #expect(db().volatileCount == 0)
        #expect(db().count == 20)
        #expect(engine.stats.expiredKeys == 1000)
        #expect(engine.stats.expireCycleKeysSampled >= 1000)
        #expect(engine.expireCycle.stalePercentage > 0)
    }

    @Test func stopsWhenFewSampledKeysAreStale() {
        for i in 0..<1000 { put("k\(i)", ttl: i < 5 ? 1 : 60_000) }
        engine.clock.advance(byMilliseconds: 1)
        engine.cron()
        // Only 5 of 1000 keys are stale, so a sample of 20 is almost always at most 10% stale
        // (2 keys or fewer): the run stops after a loop or two, leaving stale keys behind.
        #expect(engine.stats.expireCycleKeysSampled < 200)
        #expect(db().count > 990)
    }

    @Test func effortScalesTheSample() {
        for i in 0..<200 { put("k\(i)", ttl: 60_000) }
        engine.cron()
        #expect(engine.stats.expireCycleKeysSampled == 20, "effort 1: one loop of 20, nothing stale")
        engine.config.activeExpireEffort = 10
        engine.clock.advance(byMilliseconds: 100)
        engine.cron()
        #expect(engine.stats.expireCycleKeysSampled == 20 + 65, "effort 10: 20 + 5 x 9 keys per loop")
    }

    @Test func timeBudgetStopsTheRunAndTheNextVisitsEveryDatabase() {
        // The manual clock only moves when told; make each expired key cost 1 ms of engine time.
        engine.observe { [engine] event in
            if case .keyExpired = event { engine.clock.advance(byMilliseconds: 1) }
        }
        for i in 0..<2000 { put("k\(i)", ttl: 1) }
        engine.clock.advance(byMilliseconds: 1)
        engine.cron()
        // Budget at hz 10: 25 ms; checked every 16 loops of 20 keys.
        #expect(engine.stats.expireCycleTimeLimitExits == 1)
        #expect(engine.expireCycle.hitTimeLimit)
        #expect(db().count > 0 && db().count < 2000)
        #expect(engine.stats.expiredKeys == 16 * 20)
    }

    @Test func resumesFromTheNextDatabase() {
        let config = Config()
        config.databases = 20
        let engine = Engine(clock: .manual(), config: config)
        put("k", ttl: 1, in: 17, on: engine)
        engine.clock.advance(byMilliseconds: 1)
        engine.cron()
        #expect(engine.databases[17].count == 1, "16 databases per run: 0...15 first")
        #expect(engine.expireCycle.nextDatabase == 16)
        engine.clock.advance(byMilliseconds: 100)
        engine.cron()
        #expect(engine.databases[17].count == 0)
        #expect(engine.expireCycle.nextDatabase == 12)
    }

    @Test func sameSeedCollectsInTheSameOrder() {
        func order(seed: UInt64) -> [Bytes] {
            let engine = Engine(clock: .manual(), seed: seed)
            var expired: [Bytes] = []
            engine.observe { event in
                if case .keyExpired(_, let key) = event { expired.append(key) }
            }
            for i in 0..<300 { put("k\(i)", ttl: i % 2 == 0 ? 1 : 60_000, on: engine) }
            engine.clock.advance(byMilliseconds: 1)
            engine.cron()
            return expired
        }
        #expect(order(seed: 1) == order(seed: 1))
        #expect(!order(seed: 1).isEmpty)
    }

    @Test func averageTTLOfSampledKeys() {
        for i in 0..<50 { put("k\(i)", ttl: 10_000) }
        engine.cron()
        #expect(engine.expireCycle.averageTTL(of: 0) == 10_000)
        #expect(engine.expireCycle.averageTTL(of: 1) == 0)
        let session = engine.makeSession()
        _ = engine.execute(["SWAPDB", "0", "1"], session: session)
        #expect(engine.expireCycle.averageTTL(of: 1) == 10_000)
        _ = engine.execute(["FLUSHALL"], session: session)
        #expect(engine.expireCycle.averageTTL(of: 1) == 0)
    }

    /// Found by the differential fuzz test: two keys expiring at the very end of time (PEXPIREAT
    /// 9223372036854775807, which Redis accepts) made the sampled TTL sum overflow and trap.
    /// Redis's C sum wraps; so does ours.
    @Test func farFutureTTLsDoNotOverflowTheAverage() {
        let session = engine.makeSession()
        for key in ["a", "b", "c"] {
            _ = engine.execute(["SET", Bytes(key), "v"], session: session)
            #expect(engine.execute(["PEXPIREAT", Bytes(key), "9223372036854775807"], session: session) == .integer(1))
        }
        engine.cron()
        engine.clock.advance(byMilliseconds: 100)
        engine.cron()
        #expect(db().count == 3)
    }
}
