/// Walking Redis's buckets over a `KeyTable`'s index, for eviction sampling: from a bucket's
/// first home slot on, until every home slot of the bucket is passed and an empty slot ends
/// the probe run, visiting the keys whose bucket it is (`KeyTable.redisBucket(ofHash:buckets:)`).
/// What does not change from one bucket to the next is worked out once. The tests keep the
/// same walk written plainly, with divisions, and check that both visit the same positions.
///
/// Both counts are powers of two, so the divisions of `KeyTable.redisBucket(ofHash:buckets:)`
/// are shifts and masks (a 64-bit division costs tens of cycles, and a sample walks several
/// buckets). With k = the larger count over the smaller:
///
///     slots >= buckets: bucket b = the keys homed at b·k ..< (b+1)·k
///     slots <  buckets: bucket b = the keys homed at b / k whose hash bits above the
///                       slot's, taken modulo k, are b modulo k
///
/// The walk reads the index through a pointer the caller holds for the whole sample, so the
/// table itself is neither copied nor retained per bucket.
struct RedisBucketWalk {
    /// The table's index (see `KeyTable.index`): a live slot holds a position in its low 32
    /// bits and the key's hash in its high 32.
    let index: UnsafeBufferPointer<UInt64>
    /// index.count, and index.count - 1.
    let slots: Int
    let mask: Int
    /// log2 of the home slots per bucket (0 when buckets outnumber slots), and their count.
    let homeShift: Int
    let homes: Int
    /// log2 of the buckets per home slot (0 when slots outnumber buckets), and that count - 1.
    let splitShift: Int
    let splitMask: Int
    /// log2 of the slot count: the first hash bit above a slot's.
    let slotBits: Int

    /// A walk over `index` (a power of two long, or empty) as a dict of `buckets` buckets
    /// (a power of two).
    init(index: UnsafeBufferPointer<UInt64>, buckets: Int) {
        self.index = index
        slots = index.count
        mask = slots &- 1
        slotBits = slots > 0 ? slots.trailingZeroBitCount : 0
        let bucketBits = buckets.trailingZeroBitCount
        homeShift = max(0, slotBits - bucketBits)
        homes = 1 << homeShift
        splitShift = max(0, bucketBits - slotBits)
        splitMask = (1 << splitShift) - 1
    }

    /// Visits the positions of the keys in bucket `bucket`, in slot order from the bucket's
    /// first home slot: until every home slot of the bucket is passed and an empty slot ends
    /// the probe run (or the whole index was read).
    ///
    /// Written as two loops, because this is eviction's innermost loop (a sample reads about
    /// 28 slots): the bucket's home slots, a fixed count, then the probe run beyond them, which
    /// an empty slot ends. When slots outnumber buckets, as they do whenever the index is
    /// sparser than Redis's table, every key homed in the range is in the bucket, and the test
    /// of the hash bits above the slot's is left out. The shifts are masking ones (`&<<`,
    /// `&>>`): their amounts are under 64 by construction, and Swift's plain shifts would test
    /// each amount on every call.
    @inline(__always)
    func forEachPosition(inBucket bucket: Int, _ visit: (Int) -> Void) {
        guard slots > 0 else { return }
        let low = firstSlot(ofBucket: bucket)
        let part = bucket & splitMask
        let split = splitMask != 0
        @inline(__always) func visitIfInBucket(_ e: UInt64) {
            let hash = Int(truncatingIfNeeded: e &>> 32)
            guard UInt(bitPattern: (hash & mask) &- low) < UInt(bitPattern: homes) else { return }
            if split && (hash &>> slotBits) & splitMask != part { return }
            visit(KeyTable<Entry>.position(in: e))
        }
        let reach = min(homes, slots)
        var slot = low
        for _ in 0..<reach {
            let e = index[slot]
            if e != Self.emptySlot { visitIfInBucket(e) }
            slot = (slot &+ 1) & mask
        }
        var left = slots &- reach
        while left > 0 {
            let e = index[slot]
            if e == Self.emptySlot { return }
            visitIfInBucket(e)
            slot = (slot &+ 1) & mask
            left &-= 1
        }
    }

    /// The first home slot of `bucket`: where its walk starts reading the index.
    @inline(__always)
    func firstSlot(ofBucket bucket: Int) -> Int {
        (bucket &<< homeShift) &>> splitShift
    }

    /// `firstSlot(ofBucket:)` of a walk over an index of `slots` slots as `buckets` buckets
    /// (both powers of two), without building the walk: for a prefetch that only needs to
    /// know where a walk will start.
    @inline(__always)
    static func firstSlot(ofBucket bucket: Int, slots: Int, buckets: Int) -> Int {
        let shift = slots.trailingZeroBitCount &- buckets.trailingZeroBitCount
        return shift >= 0 ? bucket &<< shift : bucket &>> -shift
    }

    static var emptySlot: UInt64 { KeyTable<Entry>.emptySlot }
}
