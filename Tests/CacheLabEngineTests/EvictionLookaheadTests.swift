import Testing
@testable import CacheLabEngine

/// The next sample's start, drawn by the eviction before it (`EvictionLookahead`).
@Suite struct EvictionLookaheadTests {
    /// An engine at maxmemory under `policy` holding `keys` keys in database 0.
    func fullEngine(policy: String, keys: Int = 2000) -> StringHarness {
        let h = StringHarness()
        h.run("CONFIG SET maxmemory-policy \(policy)")
        for i in 0..<keys { h.run("SET key:\(i) value EX 1000") }
        h.run("CONFIG SET maxmemory \(h.engine.usedMemory)")
        return h
    }

    /// The slot the prefetch aims at is where the walk starts: the first home slot of the
    /// drawn bucket, with fewer, as many and more Redis buckets than index slots.
    @Test func prefetchAimsAtTheWalksFirstSlot() {
        let h = StringHarness()
        for i in 0..<300 { h.run("SET key:\(i) v") }
        let table = h.db.table
        for buckets in [4, 64, table.capacity, table.capacity * 4, table.capacity * 16] {
            table.index.withUnsafeBufferPointer { index in
                let walk = RedisBucketWalk(index: index, buckets: buckets)
                for draw: UInt64 in [0, 1, 7, 12_345, 0xDEAD_BEEF_CAFE, .max] {
                    let bucket = Int(truncatingIfNeeded: draw) & (buckets - 1)
                    #expect(RedisBucketWalk.firstSlot(ofBucket: bucket, slots: table.capacity, buckets: buckets)
                            == walk.firstSlot(ofBucket: bucket), "draw \(draw), \(buckets) buckets")
                }
            }
        }
    }

    /// Each pooled eviction leaves a draw for its database, and the next sample of that
    /// database takes it: the value the generator gave next, not a fresh one.
    @Test(arguments: ["allkeys-lru", "volatile-lfu", "volatile-ttl"])
    func evictionReservesTheNextSamplesDraw(policy: String) throws {
        let h = fullEngine(policy: policy)
        // The first SET brings memory over the limit; the second evicts before it runs.
        h.run("SET new:0 value")
        #expect(h.engine.eviction.reservedSampleStart == nil)
        h.run("SET new:1 value")
        #expect(h.engine.stats.evictedKeys > 0)
        let reserved = try #require(h.engine.eviction.reservedSampleStart)
        #expect(reserved.database == 0)
        // Replaying the generator from a copy: the draw is the one that followed the sample.
        var replay = h.engine.random
        #expect(h.engine.takeSampleStart(forDatabase: 0) == reserved.draw)
        #expect(h.engine.eviction.reservedSampleStart == nil)
        #expect(h.engine.takeSampleStart(forDatabase: 0) == replay.next())
    }

    /// A sample of another database draws its own and leaves the reservation in place.
    @Test func otherDatabasesDrawTheirOwn() throws {
        let h = fullEngine(policy: "allkeys-lru")
        h.run("SET new:0 value")
        h.run("SET new:1 value")
        let reserved = try #require(h.engine.eviction.reservedSampleStart)
        var replay = h.engine.random
        #expect(h.engine.takeSampleStart(forDatabase: 3) == replay.next())
        #expect(h.engine.eviction.reservedSampleStart?.draw == reserved.draw)
    }

    /// The random policies do not sample buckets, so they reserve nothing.
    @Test func randomPoliciesReserveNothing() {
        let h = fullEngine(policy: "allkeys-random")
        for i in 0..<20 { h.run("SET new:\(i) value") }
        #expect(h.engine.stats.evictedKeys > 0)
        #expect(h.engine.eviction.reservedSampleStart == nil)
    }

    /// Drawing ahead keeps a seeded run reproducible: two engines given the same commands
    /// evict the same keys.
    @Test func seededRunsStillRepeat() {
        func survivors() -> [String] {
            let h = fullEngine(policy: "allkeys-lru", keys: 500)
            for i in 0..<300 { h.run("SET new:\(i) value") }
            guard case .array(let keys) = h.run("KEYS *") else { return [] }
            return keys.map { "\($0)" }.sorted()
        }
        let first = survivors()
        #expect(first.count > 100)
        #expect(first == survivors())
    }
}
