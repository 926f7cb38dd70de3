import CPrefetch

/// How Redis picks the keys it samples for eviction: `dictGetSomeKeys`, a walk over the
/// buckets of its hash table.
///
/// A Redis dict is an array of buckets, each a chain of entries; a new key is linked at the
/// head of its bucket's chain. To sample `n` keys cheaply, Redis does not draw n independent
/// random keys. It picks one random bucket and walks forward from it, bucket after bucket:
///
///     i = random bucket
///     up to 10 x n buckets:
///         empty bucket:  after more than n (and at least 5) empty ones in a row,
///                        jump to a new random bucket
///         otherwise:     take its whole chain, head first; once n keys are taken, the rest
///                        of this last chain may still replace one of them (reservoir
///                        sampling: the k-th key of the walk replaces a random one of the n
///                        with probability n/k)
///         i = i + 1 (wrapping)
///
/// So a sample is a run of neighbouring buckets, not a uniform draw, and the first keys of
/// a chain are its newest ones. That matters when many keys tie: under LFU every key that
/// was never read since it was stored has counter 5, and the eviction pool keeps only the
/// first candidate of a sample that ties the pool's worst (see `EvictionPool`). Chains put
/// recent keys first, and keys preceded by empty buckets are met first; the keys that stay
/// long are those that are hard to reach. Measured on Redis 7.0.15 (allkeys-lfu, 2,000 keys
/// never read, then 4,000 new keys stored one at a time): about 410 of the first 2,000
/// survive; a uniform sampler keeps about 260. On a read-through 80/20 trace this costs
/// Redis 1 to 2 points of hit ratio against a uniform sampler.
///
/// CacheLab's table is not chained, but it partitions its keys into Redis's buckets by their
/// hashes, for Redis's bucket count as the memory model grew it (`MemoryLedger`), each bucket
/// on neighbouring slots of the table so that a walk over buckets is a walk over memory, as
/// in Redis (see `KeyTable.redisBucket`). The chain order comes from each key's insertion
/// stamp, newest first (Redis's order between rehashes; a rehash reverses the keys it moves,
/// which is not modelled, nor are keys more than 65,535 insertions apart, whose stamps wrap).
extension Engine {
    /// The most keys of one chain ordered newest first; a longer chain (unheard of at Redis's
    /// load factors) has its extra keys left out of the sample.
    static let chainCapacity = 64

    /// Samples up to `wanted` positions of `table` as Redis's `dictGetSomeKeys` samples a dict
    /// of `buckets` buckets (a power of two), writing them to `out` (room for
    /// min(wanted, count)); `age(p)` is how many insertions ago the key at `p` was added.
    /// Returns how many were taken (it may be fewer than asked, as in Redis).
    func someKeys<V>(of table: KeyTable<V>, buckets: Int, wanted: Int, into out: UnsafeMutableBufferPointer<Int>,
                     age: (Int) -> UInt16) -> Int {
        table.index.withUnsafeBufferPointer { index in
            someKeys(index: index, keyCount: table.count, buckets: buckets, wanted: wanted, into: out, age: age)
        }
    }

    /// `someKeys(of:buckets:wanted:into:age:)` over a table's index (`KeyTable.index`) holding
    /// `keyCount` keys: the caller lends the index for the whole sample, so the table is not
    /// copied. `start` is the random draw that picks the first bucket, when the caller drew it
    /// in advance (see `EvictionLookahead`); without it the walk draws its own. With
    /// `prefetching`, the table's entries of every key met are prefetched as soon as the walk
    /// meets it, so that the reads of their ages, access bits and keys that follow overlap
    /// their misses.
    ///
    /// Done in three passes so that the memory reads of a big table overlap: the walk collects
    /// the chains' positions, then the ages of the keys sharing a chain are read together,
    /// then each chain is put newest first and the sample is drawn.
    func someKeys(index: UnsafeBufferPointer<UInt64>, keyCount: Int, buckets: Int, wanted: Int,
                  into out: UnsafeMutableBufferPointer<Int>, prefetching entries: SampledEntries? = nil,
                  start: UInt64? = nil, age: (Int) -> UInt16) -> Int {
        let count = min(wanted, keyCount, out.count)
        guard count > 0 else { return 0 }
        let size = Self.sampledBuckets(buckets, keyCount: keyCount)
        let walk = RedisBucketWalk(index: index, buckets: size)
        // 8 bytes a key (a table position fits 32 bits), so that the buffer stays on the stack
        // (a temporary allocation over 1 kB goes to the heap).
        return withUnsafeTemporaryAllocation(of: WalkedKey.self, capacity: count + Self.chainCapacity) { walked in
            let first = start ?? random.next()
            let (length, shared) = walkBuckets(walk, bucketMask: size - 1, count: count, from: first, into: walked,
                                               prefetching: entries)
            if shared { orderChains(walked, length, age: age) }
            // The sample: the first `count` keys met; every later key of the last chain
            // replaces one of them with probability count / (keys met so far).
            for j in 0..<length {
                if j < count {
                    out[j] = Int(walked[j].position)
                } else {
                    let r = random.below(j + 1)
                    if r < count { out[r] = Int(walked[j].position) }
                }
            }
            return min(length, count)
        }
    }

