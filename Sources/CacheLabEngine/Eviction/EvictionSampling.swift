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
        let scorer = EvictionScorer(engine: self, policy: policy)
        withUnsafeTemporaryAllocation(of: Int.self, capacity: wanted) { drawn in
            if allKeys {
                // The index, the values and the keys are lent for the walk: a copy of the table would
                // retain (and release) each of its arrays.
                let now = eviction.insertions
                let start = takeSampleStart(forDatabase: database.id)
                let taken = database.table.values.withUnsafeBufferPointer { values in
                    database.table.keys.withUnsafeBufferPointer { keys in
                        database.table.index.withUnsafeBufferPointer { index in
                            let taken = someKeys(index: index, keyCount: count, buckets: share.mainBuckets,
                                                 wanted: wanted, into: drawn,
                                                 prefetching: SampledEntries(values: values, keys: keys),
                                                 start: start) {
                                now &- values[$0].insertion
                            }
                            reserveNextSampleStart(forDatabase: database.id, index: index, keyCount: count,
                                                   buckets: share.mainBuckets)
                            return taken
                        }
                    }
                }
                offer(drawn, taken, from: database, scorer: scorer, recording: &samples)
            } else {
                let start = takeSampleStart(forDatabase: database.id)
                let taken = database.expires.index.withUnsafeBufferPointer { index in
                    let taken = someKeys(index: index, keyCount: count, buckets: share.expireBuckets, wanted: wanted,
                                         into: drawn, start: start) { p in
                        database.table.position(of: database.expires.keys[p]).map { database.insertionAge(at: $0) } ?? 0
                    }
                    reserveNextSampleStart(forDatabase: database.id, index: index, keyCount: count,
                                           buckets: share.expireBuckets)
                    return taken
                }
                for i in 0..<taken {
                    offer(drawn[i], of: database, policy: policy, scorer: scorer, recording: &samples)
                }
            }
        }
    }

    /// Offers the sampled keys of the main table: first every key's access bits (independent
    /// loads, so the cache misses of a big table overlap), then the scores, reading a key only
    /// when the pool would take it (a full pool drops most samples of a big table) or when
    /// the samples are recorded.
    private func offer(_ drawn: UnsafeMutableBufferPointer<Int>, _ taken: Int, from database: Database,
                       scorer: EvictionScorer, recording samples: inout [EvictionReport.Sample]?) {
        guard taken > 0 else { return }
        let id = database.id
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: taken) { bits in
            for i in 0..<taken { bits[i] = database.table.values[drawn[i]].lru }
            for i in 0..<taken {
                let score = scorer.score(bits[i])
                if samples == nil && !eviction.pool.wouldAccept(score: score) { continue }
                let key = database.table.keys[drawn[i]]
                samples?.append(.init(database: id, key: key, score: score))
                eviction.pool.insert(.init(score: score, key: key, database: id))
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
