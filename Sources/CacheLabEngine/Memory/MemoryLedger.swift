/// The running total behind `used_memory`, kept up to date on every write in O(1).
///
/// Each database's share is the modelled bytes of its entries (see `RedisObjectSizes`) plus
/// its two bucket arrays. Bucket arrays grow like Redis's dicts (to a power of two once the key
/// count reaches the size) and shrink, as Redis's cron does, when under 10% full; an emptied
/// database frees them.
public struct MemoryLedger: Sendable {
    /// Redis 7.0.15's `used_memory_startup` on this platform (measured: 876,248 bytes).
    public static let startupBytes = 876_248
    /// What a connected client adds (client struct, query and reply buffers, and what the
    /// allocator keeps after a first command), measured as used_memory of a fresh server that
    /// answered one redis-cli command (939,376) minus the startup figure. Redis's own figure
    /// drifts up by about 25 KB with each new connection; CacheLab has one client.
    public static let clientBytes = 63_128

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
}
