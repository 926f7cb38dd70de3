import Foundation

/// The bucket arrays of one Redis 7.0 dict inside a value (a set, hash or sorted set in its
/// hashtable encoding), followed through growth, shrinking and incremental rehashing.
///
/// A Redis dict is an array of bucket pointers (8 bytes each, a power of two, at least 4),
/// each bucket a chain of entries. It never rehashes all at once:
///
///     grow    an insertion that finds as many entries as buckets allocates an array twice
///             as big (the smallest power of two above the count) and starts rehashing
///     shrink  a deletion that leaves the dict under 10% full allocates the smallest power of
///             two holding the entries (at least 4) and starts rehashing
///     rehash  while both arrays exist, every dict operation on the value (add, find, delete,
///             random pick) first moves one non-empty bucket of the old array to the new one,
///             looking at no more than 10 empty buckets on the way; when the old array holds
///             no entry any more it is freed. No new resize starts meanwhile.
///
/// So after a resize both arrays are held for as many operations as the old array has
/// non-empty buckets. With n entries hashed into s buckets, about s(1 - e^(-n/s)) buckets are
/// non-empty (63% at the load of 1 where a dict grows); a step finds one within its 10 empty
/// visits with probability 1 - (1 - q)^10, q being that fraction, which matters only for the
/// sparse arrays a shrink leaves. The model counts those steps down; the hash function (seeded
/// at random in every Redis process) makes the real figure vary around it by a few percent.
///
/// MEMORY USAGE counts both arrays while a rehash runs (`slots`), and so does used memory. An
/// example measured on Redis 7.0.15: SADD of `member1` ... `member10000`, one per command (one
/// rehash step each), grows the array to 16,384 buckets at the 8,193rd member and frees the
/// 8,192 old ones at the 13,405th (the model: 13,371); at 10,000 members MEMORY USAGE counts
/// 24,576 buckets. HSET and ZADD make two steps per new field (a find, then the add), so their
/// rehash ends about twice as soon (ZADD: at the 10,799th member).
///
/// Reads (SISMEMBER, HGET, ZSCORE...) also make a step in Redis; the model only counts the
/// writes, so a value read often between writes finishes its rehash sooner in Redis.
public struct DictShape: Sendable, Equatable {
    /// The current array's buckets (the new one while rehashing); 0 before the first entry.
    public private(set) var buckets = 0
    /// The array being rehashed away from, 0 when no rehash runs.
    public private(set) var oldBuckets = 0
    /// Rehash steps left before the old array is freed.
    public private(set) var stepsLeft = 0

    /// Redis's DICT_HT_INITIAL_SIZE.
    public static let initialSize = 4
    /// Redis's HASHTABLE_MIN_FILL: a dict under 10% full shrinks.
    public static let minimumFillPercent = 10

    public init() {}

    /// Both arrays' buckets, Redis's `dictSlots`.
    public var slots: Int { buckets + oldBuckets }
    public var isRehashing: Bool { oldBuckets > 0 }

    /// The bytes of the bucket arrays as used memory counts them (each its own allocation).
    public var allocatedBytes: Int {
        Jemalloc.usableSize(buckets * RedisObjectSizes.bucket) + Jemalloc.usableSize(oldBuckets * RedisObjectSizes.bucket)
    }

    /// The smallest power of two holding `count` entries, at least 4 (`_dictNextExp`).
    public static func size(for count: Int) -> Int {
        var size = initialSize
        while size < count { size <<= 1 }
        return size
    }

    /// A dict presized for `count` entries (`dictExpand` on an empty dict, as a conversion
    /// from a compact encoding does).
    public static func presized(for count: Int) -> DictShape {
        var shape = DictShape()
        shape.buckets = size(for: count)
        return shape
    }

    /// A dict built from empty by adding `count` entries one at a time with one step each
    /// (a sorted set's conversion from its listpack).
    public static func built(adding count: Int) -> DictShape {
        var shape = DictShape()
        for n in 0..<count { shape.add(countBefore: n, steps: 1) }
        return shape
    }

    /// `n` rehash steps (each operation on the dict makes one while rehashing).
    public mutating func step(_ n: Int = 1) {
        guard oldBuckets > 0 else { return }
        stepsLeft -= n
        if stepsLeft <= 0 {
            oldBuckets = 0
            stepsLeft = 0
        }
    }

    /// An add to a dict that held `countBefore`: first the `steps` operations the command
    /// makes on the dict (a find, the add itself), then the growth check of the add, which
    /// Redis makes even when the key turns out to be there already (a set's `dictAddRaw`).
    public mutating func add(countBefore: Int, steps: Int) {
        step(steps)
        guard !isRehashing else { return }
        if buckets == 0 {
            buckets = Self.initialSize
        } else if countBefore >= buckets {
            startRehash(to: Self.size(for: countBefore + 1), entries: countBefore)
        }
    }

    /// An entry was removed, leaving `countAfter`: the delete's step, then the shrink check
    /// Redis makes after every deletion from a value (`htNeedsResize`, then `dictResize`,
    /// which does nothing while a rehash runs).
    public mutating func remove(countAfter: Int, steps: Int = 1) {
        step(steps)
        guard !isRehashing, buckets > Self.initialSize,
              countAfter * 100 / buckets < Self.minimumFillPercent else { return }
        let target = Self.size(for: countAfter)
        if target != buckets { startRehash(to: target, entries: countAfter) }
    }

    private mutating func startRehash(to size: Int, entries: Int) {
        let old = buckets
        oldBuckets = old
        buckets = size
        stepsLeft = Self.stepsToRehash(buckets: old, entries: entries)
        if stepsLeft == 0 { oldBuckets = 0 }
    }

    /// Expected rehash steps to empty an array of `buckets` holding `entries`.
    static func stepsToRehash(buckets: Int, entries: Int) -> Int {
        guard buckets > 0, entries > 0 else { return 0 }
        let load = Double(entries) / Double(buckets)
        let nonEmptyFraction = 1 - exp(-load)
        let nonEmpty = Double(buckets) * nonEmptyFraction
        let foundPerStep = 1 - pow(1 - nonEmptyFraction, 10)
        return max(1, Int((nonEmpty / foundPerStep).rounded()))
    }
}
