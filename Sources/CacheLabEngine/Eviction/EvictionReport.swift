/// Everything about one eviction, for the visualizer and for lessons: why this key.
public struct EvictionReport: Sendable {
    /// A key the sampler looked at, with the score it got.
    public struct Sample: Sendable, Equatable {
        public var database: Int
        public var key: Bytes
        /// Idle ms (LRU), 255 - counter (LFU), or UInt64.max - expire time (volatile-ttl).
        public var score: UInt64
    }

    public var policy: EvictionPolicy
    /// The sampled keys of this eviction (empty for the random policies).
    public var samples: [Sample]
    public var poolBefore: [EvictionPool.Slot?]
    public var poolAfter: [EvictionPool.Slot?]
    public var database: Int
    public var victim: Bytes
    /// The victim's score in the pool (0 for the random policies).
    public var victimScore: UInt64
    /// How much `usedMemory` fell when the victim was deleted.
    public var bytesFreed: Int
    /// Used memory and the limit when the run began.
    public var usedMemoryBefore: Int
    public var maxmemory: Int
}
