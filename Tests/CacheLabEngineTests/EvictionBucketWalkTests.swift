import Testing
@testable import CacheLabEngine

/// The eviction sampler's bucket walk (`RedisBucketWalk`, shifts over a lent index) against
/// the table's own walk (`KeyTable.forEachPosition(inRedisBucket:of:_:)`), and the lookup
/// that hands a removal its slot.
@Suite struct EvictionBucketWalkTests {
    /// Every bucket yields the same positions in the same order, with fewer, as many and
    /// more Redis buckets than slots, on a table that has had deletions.
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
