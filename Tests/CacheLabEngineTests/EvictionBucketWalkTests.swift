import Testing
@testable import CacheLabEngine

/// The eviction sampler's bucket walk (`RedisBucketWalk`, shifts over a lent index) against
/// the table's own walk (`KeyTable.forEachPosition(inRedisBucket:of:_:)`), and the lookup
/// that hands a removal its slot.
@Suite struct EvictionBucketWalkTests {
    /// Every bucket yields the same positions in the same order, with fewer, as many and
    /// more Redis buckets than slots, on a table with tombstones.
    @Test func walkMatchesTheTablesWalk() {
        let h = StringHarness()
        for i in 0..<700 { h.run("SET key:\(i) v") }
        for i in stride(from: 0, to: 700, by: 3) { h.run("DEL key:\(i)") }
        let table = h.db.table
        for buckets in [4, 64, table.capacity / 2, table.capacity, table.capacity * 4, table.capacity * 16] {
            table.index.withUnsafeBufferPointer { index in
                let walk = RedisBucketWalk(index: index, buckets: buckets)
                for b in 0..<buckets {
                    var expected: [Int] = []
                    table.forEachPosition(inRedisBucket: b, of: buckets) { expected.append($0) }
                    var got: [Int] = []
                    walk.forEachPosition(inBucket: b) { got.append($0) }
                    #expect(got == expected, "bucket \(b) of \(buckets)")
                }
            }
        }
    }

    /// The sweep (`RedisBucketSweep`) yields, bucket after bucket, what the plain walk yields:
    /// over every bucket in order and on past the last one (wrap-around), in runs from random
    /// buckets with jumps in between, with fewer, as many and more Redis buckets than slots,
    /// on tables with many tombstones, and with a cache too small for the runs it meets.
    @Test func sweepMatchesTheWalkOverConsecutiveBuckets() {
        for (keys, deleteEvery) in [(700, 3), (1500, 2), (90, 5), (5, 1000)] {
            let h = StringHarness()
            for i in 0..<keys { h.run("SET key:\(i) v") }
            for i in stride(from: 0, to: keys, by: deleteEvery) { h.run("DEL key:\(i)") }
            let table = h.db.table
            for buckets in [4, 64, table.capacity / 2, table.capacity, table.capacity * 4, table.capacity * 16] {
                for cacheSize in [64, 2, 0] {
                    table.index.withUnsafeBufferPointer { index in
                        let walk = RedisBucketWalk(index: index, buckets: buckets)
                        withUnsafeTemporaryAllocation(of: (entry: UInt64, slot: Int).self, capacity: max(cacheSize, 1)) { room in
                            let cache = UnsafeMutableBufferPointer(rebasing: room[0..<cacheSize])
                            var sweep = RedisBucketSweep(index: index, buckets: buckets, cache: cache)
                            var order = Array(0..<buckets) + Array(0..<min(buckets, 40))
                            var random = RandomSource(seed: UInt64(buckets * 31 + cacheSize))
                            for _ in 0..<20 {
                                let start = random.below(buckets)
                                order += (0..<(1 + random.below(12))).map { (start + $0) % buckets }
                            }
                            for b in order {
                                var expected: [Int] = []
                                walk.forEachPosition(inBucket: b) { expected.append($0) }
                                var got: [Int] = []
                                sweep.forEachPosition(inBucket: b) { got.append($0) }
                                #expect(got == expected, "bucket \(b) of \(buckets), \(keys) keys, cache \(cacheSize)")
                            }
                        }
                    }
                }
            }
        }
    }

    @Test func findSlotGivesThePositionAndTheSlotThatRemovesIt() {
        let h = StringHarness()
        for i in 0..<50 { h.run("SET k\(i) v\(i)") }
        var table = h.db.table
        #expect(table.findSlot(Bytes("missing")) == nil)
        for i in stride(from: 0, to: 50, by: 2) {
            let key = Bytes("k\(i)")
            let found = table.findSlot(key)
            #expect(found?.position == table.position(of: key))
            guard let found else { continue }
            table.remove(at: found.position, slot: found.slot)
            #expect(table.position(of: key) == nil)
        }
        #expect(table.count == 25)
        for i in stride(from: 1, to: 50, by: 2) {
            #expect(table[Bytes("k\(i)")].map { _ in true } == true)
        }
    }
}
