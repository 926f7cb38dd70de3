import CPrefetch

/// Looking ahead to the next eviction: drawing where its sample will start as the current one
/// ends, so that the index memory there is on its way into the cache while the command that
/// needed the room runs.
///
/// A server at maxmemory evicts before nearly every write, and each eviction starts its sample
/// at a random bucket (see `EvictionBucketSampling`). With a big keyspace, the walk's first
/// read of the index there misses the caches and the TLB: in a profile of SETs at the limit
/// over half a million keys, that one load took 41% of the sampling walk's time. Nothing
/// earlier in the same eviction can overlap it, since the bucket is unknown until it is drawn.
/// So each sample, as soon as its walk is done, draws the next one's start and prefetches the
/// two index lines (16 slots, about what a default sample's walk reads) where that walk will
/// begin:
///
///     eviction n     sample from the start sample n-1 drew; draw start n+1 and prefetch
///                    the index lines at its first bucket; pick the victim and evict it
///     command n      runs while those lines arrive
///     eviction n+1   its walk finds its first buckets in cache
///
/// With it, that load fell to 12% of the walk's time. Six runs of the benchmark with and
/// without it side by side, one per core, gave 852k-1,008k SETs at the limit per CPU-second
/// against 709k-908k (14% more on average), for about 130 more instructions per eviction.
/// Prefetching one stage further (the entries of the keys in those slots, for the sample after
/// next) saved no more than its own 300 instructions cost.
///
/// A prefetch never changes a result: the walk reads the index as it is then, whatever the
/// command in between changed. The draw is the random number the walk would have drawn, only
/// taken from the same generator a little earlier, so samples are placed as uniformly as
/// before and a seeded run still repeats itself exactly. A draw is reserved for one database;
/// a walk of another database draws its own and leaves it for later.
extension Engine {
    /// The random draw that places the next sample of database `id`: the one reserved for it,
    /// or a fresh one.
    func takeSampleStart(forDatabase id: Int) -> UInt64 {
        if let reserved = eviction.reservedSampleStart, reserved.database == id {
            eviction.reservedSampleStart = nil
            return reserved.draw
        }
        return random.next()
    }

    /// Reserves the draw for the next sample of database `id`, unless one is reserved already,
    /// and prefetches the index lines where that walk will begin: called by a sample with the
    /// index it walked (of a table holding `keyCount` keys, walked as `buckets` buckets) still
    /// in hand, so that looking ahead costs a draw and two prefetches.
    @inline(__always)
    func reserveNextSampleStart(forDatabase id: Int, index: UnsafeBufferPointer<UInt64>, keyCount: Int,
                                buckets: Int) {
        guard eviction.reservedSampleStart == nil else { return }
        let draw = random.next()
        eviction.reservedSampleStart = .init(database: id, draw: draw)
        Self.prefetchSampleStart(draw, index: index, keyCount: keyCount, buckets: buckets)
    }

    /// Prefetches the two index lines where the walk placed by `draw` starts reading.
    @inline(__always)
    private static func prefetchSampleStart(_ draw: UInt64, index: UnsafeBufferPointer<UInt64>, keyCount: Int,
                                            buckets: Int) {
        guard let base = index.baseAddress, keyCount > 0 else { return }
        let size = sampledBuckets(buckets, keyCount: keyCount)
        let bucket = Int(truncatingIfNeeded: draw) & (size &- 1)
        let first = RedisBucketWalk.firstSlot(ofBucket: bucket, slots: index.count, buckets: size)
        cachelab_prefetch(base + first)
        cachelab_prefetch(base + ((first &+ 8) & (index.count &- 1)))
    }
}
