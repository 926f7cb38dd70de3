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
/// pool is stored as its `count` occupied slots, and the 16 slots (with `nil` for the empty
/// ones) are only built when someone wants to look at them.
///
/// How it is stored. A cache at its limit pops the best slot and samples again before nearly
/// every write, so the pool is mostly 15 or 16 slots full, and a fresh sample's keys are
/// mostly worse than the pooled ones: they land near the left end. Kept in one array, left to
/// right, each such insertion would shift nearly every slot. So the slots are kept in the
/// opposite order, best first, in a ring of 16 that starts at `head`:
///
///     position:   0 (best)   1   ...   count - 1 (worst)      ring index = (head + position) % 16
///
/// Taking the best slot moves `head` on by one, and inserting a candidate shifts only the
/// slots worse than it, toward the worst end: about two per insertion in `cachelab bench
/// eviction`, where the left-to-right array shifted fourteen. The keys never move at all:
/// each candidate's key and database sit in one of 16 *cells*, and a position holds only a
/// score and a cell number (9 bytes, not the 16 of a key that may own heap storage). The
/// candidate takes a free cell, or, when the pool is full, the dropped worst slot's cell.
public struct EvictionPool: Sendable {
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

    /// The ring: each position's score and cell, best first from `head`.
    private var scores = InlineArray<16, UInt64>(repeating: 0)
    private var cells = InlineArray<16, UInt8>(repeating: 0)
    private var head = 0
    /// Each cell's key and database; a free cell holds an empty key.
    private var keys = InlineArray<16, Bytes>(repeating: Bytes())
    private var databases = InlineArray<16, Int>(repeating: 0)
    /// The cells in use, a bit each.
    private var usedCells: UInt16 = 0

    /// Occupied slots.
    public private(set) var count = 0

    /// The 16 slots, left (worst) to right (best); nil is an empty slot.
    public var slots: [Slot?] {
        (0..<Self.size).map { $0 < count ? slot(atPosition: count - 1 - $0) : nil }
    }

    public init() {}

    /// The ring index of `position` (0 is the best candidate).
    @inline(__always)
    private func ring(_ position: Int) -> Int {
        (head &+ position) & (Self.size &- 1)
    }

    private func slot(atPosition position: Int) -> Slot {
        let cell = Int(cells[ring(position)])
        return Slot(score: scores[ring(position)], key: keys[cell], database: databases[cell])
    }

    /// Offers a candidate, following the insertion rule above. Returns false when dropped.
    @discardableResult
    public mutating func insert(_ candidate: Slot) -> Bool {
        insert(score: candidate.score, key: candidate.key, database: candidate.database)
    }

    /// `insert(_:)` of a candidate given by its parts: the key is copied once, into its cell,
    /// and only when the pool keeps it.
    @discardableResult
    public mutating func insert(score: UInt64, key: borrowing Bytes, database: Int) -> Bool {
        let taken = count
        // k = the pooled candidates scoring below this one (rule 1's slot); they are the k worst.
        var k = 0
        while k < taken && scores[ring(taken &- 1 &- k)] < score { k &+= 1 }
        let cell: Int
        var last: Int
        if taken < Self.size {
            // Rules 3 and 4: the k worse ones move one toward the worst end; a free cell.
            cell = (~usedCells).trailingZeroBitCount
            usedCells |= 1 &<< cell
            count = taken &+ 1
            last = taken
        } else {
            // Rule 2: worse than (or tied with) a full pool's worst: dropped.
            if k == 0 { return false }
            // Rule 5: the worst is dropped, the other k - 1 worse ones move toward the worst
            // end; the candidate takes the dropped one's cell.
            cell = Int(cells[ring(Self.size &- 1)])
            last = Self.size &- 1
        }
        let at = taken &- k
        while last > at {
            scores[ring(last)] = scores[ring(last &- 1)]
            cells[ring(last)] = cells[ring(last &- 1)]
            last &-= 1
        }
        scores[ring(at)] = score
        cells[ring(at)] = UInt8(truncatingIfNeeded: cell)
        keys[cell] = copy key
        databases[cell] = database
        return true
    }

    /// Whether `insert` would keep a candidate of this score (it drops one worse than or equal
    /// to every slot of a full pool, rule 2).
    @inline(__always)
    public func wouldAccept(score: UInt64) -> Bool {
        count < Self.size || scores[ring(Self.size &- 1)] < score
    }

    /// Removes and returns the best candidate (the rightmost occupied slot).
    public mutating func popBest() -> Slot? {
        guard count > 0 else { return nil }
        let cell = Int(cells[head])
        let score = scores[head]
        head = ring(1)
        count -= 1
        usedCells &= ~(1 &<< cell)
        var key = Bytes()
        swap(&key, &keys[cell])
        return Slot(score: score, key: key, database: databases[cell])
    }

    /// Empties every slot.
    public mutating func removeAll() {
        for position in 0..<count { keys[Int(cells[ring(position)])] = Bytes() }
        count = 0
        usedCells = 0
    }
}

extension EvictionPool: Equatable {
    /// Two pools are equal when their occupied slots are, wherever the ring and cells hold them.
    public static func == (a: EvictionPool, b: EvictionPool) -> Bool {
        a.count == b.count && (0..<a.count).allSatisfy { a.slot(atPosition: $0) == b.slot(atPosition: $0) }
    }
}
