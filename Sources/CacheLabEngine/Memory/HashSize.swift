/// The bytes of a Redis 7.0 hash, in O(1) from the tallies `HashValue` keeps.
///
/// A listpack hash is one allocation: 6 bytes of header, each field and value as a listpack
/// entry (integers packed, see `ListpackSize`), an end byte; Redis reallocates it to the exact
/// size on every change, so it costs its jemalloc class:
///
///     listpack    class(7 + entries)
///
/// A hashtable hash is a dict (56 bytes: type, two table pointers, two used counts, rehash
/// index, pause counter, two size exponents; class 64), its bucket array of 8-byte pointers,
/// and per field a dictEntry (24 bytes, class 32) with two sds strings made by `sdsnewlen`
/// (so type 5, a 1-byte header, below 32 bytes):
///
///     hashtable   dict + 8 x buckets + per field (dictEntry + sds field + sds value)
///
/// MEMORY USAGE counts the dict and the entries by `sizeof` (56 and 24), used_memory by their
/// classes (64 and 32). The bucket arrays follow Redis's dict (see `DictShape`): presized by
/// the conversion to the smallest power of two (at least 4) holding the fields, grown when an
/// insertion finds it full, shrunk after a deletion leaves it under 10% full, both arrays held
/// while Redis rehashes incrementally. HSET of a new field makes two rehash steps (a find and
/// the add), of an existing field one, HDEL one.
///
/// Measured on Redis 7.0.15 (MEMORY USAGE ... SAMPLES 0, key `h`): one field `field1` =
/// `value1` 80; ten such pairs 240; 1,000 (hashtable) 64,152; 10,000 756,568 (rehashing from
/// 8,192 to 16,384 buckets); 100,000 6,648,536 (131,072 buckets); one field with a 100-byte
/// value (hashtable) 280.
enum HashSize {
    static let dict = 56
    static let dictAllocated = Jemalloc.usableSize(56)

    /// The allocation of a field or value sds in a hashtable hash.
    @inline(__always) static func sds(_ b: Bytes) -> Int { RedisObjectSizes.keyBytes(b) }

    /// Rehash steps of HSET on a new field (a find, then the add) and on an existing one.
    static let stepsPerInsert = 2
    static let stepsPerUpdate = 1

    /// The bytes behind a hash's robj, as MEMORY USAGE (`reported`) or used_memory counts them.
    static func bytes(_ h: HashValue, reported: Bool) -> Int {
        guard let box = h.box else { return Jemalloc.usableSize(ListpackSize.overhead) }
        guard let table = box.table else {
            return Jemalloc.usableSize(ListpackSize.overhead + box.listpackEntryBytes)
        }
        let entry = reported ? RedisObjectSizes.dictEntry : RedisObjectSizes.dictEntryAllocated
        let buckets = reported ? box.dict.slots * RedisObjectSizes.bucket : box.dict.allocatedBytes
        return (reported ? dict : dictAllocated) + buckets + box.sdsBytes + table.count * entry
    }
}
