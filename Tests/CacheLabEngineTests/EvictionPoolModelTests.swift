import Testing
@testable import CacheLabEngine

/// The pool's ring of scores and cells of keys against Redis's rules written plainly: an
/// array of 16 slots, ascending, shifted slot by slot (`evictionPoolPopulate`), and evicted
/// from the right.
@Suite struct EvictionPoolModelTests {
    /// Redis's pool as Redis keeps it.
    struct PlainPool {
        var slots: [EvictionPool.Slot?] = Array(repeating: nil, count: EvictionPool.size)

        mutating func insert(_ candidate: EvictionPool.Slot) -> Bool {
            var k = 0
            while k < slots.count, let slot = slots[k], slot.score < candidate.score { k += 1 }
            if k == 0 && slots[slots.count - 1] != nil { return false }
            if k < slots.count && slots[k] == nil {
                slots[k] = candidate
            } else if slots[slots.count - 1] == nil {
                slots.insert(candidate, at: k)
                slots.removeLast()
            } else {
                slots.removeFirst()
                slots.insert(candidate, at: k - 1)
            }
            return true
        }

        mutating func popBest() -> EvictionPool.Slot? {
            guard let i = slots.lastIndex(where: { $0 != nil }) else { return nil }
            defer { slots[i] = nil }
            return slots[i]
        }
    }

    @Test(arguments: [1 as UInt64, 2, 3, 4])
    func ringFollowsRedisRules(seed: UInt64) {
        var random = RandomSource(seed: seed)
        var pool = EvictionPool()
        var plain = PlainPool()
        for step in 0..<20_000 {
            let roll = random.below(100)
            if roll < 70 {
                // Few distinct scores, so that ties are common; a key now and then too long
                // to be stored inline.
                let score = UInt64(random.below(seed == 1 ? 8 : 1000))
                let key = Bytes(step % 11 == 0 ? "a key long enough for the heap \(step)" : "k\(step)")
                let candidate = EvictionPool.Slot(score: score, key: key, database: random.below(3))
                let kept = pool.insert(candidate)
                let keptByRedis = plain.insert(candidate)
                #expect(kept == keptByRedis, "step \(step)")
            } else if roll < 99 {
                let best = pool.popBest()
                let bestByRedis = plain.popBest()
                #expect(best == bestByRedis, "step \(step)")
            } else {
                pool.removeAll()
                plain = PlainPool()
            }
            #expect(pool.slots == plain.slots, "step \(step)")
            #expect(pool.count == plain.slots.compactMap { $0 }.count)
        }
    }

    @Test func wouldAcceptAgreesWithInsert() {
        var pool = EvictionPool()
        for i in 0..<EvictionPool.size { pool.insert(.init(score: UInt64(10 + i), key: Bytes("k\(i)"), database: 0)) }
        #expect(!pool.wouldAccept(score: 10))
        #expect(pool.wouldAccept(score: 11))
        var copy = pool
        let kept = copy.insert(.init(score: 10, key: Bytes("tie"), database: 0))
        #expect(!kept)
        #expect(copy == pool)
    }
}
