import Testing
@testable import CacheLabEngine

/// Eviction samples drawn as Redis's `dictGetSomeKeys` draws them: neighbouring buckets of the
/// modelled dict, each chain newest first.
@Suite struct EvictionBucketSamplingTests {
    /// The positions one call samples from the main table of `h`.
    func sample(_ h: StringHarness, wanted: Int) -> [Int] {
        let db = h.db
        let buckets = h.engine.memory.share(of: db.id).mainBuckets
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: wanted) { out in
            let n = h.engine.someKeys(of: db.table, buckets: buckets, wanted: wanted, into: out) { db.insertionAge(at: $0) }
            return Array(out[0..<n])
        }
    }

    /// The Redis bucket of the key at `position`, for `buckets` buckets.
    func bucket(_ h: StringHarness, _ position: Int, of buckets: Int) -> Int {
        h.db.table.redisBucket(of: position, buckets: buckets)
    }

    @Test func sampleIsDistinctKeys() {
        let h = StringHarness()
        for i in 0..<1000 { h.run("SET k\(i) v") }
        #expect(h.engine.memory.share(of: 0).mainBuckets == 1024)
        for _ in 0..<200 {
            let positions = sample(h, wanted: 5)
            #expect(positions.count == 5)
            #expect(Set(positions).count == 5)
        }
    }

    /// A Redis bucket's keys are found from the table's own slots, whether Redis has fewer,
    /// as many or more buckets than the table has slots.
    @Test func redisBucketsPartitionTheKeys() {
        let h = StringHarness()
        for i in 0..<300 { h.run("SET key:\(i) v") }
        let table = h.db.table
        for buckets in [4, 64, table.capacity, table.capacity * 4] {
            // Each key in exactly one bucket, found by the walk over that bucket's slots, and
            // as many keys per bucket on average as Redis would chain.
            var seen = [Int](repeating: 0, count: table.count)
            for b in 0..<buckets {
                table.forEachPosition(inRedisBucket: b, of: buckets) { p in
                    seen[p] += 1
                    #expect(bucket(h, p, of: buckets) == b)
                }
            }
            #expect(seen.allSatisfy { $0 == 1 }, "\(buckets) buckets")
        }
    }

    @Test func smallTablesAndAskingForMoreThanThereIs() {
        let h = StringHarness()
        h.run("SET only v")
        #expect(sample(h, wanted: 5) == [0])
        h.run("SET second v")
        #expect(Set(sample(h, wanted: 16)) == [0, 1])
    }

    /// Measured on Redis 7.0.15 (allkeys-lfu, maxmemory at 2,000 never-read keys, then 4,000
    /// new keys stored one at a time; three runs): 404, 425 and 426 of the 2,000 first keys
    /// survive, and about 700 of the last 1,000 new ones. Every key ties at counter 5; walking
    /// chains head first meets recent keys first, and the pool keeps the first tie it is
    /// offered. A uniform sampler keeps about 260 of the first keys and 780 of the last.
    @Test func tiesFavourEvictingRecentKeysAsInRedis() {
        let h = StringHarness()
        h.run("CONFIG SET maxmemory-policy allkeys-lfu")
        let value = String(repeating: "x", count: 100)
        for i in 0..<2000 { h.run("SET old:\(i) \(value)") }
        h.engine.config.maxmemory = Int64(h.engine.usedMemory)
        for i in 0..<4000 { h.run("SET new:\(i) \(value)") }
        var old = 0, recent = 0
        for p in 0..<h.db.table.count {
            let key = h.db.table.key(at: p).string
            if key.hasPrefix("old:") { old += 1 } else if Int(key.dropFirst(4))! >= 3000 { recent += 1 }
        }
        #expect((350...500).contains(old), "old keys kept: \(old)")
        #expect((640...750).contains(recent), "last 1,000 new keys kept: \(recent)")
    }
}
