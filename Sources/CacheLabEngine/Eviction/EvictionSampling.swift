/// Filling the pool: sample `maxmemory-samples` keys from one database and offer each to the
/// pool with its score.
///
/// allkeys-* policies sample the main table; volatile-* policies sample the expires table (only
/// keys with a TTL), then look the value up in the main table to read its LRU/LFU bits —
/// except volatile-ttl, whose score (UINT64_MAX - expire time: the sooner, the higher) is in
/// the expires table itself. The sample is drawn as Redis draws it, by walking the buckets of
/// Redis's hash table from a random one (see `EvictionBucketSampling`).
extension Engine {
    /// Offers up to `maxmemory-samples` keys of `database` to the pool, recording them in
    /// `samples` when asked.
    func populatePool(from database: Database, policy: EvictionPolicy,
                      recording samples: inout [EvictionReport.Sample]?) {
        let allKeys = policy.considersAllKeys
        let count = allKeys ? database.table.count : database.expires.count
        let wanted = min(Int(max(1, config.maxmemorySamples)), count)
        guard wanted > 0 else { return }
        let share = memory.share(of: database.id)
        withUnsafeTemporaryAllocation(of: Int.self, capacity: wanted) { drawn in
            let taken: Int
            if allKeys {
                taken = someKeys(of: database.table, buckets: share.mainBuckets, wanted: wanted, into: drawn) {
                    database.insertionAge(at: $0)
                }
            } else {
                taken = someKeys(of: database.expires, buckets: share.expireBuckets, wanted: wanted, into: drawn) { p in
                    database.table.position(of: database.expires.key(at: p)).map { database.insertionAge(at: $0) } ?? 0
                }
            }
            for i in 0..<taken { offer(drawn[i], of: database, policy: policy, recording: &samples) }
        }
    }

    /// Scores the key at `position` (of the main or expires table) and offers it to the pool.
    /// Without recording, a key the pool would refuse is not even read.
    private func offer(_ position: Int, of database: Database, policy: EvictionPolicy,
                       recording samples: inout [EvictionReport.Sample]?) {
        let score: UInt64
        if policy.considersAllKeys {
            score = evictionScore(bits: database.table.values[position].lru, policy: policy)
            if samples == nil && !eviction.pool.wouldAccept(score: score) { return }
            let key = database.table.key(at: position)
            samples?.append(.init(database: database.id, key: key, score: score))
            eviction.pool.insert(.init(score: score, key: key, database: database.id))
            return
        }
        let key = database.expires.key(at: position)
        if policy == .volatileTTL {
            score = UInt64.max - UInt64(bitPattern: database.expires.values[position])
        } else {
            guard let entry = database.table[key] else { return }
            score = evictionScore(bits: entry.lru, policy: policy)
        }
        samples?.append(.init(database: database.id, key: key, score: score))
        eviction.pool.insert(.init(score: score, key: key, database: database.id))
    }

    /// The pool score of a key's access bits: idle milliseconds under LRU, 255 minus the
    /// decayed counter under LFU. Higher means evict sooner.
    public func evictionScore(bits: UInt32, policy: EvictionPolicy) -> UInt64 {
        if policy.usesLFU { return UInt64(255 - lfuDecayedCounter(bits)) }
        return UInt64(estimatedIdleMilliseconds(lru: bits))
    }
}
