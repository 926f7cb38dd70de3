/// Payload sizes of the collection types as used memory counts them, beyond their 16-byte robj.
///
/// Each must be O(1): used memory is updated on every write. Every type keeps running tallies
/// for it: lists (`QuicklistSize`), hashes (`HashSize`), sorted sets (`SortedSetSize`), streams
/// (`StreamSize`) and sets (below). What MEMORY USAGE reports is computed differently, the way
/// Redis estimates it from a few sampled elements (see `MemoryUsageEstimate`).
enum CollectionSizes {
    /// The bytes behind a collection's robj.
    static func payloadBytes(_ value: Value) -> Int {
        switch value {
        case .string: return 0
        case .list(let l): return QuicklistSize.bytes(count: l.count, entryBytes: l.entryBytes)
        case .hash(let h): return HashSize.bytes(h, reported: false)
        case .set(let s): return setBytes(s)
        case .zset(let z): return SortedSetSize.bytes(z)
        case .stream(let s): return StreamSize.bytes(s)
        }
    }

    /// The allocation of a member sds in a set, hash or sorted set: Redis copies it with
    /// `sdsdup`, which picks the smallest header (type 5, one byte, below 32 bytes).
    @inline(__always) static func sds(_ member: Bytes) -> Int { RedisObjectSizes.keyBytes(member) }

    /// The bytes of an intset: an 8-byte header, then every member at the width of the widest,
    /// 2, 4 or 8 bytes (the ends of the sorted array give it in O(1)).
    static func intsetBytes(_ s: SetValue) -> Int {
        let values = s.intset.values
        guard let low = values.first, let high = values.last else { return Jemalloc.usableSize(8) }
        let width = IntSet.encodingWidth(low: low, high: high)
        return Jemalloc.usableSize(8 + values.count * width)
    }

    /// A set: an intset, or a hashtable: a dict (56 bytes, class 64), its bucket arrays (see
    /// `DictShape`: presized when an intset converts, grown from 4 otherwise, both held while
    /// rehashing; SADD makes one rehash step per member) and per member a dictEntry (class 32)
    /// and the member's sds.
    ///
    /// Measured on Redis 7.0.15 (MEMORY USAGE ... SAMPLES 0): intset of 1...100 272;
    /// `member1` ... `member10` 696 (rehashing from 8 to 16 buckets); 1,000 members 48,296;
    /// 10,000 596,712 (rehashing from 8,192 to 16,384); 100,000 5,572,968 (from 65,536 to
    /// 131,072).
    static func setBytes(_ s: SetValue) -> Int {
        if s.isIntset { return intsetBytes(s) }
        return HashSize.dictAllocated + s.dict.allocatedBytes
            + s.count * RedisObjectSizes.dictEntryAllocated + s.memberSdsBytes
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
