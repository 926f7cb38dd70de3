/// When a keyspace dictionary may grow its bucket array under a memory limit.
///
/// A Redis dict doubles its bucket array when an insertion finds it full (keys == buckets).
/// Redis 7.0 asks first whether the bigger array fits (`dictExpandAllowed`): while the load
/// (keys / buckets) is at most 1.618, an expansion that would take used memory over
/// `maxmemory` is refused and the keys simply share buckets; past that load it always grows.
///
///     grow = load > 1.618  or  maxmemory == 0  or  used + 8 x newBuckets <= maxmemory
///
/// It matters at small limits: an array of 4,096 buckets is 32 kB, the room of ~200 keys
/// with 100-byte values. Measured on Redis 7.0.15 with maxmemory = start + 400,000 bytes:
/// 4,630 keys with 10-byte values held in 4,096 buckets, not 8,192.
extension Engine {
    /// The load factor past which Redis expands whatever the memory.
    static let maxLoadBeforeForcedExpand = 1.618

    /// A dictionary's buckets once it holds `count` keys (the new one included), growing from
    /// `current` as Redis would given the memory limit; `adding` is the new entry's bytes,
    /// not yet in used memory.
    @inline(__always)
    func bucketsAfterInsert(current: Int, count: Int, adding: Int) -> Int {
        let grown = MemoryLedger.DatabaseShare.buckets(current, for: count)
        guard grown > current, current > 0 else { return grown }
        let limit = Int(config.maxmemory)
        guard limit > 0 else { return grown }
        // Redis checks before adding: the load counts the keys already there.
        if Double(count - 1) / Double(current) > Self.maxLoadBeforeForcedExpand { return grown }
        let more = grown * RedisObjectSizes.bucket
        return usedMemory + adding + more <= limit ? grown : current
    }
}
