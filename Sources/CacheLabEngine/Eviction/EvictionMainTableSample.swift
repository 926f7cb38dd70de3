/// Sampling the main table for an allkeys-* policy: the walk, the chain order, the scores and
/// the pool offers in one pass over the table's memory.
///
/// A server at maxmemory samples before nearly every write, so this is the hottest loop of
/// eviction. It does what `someKeys` followed by an offer of each key would do, in the same
/// order and with the same random draws (a seeded run evicts the same keys either way), but
/// without the steps between them:
///
///     walk the buckets     positions of the keys met, each chain whole (`walkBuckets`)
///     order the chains     newest first, by insertion stamp (only chains of several keys)
///     reservoir            keys of the last chain past the first `wanted` replace earlier
///                          ones, in place
///     score and offer      read every sampled key's access bits first (their cache misses
///                          overlap), then score each; copy a key only when the pool would
///                          take it, or when the sample is recorded
///
/// The table's index, values and keys are lent in place for the whole pass
/// (`KeyTable.withSamplingStorage`), so nothing is retained, copied or looked up twice; the
/// general `someKeys` path, kept for the expires table and for tests, reads the same memory
/// through closures and a buffer of drawn positions.
extension Engine {
    /// Offers up to `wanted` keys of `database`'s main table (which holds at least `wanted`)
    /// to the pool, scored by `scorer`, recording them in `samples` when asked.
    func offerMainTableSample(of database: Database, wanted: Int, scorer: EvictionScorer,
                              recording samples: inout [EvictionReport.Sample]?) {
        let id = database.id
        let keyCount = database.table.count
        let buckets = memory.share(of: id).mainBuckets
        let size = Self.sampledBuckets(buckets, keyCount: keyCount)
        let now = eviction.insertions
        let draw = takeSampleStart(forDatabase: id)
        database.table.withSamplingStorage { index, values, keys in
            withUnsafeTemporaryAllocation(of: WalkedKey.self, capacity: wanted + Self.chainCapacity) { walked in
                let walk = RedisBucketWalk(index: index, buckets: size)
                let (length, shared) = walkBuckets(walk, bucketMask: size - 1, count: wanted, from: draw,
                                                   into: walked, prefetching: SampledEntries(values: values, keys: keys))
                if shared { orderChains(walked, length) { now &- values[$0].insertion } }
                var j = wanted
                while j < length {
                    let r = random.below(j + 1)
                    if r < wanted { walked[r] = walked[j] }
                    j += 1
                }
                reserveNextSampleStart(forDatabase: id, index: index, keyCount: keyCount, buckets: buckets)
                let taken = min(length, wanted)
                // The access bits go where the walk kept the insertion age: every load first.
                for i in 0..<taken { walked[i].bits = values[Int(walked[i].position)].lru }
                for i in 0..<taken {
                    let score = scorer.score(walked[i].bits)
                    if samples == nil && !eviction.pool.wouldAccept(score: score) { continue }
                    let p = Int(walked[i].position)
                    samples?.append(.init(database: id, key: keys[p], score: score))
                    eviction.pool.insert(score: score, key: keys[p], database: id)
                }
            }
        }
    }
}
