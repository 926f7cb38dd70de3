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
/// classes (64 and 32). The bucket array grows as Redis's dict does: created by the conversion
/// at the smallest power of two (at least 4) holding the fields, doubled when an insertion
/// finds it full, and shrunk after a deletion leaves it under 10% full. Redis then rehashes
/// incrementally, holding both arrays until every old bucket has moved; the model keeps the
/// old array for `oldBuckets / rehashPerWrite` writes (reads also move buckets in Redis; here
/// they do not).
///
/// Measured on Redis 7.0.15 (MEMORY USAGE ... SAMPLES 0, key `h`): one field `field1` =
/// `value1` 80; ten such pairs 240; 1,000 (hashtable) 64,152; one field with a 100-byte value
/// (hashtable) 280.
enum HashSize {
    static let dict = 56
    static let dictAllocated = Jemalloc.usableSize(56)

    /// The allocation of a field or value sds in a hashtable hash.
    @inline(__always) static func sds(_ b: Bytes) -> Int { RedisObjectSizes.keyBytes(b) }

    /// Buckets after `dictExpand(count)`: a power of two >= count, at least 4.
    static func bucketsForExpand(_ count: Int) -> Int {
        var size = 4
        while size < count { size <<= 1 }
        return size
    }

    /// Buckets moved out of the old array per write while rehashing: a write makes about two
    /// rehash steps (a find and an add or delete), each moving one non-empty bucket, and a
    /// table at load 1 has about 60% of its buckets non-empty.
    static let rehashPerWrite = 3

    /// After an insertion left `count` fields: rehashing advances, and a full array starts
    /// a rehash into one twice as big.
    static func afterInsert(_ box: HashValue.TableBox, count: Int) {
        advanceRehash(box)
        if count > box.buckets { startRehash(box, to: bucketsForExpand(count)) }
    }

    /// After a deletion left `count` fields (`htNeedsResize`, then `dictResize`).
    static func afterDelete(_ box: HashValue.TableBox, count: Int) {
        advanceRehash(box)
        if box.buckets > 4 && count * 100 / box.buckets < 10 { startRehash(box, to: bucketsForExpand(count)) }
    }

    private static func advanceRehash(_ box: HashValue.TableBox) {
        guard box.oldBuckets > 0 else { return }
        box.rehashLeft -= rehashPerWrite
        if box.rehashLeft <= 0 { box.oldBuckets = 0 }
    }

    private static func startRehash(_ box: HashValue.TableBox, to size: Int) {
        box.oldBuckets = box.buckets
        box.rehashLeft = box.buckets
        box.buckets = size
    }

    /// The bytes behind a hash's robj, as MEMORY USAGE (`reported`) or used_memory counts them.
    static func bytes(_ h: HashValue, reported: Bool) -> Int {
        guard let box = h.box else { return Jemalloc.usableSize(ListpackSize.overhead) }
        guard let table = box.table else {
            return Jemalloc.usableSize(ListpackSize.overhead + box.listpackEntryBytes)
        }
        let entry = reported ? RedisObjectSizes.dictEntry : RedisObjectSizes.dictEntryAllocated
        let buckets = reported ? (box.buckets + box.oldBuckets) * 8
            : Jemalloc.usableSize(box.buckets * 8) + Jemalloc.usableSize(box.oldBuckets * 8)
        return (reported ? dict : dictAllocated) + buckets + box.sdsBytes + table.count * entry
    }
}
