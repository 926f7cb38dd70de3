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
    }

    /// The slots, left (worst) to right (best); nil is an empty slot.
    public private(set) var slots: [Slot?] = Array(repeating: nil, count: size)

    public init() {}

    /// Occupied slots.
    public var count: Int { slots.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }

    /// Offers a candidate, following the insertion rule above. Returns false when dropped.
    @discardableResult
    public mutating func insert(_ candidate: Slot) -> Bool {
        var k = 0
        while k < Self.size, let slot = slots[k], slot.score < candidate.score { k += 1 }
        let last = Self.size - 1
        if k == 0 && slots[last] != nil {
            return false
        } else if k < Self.size && slots[k] == nil {
            slots[k] = candidate
        } else if slots[last] == nil {
            for i in stride(from: last, to: k, by: -1) { slots[i] = slots[i - 1] }
            slots[k] = candidate
        } else {
            k -= 1
            for i in 0..<k { slots[i] = slots[i + 1] }
            slots[k] = candidate
        }
        return true
    }

    /// Whether `insert` would keep a candidate of this score (it drops one worse than or equal
    /// to every slot of a full pool, rule 2).
    @inline(__always)
    public func wouldAccept(score: UInt64) -> Bool {
        guard slots[Self.size - 1] != nil, let worst = slots[0] else { return true }
        return worst.score < score
    }

    /// Removes and returns the best candidate (the rightmost occupied slot).
    public mutating func popBest() -> Slot? {
        for k in stride(from: Self.size - 1, through: 0, by: -1) {
            if let slot = slots[k] {
                slots[k] = nil
                return slot
            }
        }
        return nil
    }

    /// Empties every slot.
    public mutating func removeAll() {
        slots = Array(repeating: nil, count: Self.size)
    }
}
