import Testing
@testable import CacheLabEngine

/// The one-pass sample of the main table (`offerMainTableSample`) against the general path it
/// replaces for allkeys-* policies: `someKeys` over the table, then an offer of every sampled
/// key. Two engines built alike, one sampled each way, must end with the same pool and the same
/// random generator state, sample after sample.
@Suite struct EvictionMainTableSampleTests {
    /// An engine holding `keys` keys whose access times spread over `keys` seconds, some read
    /// again later, so that scores differ and chains of several keys are common.
    func engine(keys: Int, policy: String) -> StringHarness {
        let h = StringHarness()
        h.run("CONFIG SET maxmemory-policy \(policy)")
        for i in 0..<keys {
            h.run("SET key:\(i) v")
            if i % 7 == 3 { h.run("GET key:\(i / 2)") }
            h.engine.clock.advance(byMilliseconds: 1000)
        }
        return h
    }

    /// The general path, as `populatePool` ran it for the main table before the one-pass sample.
    func referenceSample(_ h: StringHarness, policy: EvictionPolicy, wanted: Int) {
        let e = h.engine, db = h.db
        let scorer = EvictionScorer(engine: e, policy: policy)
        let buckets = e.memory.share(of: db.id).mainBuckets
        let count = db.table.count
        let start = e.takeSampleStart(forDatabase: db.id)
        let positions: [Int] = withUnsafeTemporaryAllocation(of: Int.self, capacity: wanted) { out in
            let n = db.table.index.withUnsafeBufferPointer { index in
                let n = e.someKeys(index: index, keyCount: count, buckets: buckets, wanted: wanted, into: out,
                                   start: start) { db.insertionAge(at: $0) }
                e.reserveNextSampleStart(forDatabase: db.id, index: index, keyCount: count, buckets: buckets)
                return n
            }
            return Array(out[0..<n])
        }
        for p in positions {
            e.eviction.pool.insert(.init(score: scorer.score(db.table.values[p].lru), key: db.table.key(at: p),
                                         database: db.id))
        }
    }

    @Test(arguments: [(3, "allkeys-lru"), (200, "allkeys-lru"), (3000, "allkeys-lru"), (3000, "allkeys-lfu")])
    func samplesAsTheGeneralPathDoes(keys: Int, policy: String) {
        let a = engine(keys: keys, policy: policy)
        let b = engine(keys: keys, policy: policy)
        let evictionPolicy = a.engine.evictionPolicy
        for samples in [5, 10] {
            let wanted = min(samples, keys)
            for round in 0..<300 {
                var none: [EvictionReport.Sample]? = nil
                a.engine.offerMainTableSample(of: a.db, wanted: wanted,
                                              scorer: EvictionScorer(engine: a.engine, policy: evictionPolicy),
                                              recording: &none)
                referenceSample(b, policy: evictionPolicy, wanted: wanted)
                #expect(a.engine.eviction.pool == b.engine.eviction.pool, "round \(round)")
                // Evict the best of both pools now and then, so that the pools keep changing.
                if round % 3 == 0 {
                    let bestOfA = a.engine.eviction.pool.popBest()
                    let bestOfB = b.engine.eviction.pool.popBest()
                    #expect(bestOfA == bestOfB)
                }
            }
        }
        let drawOfA = a.engine.random.next()
        let drawOfB = b.engine.random.next()
        #expect(drawOfA == drawOfB)
    }

    /// Recording the sample records every key the walk offered, scored, whether the pool took
    /// it or not.
    @Test func recordedSampleHoldsEveryOfferedKey() {
        let h = engine(keys: 500, policy: "allkeys-lru")
        let policy = h.engine.evictionPolicy
        var recorded: [EvictionReport.Sample]? = []
        h.engine.offerMainTableSample(of: h.db, wanted: 5, scorer: EvictionScorer(engine: h.engine, policy: policy),
                                      recording: &recorded)
        let samples = recorded ?? []
        #expect(samples.count == 5)
        #expect(Set(samples.map(\.key)).count == 5)
        for sample in samples {
            let entry = h.db.table[sample.key]
            #expect(entry.map { h.engine.evictionScore(bits: $0.lru, policy: policy) } == sample.score)
        }
    }
}
