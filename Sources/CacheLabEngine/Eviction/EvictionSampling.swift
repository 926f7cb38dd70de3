/// Filling the pool: sample `maxmemory-samples` keys from one database and offer each to the
/// pool with its score.
///
/// allkeys-* policies sample the main table; volatile-* policies sample the expires table (only
/// keys with a TTL), then look the value up in the main table to read its LRU/LFU bits —
/// except volatile-ttl, whose score (UINT64_MAX - expire time: the sooner, the higher) is in
/// the expires table itself.
///
/// Redis draws its sample with `dictGetSomeKeys`, which walks consecutive hash buckets from a
/// random one: cheap, but not uniform. CacheLab's table keeps its keys in a dense array, so it
/// draws uniform random positions instead; a table with no more keys than the sample size is
/// taken whole.
extension Engine {
    /// Offers up to `maxmemory-samples` keys of `database` to the pool; returns the samples.
    func populatePool(from database: Database, policy: EvictionPolicy,
                      recording samples: inout [EvictionReport.Sample]?) {
        let wanted = Int(max(1, config.maxmemorySamples))
        let count = policy.considersAllKeys ? database.table.count : database.expires.count
        if count <= wanted {
            for position in 0..<count { offer(position, of: database, policy: policy, recording: &samples) }
        } else if samples == nil && policy.considersAllKeys {
            sampleMainTable(of: database, policy: policy, count: count, wanted: wanted)
        } else {
            for _ in 0..<wanted {
                offer(random.below(count), of: database, policy: policy, recording: &samples)
            }
        }
    }

    /// The same draws as `offer` makes one by one, in two passes for speed when nobody records
    /// the samples: first every position and its access bits (independent loads, so the
    /// cache misses of a big table overlap), then the scores, reading a key only when the pool
    /// would take it (a full pool drops most samples of a big table).
    private func sampleMainTable(of database: Database, policy: EvictionPolicy, count: Int, wanted: Int) {
        withUnsafeTemporaryAllocation(of: (position: Int, lru: UInt32).self, capacity: wanted) { drawn in
            for i in 0..<wanted {
                let position = random.below(count)
                drawn[i] = (position, database.table.values[position].lru)
            }
            for i in 0..<wanted {
                let score = evictionScore(bits: drawn[i].lru, policy: policy)
                guard eviction.pool.wouldAccept(score: score) else { continue }
                let key = database.table.key(at: drawn[i].position)
                eviction.pool.insert(.init(score: score, key: key, database: database.id))
            }
        }
    }

    /// Scores the key at `position` (of the main or expires table) and offers it to the pool.
    private func offer(_ position: Int, of database: Database, policy: EvictionPolicy,
                       recording samples: inout [EvictionReport.Sample]?) {
        let key: Bytes
        let score: UInt64
        if policy.considersAllKeys {
            key = database.table.key(at: position)
            score = evictionScore(bits: database.table.values[position].lru, policy: policy)
        } else {
            key = database.expires.key(at: position)
            if policy == .volatileTTL {
                score = UInt64.max - UInt64(bitPattern: database.expires.values[position])
            } else {
                guard let entry = database.table[key] else { return }
                score = evictionScore(bits: entry.lru, policy: policy)
            }
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
