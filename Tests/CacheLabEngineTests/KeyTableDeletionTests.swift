import Testing
@testable import CacheLabEngine

/// Deletion by backward shift (`KeyTable.remove`): after any mix of inserts and deletes, every
/// key is found, no deleted key is, and every key can be reached from its home slot without
/// crossing an empty slot (what lookups, SCAN and the eviction walk rely on).
@Suite struct KeyTableDeletionTests {
    /// Checks the table against a dictionary model and the probing invariant.
    static func check(_ table: KeyTable<Int>, against model: [Bytes: Int]) {
        #expect(table.count == model.count)
        for (key, value) in model {
            #expect(table[key] == value, "\(key)")
        }
        let index = table.index
        let mask = index.count - 1
        for (slot, e) in index.enumerated() where e != KeyTable<Int>.emptySlot {
            var s = Int(truncatingIfNeeded: e >> 32) & mask
            while s != slot {
                #expect(index[s] != KeyTable<Int>.emptySlot, "slot \(slot) cut off from its home")
                if index[s] == KeyTable<Int>.emptySlot { return }
                s = (s + 1) & mask
            }
        }
    }

    @Test(arguments: [1, 2, 3])
    func randomInsertsAndDeletesKeepEveryKeyReachable(seed: UInt64) {
        var random = RandomSource(seed: seed)
        var table = KeyTable<Int>()
        var model: [Bytes: Int] = [:]
        // Few distinct keys over many operations: long runs form and break up, and the
        // table grows and shrinks.
        for step in 0..<20_000 {
            let key = Bytes("k\(random.below(step < 10_000 ? 3000 : 300))")
            if random.below(3) == 0 {
                if let p = table.position(of: key) { table.remove(at: p) }
                model[key] = nil
            } else {
                table.set(key, step)
                model[key] = step
            }
            if step % 2000 == 0 { Self.check(table, against: model) }
        }
        Self.check(table, against: model)
        for key in model.keys { #expect(table.remove(key) != nil) }
        #expect(table.isEmpty)
    }

    /// Keys whose homes wrap around the end of the index: the shift must follow the run
    /// from the last slot to the first.
    @Test func runsThatWrapAroundTheIndexEndStayReachable() {
        var table = KeyTable<Int>()
        var model: [Bytes: Int] = [:]
        var n = 0
        // Gather keys homed in the last slots of an 8-slot index (the smallest table).
        while model.count < 5 {
            let key = Bytes("w\(n)")
            n += 1
            guard Int(KeyTable<Int>.hash32(key)) & 7 >= 6 else { continue }
            table.set(key, n)
            model[key] = n
        }
        Self.check(table, against: model)
        for key in Array(model.keys) {
            table.remove(key)
            model[key] = nil
            Self.check(table, against: model)
        }
    }
}
