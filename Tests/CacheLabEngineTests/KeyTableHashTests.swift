import Testing
@testable import CacheLabEngine

/// The key table's home slots must spread short keys that share a prefix, or lookups turn
/// into long linear probes (GET on "key:1" ... "key:999" once probed ~170 slots on average).
@Suite struct KeyTableHashTests {
    @Test func shortKeysWithACommonPrefixSpreadOverHomeSlots() {
        var table = KeyTable<Int>()
        for i in 0..<1000 { table.set(Bytes("key:\(i)"), i) }
        // Each SCAN step visits one home slot: count the steps that found a key.
        var occupiedHomes = 0
        var cursor: UInt64 = 0
        repeat {
            var found = false
            cursor = table.scanStep(cursor: cursor) { _ in found = true }
            if found { occupiedHomes += 1 }
        } while cursor != 0
        // Uniform hashing puts 1000 keys in 2048 slots on about 790 distinct homes.
        #expect(table.capacity == 2048)
        #expect(occupiedHomes > 700)
    }
}