    /// The bucket count a sample walks: the memory model's count for the table, or, when that
    /// is not a power of two Redis could have (a table not yet accounted), the count Redis
    /// would have for `keyCount` keys.
    static func sampledBuckets(_ buckets: Int, keyCount: Int) -> Int {
        buckets >= DictShape.initialSize && buckets & (buckets - 1) == 0 ? buckets : DictShape.size(for: keyCount)
    }

    /// Pass 1: walks the buckets from the one `draw` picks until `count` keys are met or the
    /// steps run out, writing every chain met, whole (up to its cap), to `walked`, and marking the
    /// first key of each chain of several with the chain's length. Returns the keys written
    /// and whether any chain holds more than one key.
    func walkBuckets(_ walk: RedisBucketWalk, bucketMask mask: Int, count: Int, from draw: UInt64,
                             into walked: UnsafeMutableBufferPointer<WalkedKey>,
                             prefetching entries: SampledEntries?) -> (Int, Bool) {
        var length = 0
        var shared = false
        var steps = count &* 10
        var i = Int(truncatingIfNeeded: draw) & mask
        var emptyRun = 0
        while length < count && steps > 0 {
            steps &-= 1
            let start = length
            walk.forEachPosition(inBucket: i) { p in
                guard length &- start < Self.chainCapacity else { return }
                walked[length] = WalkedKey(position: UInt32(truncatingIfNeeded: p), age: 0, chain: 0)
                entries?.prefetch(p)
                length &+= 1
            }
            if length == start {
                emptyRun &+= 1
                if emptyRun >= 5 && emptyRun > count {
                    i = Int(truncatingIfNeeded: random.next()) & mask
                    emptyRun = 0
                }
            } else {
                emptyRun = 0
                if length &- start > 1 {
                    walked[start].chain = UInt16(truncatingIfNeeded: length &- start)
                    shared = true
                }
            }
            i = (i &+ 1) & mask
        }
        return (length, shared)
    }

    /// Passes 2 and 3: reads the ages of the keys of every chain of several (all of them
    /// first, so that their misses overlap), then puts each such chain newest first.
    @inline(__always)
    func orderChains(_ walked: UnsafeMutableBufferPointer<WalkedKey>, _ length: Int,
                             age: (Int) -> UInt16) {
        Self.forEachSharedChain(walked, length) { chain in
            for k in chain { walked[k].age = age(Int(walked[k].position)) }
        }
        Self.forEachSharedChain(walked, length) { chain in
            Self.sortNewestFirst(UnsafeMutableBufferPointer(rebasing: walked[chain]), chain.count)
        }
    }

    /// Calls `body` with the range of `walked` of every chain of several keys, as marked by
    /// `walkBuckets` on each chain's first key.
    @inline(__always)
    private static func forEachSharedChain(_ walked: UnsafeMutableBufferPointer<WalkedKey>, _ length: Int,
                                           _ body: (Range<Int>) -> Void) {
        var j = 0
        while j < length {
            let n = max(1, Int(walked[j].chain))
            if n > 1 { body(j..<(j + n)) }
            j += n
        }
    }

    /// Where a sampled key's entry lives in its table, two parallel arrays (a key's value and
    /// its key), for prefetching both as soon as the walk meets the key: the value holds the
    /// age and access bits read next, and the key is read when the pool takes the sample. In a
    /// big table each is a cache miss of its own, and a miss waited for one after the other
    /// costs as much as the rest of the sample.
    struct SampledEntries {
        let values: UnsafeRawPointer
        let valueStride: Int
        let keys: UnsafeRawPointer
        let keyStride: Int

        init<V, K>(values: UnsafeBufferPointer<V>, keys: UnsafeBufferPointer<K>) {
            self.values = UnsafeRawPointer(values.baseAddress!)
            self.keys = UnsafeRawPointer(keys.baseAddress!)
            valueStride = MemoryLayout<V>.stride
            keyStride = MemoryLayout<K>.stride
        }

        @inline(__always) func prefetch(_ position: Int) {
            cachelab_prefetch(values + position &* valueStride)
            cachelab_prefetch(keys + position &* keyStride)
        }
    }

    /// A key met by the walk: its table position and, for a chain of several, its age; on
    /// the first key of a chain of several, the chain's length (0 elsewhere).
    struct WalkedKey {
        var position: UInt32
        var age: UInt16
        var chain: UInt16

        /// The key's access bits, once the walk and the chain order are done with its age and
        /// chain mark: they share those four bytes, so a sample needs no second buffer.
        var bits: UInt32 {
            get { UInt32(age) | UInt32(chain) &<< 16 }
            set {
                age = UInt16(truncatingIfNeeded: newValue)
                chain = UInt16(truncatingIfNeeded: newValue &>> 16)
            }
        }
    }

    /// Insertion sort by age (chains are a key or two long).
    private static func sortNewestFirst(_ chain: UnsafeMutableBufferPointer<WalkedKey>, _ length: Int) {
        guard length > 1 else { return }
        for j in 1..<length {
            let item = chain[j]
            var k = j
            while k > 0 && chain[k - 1].age > item.age {
                chain[k] = chain[k - 1]
                k -= 1
            }
            chain[k] = item
        }
    }
}
