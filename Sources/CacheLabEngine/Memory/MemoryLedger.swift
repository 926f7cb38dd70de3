/// The running total behind `used_memory`, kept up to date on every write in O(1).
///
/// Each database's share is the modelled bytes of its entries (see `RedisObjectSizes`) plus
/// its two bucket arrays. Bucket arrays grow like Redis's dicts (to a power of two once the key
/// count reaches the size) and shrink, as Redis's cron does, when under 10% full; an emptied
/// database frees them.
public struct MemoryLedger: Sendable {
    /// Redis 7.0.15's `used_memory_startup` on this platform (measured: 876,248 bytes).
    public static let startupBytes = 876_248
    /// What a connected client adds besides its reply buffer (client struct, a 16 kB query
    /// buffer class 20,480, and what the allocator keeps after a first command): the
    /// used_memory the first INFO of a fresh server reports (914,504 with redis-cli, 914,600
    /// with another client) minus the startup figure and the fresh reply buffer below.
    /// CacheLab has one client.
    public static let clientBytes = 38_472 - freshReplyBufferBytes
    /// A new client's reply buffer: 16 kB. Redis 7.0's cron (10 times a second) shrinks it
    /// to the peak reply of the last 5 seconds, at least 1 kB, so a second after start a
    /// server that sent only short replies holds 15,360 bytes less. Measured on Redis 7.0.15:
    /// first INFO 914,504, then 939,192 (INFO's histogram), then 923,832 half a second later;
    /// with INFO's own ~1.3 kB reply as the peak it settles at 924,856 (a 2 kB buffer).
    public static let freshReplyBufferBytes = 16_384
    public static let shrunkReplyBufferBytes = 1_024
    /// How long after start Redis's cron first shrinks the reply buffer (its period, 100 ms).
    public static let replyBufferShrinkMilliseconds: Int64 = 100
    /// The latency histogram Redis 7.0 allocates for a command the first time it runs with
    /// `latency-tracking yes` (the default), kept until CONFIG RESETSTAT: an HDR histogram
    /// from 1 ns to 1 s at two significant digits, 24 x 128 counters of 8 bytes (24,576, a
    /// jemalloc class) and its 104-byte header (class 112). Measured on Redis 7.0.15: the
    /// first PING, GET, SET, DBSIZE, CONFIG SET or MEMORY USAGE each raise used_memory by
    /// 24,688; later calls add nothing. A command's own INFO reading comes before its
    /// histogram, as Redis records latency after the reply is built.
    ///
    /// This is why a handful of distinct commands cost Redis ~100 kB beyond the figure read
    /// at start: without it, a small maxmemory held a third more keys here than in Redis.
    public static let latencyHistogramBytes = 24_688

    /// One database's share.
    public struct DatabaseShare: Sendable, Equatable {
        /// Entries: dictEntry, key, value, and expires-dict entries.
        public var entries = 0
        public var mainBuckets = 0
        public var expireBuckets = 0
        public var bytes: Int { entries + (mainBuckets + expireBuckets) * RedisObjectSizes.bucket }
    }

    public private(set) var shares: [DatabaseShare] = []
    /// Sum of every database's bytes.
    public private(set) var datasetAndOverhead = 0
    /// The highest `datasetAndOverhead` reached (for used_memory_peak).
    public private(set) var peakDatasetAndOverhead = 0

    public init() {}

    /// Applies a change to database `id`'s share, keeping the total.
    @inline(__always)
    mutating func change(_ id: Int, _ body: (inout DatabaseShare) -> Void) {
        if id >= shares.count { shares.append(contentsOf: repeatElement(DatabaseShare(), count: id + 1 - shares.count)) }
        let before = shares[id].bytes
        body(&shares[id])
        datasetAndOverhead += shares[id].bytes - before
        if datasetAndOverhead > peakDatasetAndOverhead { peakDatasetAndOverhead = datasetAndOverhead }
    }

    /// Swaps two databases' shares (SWAPDB).
    mutating func swap(_ a: Int, _ b: Int) {
        let n = max(a, b) + 1
        if n > shares.count { shares.append(contentsOf: repeatElement(DatabaseShare(), count: n - shares.count)) }
        shares.swapAt(a, b)
    }

    /// Database `id`'s share.
    public func share(of id: Int) -> DatabaseShare {
        id < shares.count ? shares[id] : DatabaseShare()
    }
}

/// Bucket arrays after the key count changed: grow to a power of two >= count, shrink when
/// under 10% full (not below 4), free when empty.
extension MemoryLedger.DatabaseShare {
    static func buckets(_ current: Int, for count: Int) -> Int {
        if count == 0 { return current == 0 ? 0 : 4 }
        var size = max(current, 4)
        while size < count { size <<= 1 }
        if size > 4 && count * 10 < size {
            size = 4
            while size < count { size <<= 1 }
        }
        return size
    }

    /// Bucket arrays after a removal left `count` keys: never grown (a dict kept small by the
    /// memory limit, see `Engine.bucketsAfterInsert`, may hold more keys than buckets), shrunk
    /// when under 10% full, freed when empty.
    static func bucketsAfterRemoval(_ current: Int, for count: Int) -> Int {
        if count == 0 { return current == 0 ? 0 : 4 }
        guard current > 4 && count * 10 < current else { return current }
        var size = 4
        while size < count { size <<= 1 }
        return size
    }
}
