/// The eviction pool: the 16 best eviction candidates seen so far, across all databases.
///
/// Sampling five keys and evicting the worst of them is a poor approximation of LRU: the five
/// may all be fresh. Since 3.0 Redis remembers good candidates between evictions. Slots are kept
/// in ascending score order (score = idle time, 255 - LFU counter, or "how soon it expires"),
/// so the best candidate is at the right end:
///
///     slot:    0    1    2   ...   13   14   15
///     score:  [12] [40] [41] ... [900] [950] [1200]   <- evict from here
///
/// Inserting a sampled key with score s (Redis's `evictionPoolPopulate`):
///   1. k = the first slot that is empty or whose score is >= s.
///   2. k == 0 and the last slot is taken: s is worse than everything in a full pool; drop it.
///   3. slot k is empty: put it there.
///   4. the last slot is empty: shift k...end one to the right, put it at k.
///   5. otherwise the pool is full: shift 0..<k one to the left (dropping slot 0, the worst
///      candidate), put it at k-1.
/// Keys are never de-duplicated, and a pooled score is never refreshed: a key touched after it
/// was pooled can still be evicted on its old score. When evicting, the slots are walked from
/// 15 down; a key that no longer exists (a "ghost": deleted, expired, evicted) is skipped.
///
/// Taken together, these rules keep the occupied slots packed at the left: a candidate lands in
/// the first empty slot or shifts others right, and evicting takes the rightmost one. So the
/// pool is stored as 16 slots of which the first `count` are occupied (the others hold an
/// empty key), and the 16 slots (with `nil` for the empty ones) are only built when someone
/// wants to look at them.
public struct EvictionPool: Sendable, Equatable {
    /// Redis's EVPOOL_SIZE.
    public static let size = 16

    /// One candidate: its score (higher means evict sooner), key and database.
    public struct Slot: Sendable, Equatable {
        public var score: UInt64
        public var key: Bytes
        public var database: Int

        public init(score: UInt64, key: Bytes, database: Int) {
            self.score = score
            self.key = key
            self.database = database
        }

        static let unoccupied = Slot(score: 0, key: Bytes(), database: 0)
    }

    /// All 16 slots, left (worst) to right (best); only `0..<count` are occupied.
    private var storage = [Slot](repeating: .unoccupied, count: EvictionPool.size)

    /// Occupied slots.
    public private(set) var count = 0

    /// The 16 slots, left (worst) to right (best); nil is an empty slot.
    public var slots: [Slot?] {
        (0..<Self.size).map { $0 < count ? storage[$0] : nil }
    }

    public init() {}

    public static func == (a: EvictionPool, b: EvictionPool) -> Bool {
        a.count == b.count && a.storage[..<a.count] == b.storage[..<b.count]
    }

    /// Offers a candidate, following the insertion rule above. Returns false when dropped.
    ///
    /// Slots are shifted by moving their bytes, as Redis's `memmove` does, rather than by
    /// copying each one and releasing the original.
    @discardableResult
    public mutating func insert(_ candidate: Slot) -> Bool {
        let taken = count
        return storage.withUnsafeMutableBufferPointer { slots in
            let base = slots.baseAddress!
            var k = 0
            while k < taken && base[k].score < candidate.score { k += 1 }
            if k == 0 && taken == Self.size { return false }  // rule 2: worse than a full pool
            if taken < Self.size {
                // Rules 3 and 4: slots k..<taken move one to the right, over the empty slot.
                (base + taken).deinitialize(count: 1)
                (base + k + 1).moveInitialize(from: base + k, count: taken - k)
                (base + k).initialize(to: candidate)
                count = taken + 1
            } else {
                // Rule 5: slot 0 (the worst) is dropped, slots 1..<k move one to the left.
                base.deinitialize(count: 1)
                base.moveInitialize(from: base + 1, count: k - 1)
                (base + k - 1).initialize(to: candidate)
            }
            return true
        }
    }

    /// Whether `insert` would keep a candidate of this score (it drops one worse than or equal
    /// to every slot of a full pool, rule 2).
    @inline(__always)
    public func wouldAccept(score: UInt64) -> Bool {
        count < Self.size || storage[0].score < score
    }

    /// Removes and returns the best candidate (the rightmost occupied slot).
    public mutating func popBest() -> Slot? {
        guard count > 0 else { return nil }
        count -= 1
        var slot = Slot.unoccupied
        swap(&slot, &storage[count])
        return slot
    }

    /// Empties every slot.
    public mutating func removeAll() {
        for i in 0..<count { storage[i] = .unoccupied }
        count = 0
    }
}
