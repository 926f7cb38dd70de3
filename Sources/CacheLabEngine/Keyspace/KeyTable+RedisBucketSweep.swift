/// Walking consecutive Redis buckets of a `KeyTable`'s index in one forward sweep, for
/// eviction sampling: each bucket yields exactly what `RedisBucketWalk.forEachPosition`
/// yields for it, in the same order, but the slots two neighbouring buckets share are read
/// from the index once.
///
/// Why buckets share slots. The walk of bucket b (see `RedisBucketWalk`) starts at its first
/// home slot L and reads on until it has passed its H home slots and met an empty slot, at
/// some slot E. The next bucket starts at L + H (or, when buckets outnumber slots, at the same
/// L), so it reads again the slots L + H ..< E that ended bucket b's walk: with linear probing
/// and tombstones, those runs are several slots long.
///
/// The sweep remembers them. While walking bucket b it copies the live slots it reads from the
/// next bucket's first home slot on into a small cache, with their (unwrapped) slot numbers.
/// Walking bucket b + 1 next, with first home slot L' <= E:
///
///     1. the cached slots at L' and after, in slot order (those before L' cannot be in it):
///        every slot of L' ..< E was read by bucket b, and the empty slots among them (if
///        any) lie within L' + H, where the walk does not stop at an empty slot;
///     2. if E is at least H slots past L', the empty slot E ends bucket b + 1 too;
///        otherwise the walk goes on from E as the plain walk would, reading new slots
///        (and caching them for bucket b + 2).
///
/// Any other bucket (the first, or after a jump to a random one), a walk whose live slots
/// overflow the cache, or a walk that read the whole index without meeting its end, starts
/// afresh from the bucket's first home slot. Slot numbers are unwrapped (they run past the
/// end of the index when the sweep wraps from the last bucket to bucket 0) so that "after"
/// keeps its meaning; the index is read at slot & mask.
struct RedisBucketSweep {
    /// The plain walk, whose shifts and masks the sweep shares.
    let walk: RedisBucketWalk
    /// Buckets - 1.
    let bucketMask: Int
    /// Room for the cached slots: the entry and its unwrapped slot number.
    let cache: UnsafeMutableBufferPointer<(entry: UInt64, slot: Int)>
    /// Cached slots.
    private var cached = 0
    /// The bucket the cache was filled for, or -1 when there is nothing to continue from.
    private var lastBucket = -1
    /// The unwrapped first home slot of the bucket after `lastBucket`.
    private var nextLow = 0
    /// The unwrapped slot of the empty slot that ended `lastBucket`'s walk.
    private var end = 0

    /// A sweep over `index` as a dict of `buckets` buckets (a power of two), caching in
    /// `cache` (a few dozen slots is plenty at the table's load).
    init(index: UnsafeBufferPointer<UInt64>, buckets: Int, cache: UnsafeMutableBufferPointer<(entry: UInt64, slot: Int)>) {
        walk = RedisBucketWalk(index: index, buckets: buckets)
        bucketMask = buckets &- 1
        self.cache = cache
    }

    /// Visits the positions of the keys in bucket `bucket`, as
    /// `RedisBucketWalk.forEachPosition(inBucket:_:)` does.
    @inline(__always)
    mutating func forEachPosition(inBucket bucket: Int, _ visit: (Int) -> Void) {
        let index = walk.index
        let slots = index.count
        guard slots > 0 else { return }
        let mask = walk.mask
        let homes = 1 << walk.homeShift
        let splitMask = (1 << walk.splitShift) &- 1
        let part = bucket & splitMask
        let maskedLow = (bucket << walk.homeShift) >> walk.splitShift
        // The unwrapped first home slot, and the offset from it where reading resumes.
        var low = maskedLow
        var offset = 0
        var fromCache = 0
        let continuing = lastBucket >= 0 && bucket == (lastBucket &+ 1) & bucketMask && nextLow <= end
        if continuing {
            low = nextLow
            fromCache = cached
            offset = end &- low
        }
        // The next bucket's first home slot, unwrapped.
        let following = ((bucket &+ 1) << walk.homeShift) >> walk.splitShift
        let nextStart = low &- maskedLow &+ following
        @inline(__always) func belongs(_ e: UInt64) -> Bool {
            let hash = Int(truncatingIfNeeded: e >> 32)
            return UInt(bitPattern: (hash & mask) &- maskedLow) < UInt(homes) && (hash >> walk.slotBits) & splitMask == part
        }
        // 1. What bucket b - 1 already read, moved to the front of the cache for bucket b + 1.
        var kept = 0
        var reused = 0
        while reused < fromCache {
            let c = cache[reused]
            reused += 1
            if c.slot < low { continue }
            if belongs(c.entry) { visit(KeyTable<Entry>.position(in: c.entry)) }
            if c.slot >= nextStart {
                cache[kept] = c
                kept += 1
            }
        }
        lastBucket = bucket
        nextLow = nextStart
        cached = kept
        // 2. The walk ends at the empty slot where bucket b - 1's ended, or reads on.
        if continuing && offset >= homes { return }
        var overflow = false
        while true {
            let slot = low &+ offset
            let e = index[slot & mask]
            if e == RedisBucketWalk.emptySlot {
                if offset >= homes {
                    end = slot
                    if overflow { lastBucket = -1 }
                    return
                }
            } else if KeyTable<Entry>.isLive(e) {
                if belongs(e) { visit(KeyTable<Entry>.position(in: e)) }
                if slot >= nextStart {
                    if cached < cache.count {
                        cache[cached] = (e, slot)
                        cached += 1
                    } else {
                        overflow = true
                    }
                }
            }
            offset += 1
            if offset >= slots {
                lastBucket = -1
                return
            }
        }
    }
}
