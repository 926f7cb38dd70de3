/// Payload sizes of the collection types, beyond their 16-byte robj.
///
/// Each must be O(1): used memory is updated on every write. Lists, hashes and streams follow
/// Redis 7.0's layouts from running tallies their values keep (`QuicklistSize`, `HashSize`,
/// `StreamSize`); sets and sorted sets are estimated from their element counts (intsets
/// exactly), assuming short members, until their values keep running totals.
enum CollectionSizes {
    /// The bytes behind a collection's robj, as MEMORY USAGE (`reported`) or used_memory
    /// counts them (MEMORY USAGE uses `sizeof` for some structures where the allocator
    /// charges a bigger size class).
    static func payloadBytes(_ value: Value, reported: Bool = false) -> Int {
        switch value {
        case .string: return 0
        case .list(let l): return QuicklistSize.bytes(count: l.count, entryBytes: l.entryBytes)
        case .hash(let h): return HashSize.bytes(h, reported: reported)
        case .set(let s): return setBytes(s, reported: reported)
        case .zset(let z): return sortedSetBytes(z, reported: reported)
        case .stream(let s): return StreamSize.bytes(s)
        }
    }

    /// A listpack-like block: 6-byte header, 1-byte end, `perElement` per entry, in one
    /// allocation.
    private static func listpackEstimate(count: Int, perElement: Int) -> Int {
        Jemalloc.usableSize(7 + count * perElement)
    }

    /// The sds of a member, assumed short (type 5, under 15 bytes: class 16) until sets keep
    /// a running total of their members' sizes.
    static let assumedMemberSds = 16

    /// A set: an intset is exact (8-byte header, then every member at the width of the
    /// widest, 2, 4 or 8 bytes; the ends of the sorted array give it in O(1)); a hashtable is
    /// a dict, its buckets (a power of two holding the members, rehashing not modelled) and
    /// per member a dictEntry and an sds (its size assumed, see `assumedMemberSds`).
    /// Measured on Redis 7.0.15: intset of 1...100 272; 1,000 members `memberN` 48,296.
    static func setBytes(_ s: SetValue, reported: Bool) -> Int {
        if s.isIntset {
            let values = s.intset.values
            guard let low = values.first, let high = values.last else { return Jemalloc.usableSize(8) }
            let width = IntSet.encodingWidth(low: low, high: high)
            return Jemalloc.usableSize(8 + values.count * width)
        }
        return hashtableBytes(count: s.count, perElement: assumedMemberSds, reported: reported)
    }

    /// A dict of `count` entries with `perElement` bytes of strings each.
    static func hashtableBytes(count: Int, perElement: Int, reported: Bool) -> Int {
        let buckets = HashSize.bucketsForExpand(count) * 8
        let entry = reported ? RedisObjectSizes.dictEntry : RedisObjectSizes.dictEntryAllocated
        return (reported ? HashSize.dict : HashSize.dictAllocated) + buckets + count * (entry + perElement)
    }

    /// A sorted set. A listpack holds member then score per element (estimated at 6 bytes
    /// each, short members and small scores); a skiplist encoding is a 16-byte zset struct, a
    /// 32-byte skiplist, a header node with 32 levels (24 + 32 x 16 bytes: class 640), a dict
    /// (shared member sds, see `hashtableBytes`) and per element a node of 24 + 16 bytes per
    /// level, whose expected class with Redis's level probability 1/4 is 160/3 bytes.
    /// Measured on Redis 7.0.15: 1,000 elements `ZADD z N memberN` 102,712.
    static func sortedSetBytes(_ z: SortedSetValue, reported: Bool) -> Int {
        if z.isListpack { return listpackEstimate(count: z.count * 2, perElement: 6) }
        let nodes = (z.count * 160 + 2) / 3
        return 16 + 32 + 640 + nodes + hashtableBytes(count: z.count, perElement: assumedMemberSds, reported: reported)
    }
}

extension IntSet {
    /// The bytes per member Redis's intset uses for a sorted array from `low` to `high`:
    /// 2, 4 or 8, the smallest width holding both ends.
    static func encodingWidth(low: Int64, high: Int64) -> Int {
        func width(_ v: Int64) -> Int {
            if v >= Int64(Int16.min) && v <= Int64(Int16.max) { return 2 }
            if v >= Int64(Int32.min) && v <= Int64(Int32.max) { return 4 }
            return 8
        }
        return max(width(low), width(high))
    }
}
