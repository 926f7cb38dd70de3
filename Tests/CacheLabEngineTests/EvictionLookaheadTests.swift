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

/// The victim looked ahead to: pooled slots remember where their key was, and a stale
/// memory of it is harmless.
@Suite struct VictimLookaheadTests {
    /// A sampled key enters the pool with the position it had in its table; a hint takes no
    /// part in a slot's equality.
    @Test func pooledSlotsRememberTheirKeysPositions() {
        let h = EvictionLookaheadTests().fullEngine(policy: "allkeys-lru", keys: 500)
        h.run("SET new:0 value")
        h.run("SET new:1 value")
        #expect(h.engine.stats.evictedKeys > 0)
        let pooled = h.engine.eviction.pool.slots.compactMap { $0 }
        #expect(!pooled.isEmpty)
        // Each eviction's deletion moves one key (the table's last) into the hole, so at most
        // one hint per eviction can have gone stale.
        let table = h.db.table
        let accurate = pooled.filter { $0.positionHint >= 0 && $0.positionHint < table.count
            && table.key(at: $0.positionHint) == $0.key }
        #expect(accurate.count >= pooled.count - Int(h.engine.stats.evictedKeys))
        var moved = pooled[0]
        moved.positionHint += 1
        #expect(moved == pooled[0])
    }

    /// Prefetching a candidate whose hint is stale, unknown or past the end changes nothing
    /// and traps nowhere.
    @Test func staleHintsAreHarmless() {
        let h = StringHarness()
        for i in 0..<50 { h.run("SET key:\(i) v") }
        let before = h.run("KEYS *")
        for hint in [-1, 0, 49, 50, 1_000_000] {
            h.db.table.prefetchCandidate(Bytes("key:7"), positionHint: hint)
            h.db.table.prefetchCandidate(Bytes("absent"), positionHint: hint)
        }
        var empty = KeyTable<Entry>()
        empty.prefetchCandidate(Bytes("key:7"), positionHint: 0)
        #expect(h.run("KEYS *") == before)
    }

    /// The table lent for a sample is the table itself: every position's key and value, and
    /// the index slots that point at them.
    @Test func aLentTableIsTheTable() {
        let h = StringHarness()
        for i in 0..<40 { h.run("SET key:\(i) value:\(i)") }
        h.run("DEL key:3 key:17")
        // The table is read before and after: it is lent mutably, so reading it through the
        // database while lent would be an access conflict.
        let table = h.db.table
        let (live, keys, bits) = h.db.table.withContents { index, keys, values in
            (index.filter { KeyTable<Entry>.isLive($0) }.count, Array(keys), values.map(\.lru))
        }
        #expect(keys == table.keys)
        #expect(bits == (0..<table.count).map { table.value(at: $0).lru })
        #expect(live == h.db.table.count)
    }
}
