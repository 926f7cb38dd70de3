/// The bytes of a Redis 7.0 sorted set, in O(1) from the tallies `SortedSetValue` keeps.
///
/// A listpack sorted set is one allocation: a 6-byte header, each element as two entries,
/// member then score, and an end byte. Redis writes the score as text first (an integral score
/// below 2^52 in magnitude as an integer, any other with `%.17g`) and the listpack stores text
/// that reads as an integer as that integer, so `ZADD z 1 a` takes 2 bytes for its score and
/// `ZADD z 1.5 a` 5:
///
///     listpack    class(7 + entries)
///
/// A skiplist sorted set is a 16-byte `zset` (dict and skiplist pointers), a 32-byte skiplist
/// (header, tail, length, level), the header node with all 32 levels (24 + 32 x 16 = 536
/// bytes, class 640), a dict mapping members to scores (see `DictShape`), and per element a
/// dictEntry (24 bytes, class 32), the member's sds (shared by the dict and the node) and its
/// node: member, score and backward pointers then 16 bytes per level, a level drawn with
/// probability 1/4 of going up one more:
///
///     skiplist    16 + 32 + 640 + dict + 8 x buckets + per element (dictEntry + sds + node)
///     node        class(24 + 16 x level): 48, 64, 80, 96 ... (160/3 bytes on average)
///
/// MEMORY USAGE counts the dict and the entries by `sizeof` (56 and 24), used memory by
/// their classes (64 and 32). ZADD of a new member makes two rehash steps (a find and the
/// add), of an existing member one; the conversion from a listpack builds the dict from empty
/// one element at a time.
///
/// Measured on Redis 7.0.15 (`ZADD z N memberN`, MEMORY USAGE ... SAMPLES 0): 10 elements
/// 176; 1,000 102,280; 10,000 1,130,520 (rehashing from 8,192 to 16,384 buckets); 100,000
/// 10,379,992 (the skiplist's random levels make these vary by about 1% between servers).
public enum SortedSetSize {
    static let zsetStruct = 16
    static let skiplistStruct = 32
    /// The header node: 32 levels.
    static let headerNode = nodeBytes(level: SkipList.maxLevel)
    /// Everything of a skiplist sorted set but its elements and buckets, as used memory counts it.
    static let skiplistFixed = zsetStruct + skiplistStruct + headerNode + HashSize.dictAllocated
    /// The same as MEMORY USAGE counts it.
    static let skiplistFixedReported = zsetStruct + skiplistStruct + headerNode + HashSize.dict

    /// The allocation of a skiplist node of `level` levels.
    @inline(__always)
    public static func nodeBytes(level: Int) -> Int {
        Jemalloc.usableSize(24 + 16 * level)
    }

    /// The listpack entry of a score as Redis writes it.
    @inline(__always)
    static func scoreEntryBytes(_ score: Double) -> Int {
        if score == 0 { return score.sign == .minus ? ListpackSize.string("-0") : ListpackSize.integer(0) }
        if score > -4_503_599_627_370_495 && score < 4_503_599_627_370_496 && score == score.rounded(.towardZero) {
            return ListpackSize.integer(Int64(score))
        }
        return ListpackSize.string(Bytes(DoubleFormat.reply(score)))
    }

    /// The bytes behind a sorted set's robj as used memory counts them.
    static func bytes(_ z: SortedSetValue) -> Int {
        let sizes = z.sizes
        if z.isListpack { return Jemalloc.usableSize(ListpackSize.overhead + sizes.listpackEntryBytes) }
        return skiplistFixed + sizes.dict.allocatedBytes
            + z.count * RedisObjectSizes.dictEntryAllocated + sizes.memberSdsBytes + z.list.nodeBytes
    }
}
