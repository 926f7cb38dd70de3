/// Filling the pool: sample `maxmemory-samples` keys from one database and offer each to the
/// pool with its score.
///
/// allkeys-* policies sample the main table; volatile-* policies sample the expires table (only
/// keys with a TTL), then look the value up in the main table to read its LRU/LFU bits —
/// except volatile-ttl, whose score (UINT64_MAX - expire time: the sooner, the higher) is in
/// the expires table itself. The sample is drawn as Redis draws it, by walking the buckets of
/// Redis's hash table from a random one (see `EvictionBucketSampling`); the main table's walk,
/// scores and offers are one pass (see `EvictionMainTableSample`).
extension Engine {
    /// Offers up to `maxmemory-samples` keys of `database` to the pool, recording them in
    /// `samples` when asked.
    func populatePool(from database: Database, policy: EvictionPolicy,
                      recording samples: inout [EvictionReport.Sample]?) {
        let allKeys = policy.considersAllKeys
        let count = allKeys ? database.table.count : database.expires.count
        let wanted = min(Int(max(1, config.maxmemorySamples)), count)
        guard wanted > 0 else { return }
        let scorer = EvictionScorer(engine: self, policy: policy)
        if allKeys {
            offerMainTableSample(of: database, wanted: wanted, scorer: scorer, recording: &samples)
            return
        }
        let buckets = memory.share(of: database.id).expireBuckets
        withUnsafeTemporaryAllocation(of: Int.self, capacity: wanted) { drawn in
            let start = takeSampleStart(forDatabase: database.id)
            let taken = database.expires.index.withUnsafeBufferPointer { index in
                let taken = someKeys(index: index, keyCount: count, buckets: buckets, wanted: wanted,
                                     into: drawn, start: start) { p in
                    database.table.position(of: database.expires.keys[p]).map { database.insertionAge(at: $0) } ?? 0
                }
                reserveNextSampleStart(forDatabase: database.id, index: index, keyCount: count, buckets: buckets)
                return taken
            }
            for i in 0..<taken {
                offer(drawn[i], of: database, policy: policy, scorer: scorer, recording: &samples)
            }
        }
    }

    /// Scores the key at `position` of the expires table and offers it to the pool.
    private func offer(_ position: Int, of database: Database, policy: EvictionPolicy, scorer: EvictionScorer,
                       recording samples: inout [EvictionReport.Sample]?) {
        let key = database.expires.key(at: position)
        let score: UInt64
        if policy == .volatileTTL {
            score = UInt64.max - UInt64(bitPattern: database.expires.values[position])
        } else {
            guard let entry = database.table[key] else { return }
            score = scorer.score(entry.lru)
        }
        samples?.append(.init(database: database.id, key: key, score: score))
        eviction.pool.insert(.init(score: score, key: key, database: database.id))
    }

    /// The pool score of a key's access bits: idle milliseconds under LRU, 255 minus the
    /// decayed counter under LFU. Higher means evict sooner.
    public func evictionScore(bits: UInt32, policy: EvictionPolicy) -> UInt64 {
        EvictionScorer(engine: self, policy: policy).score(bits)
    }
}
