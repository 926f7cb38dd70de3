import CacheLabEngine

/// Whether one access of a key trace found the key in the cache.
public enum TraceOutcome: Equatable, Sendable {
    case hit
    case miss
}

/// A cache that can replay a key trace, so several caches (Redis's sampled LRU, memcached's
/// segmented LRU, lru_cache's exact LRU) can be compared on the same workload.
///
/// `access` has read-through semantics: a hit counts and refreshes the key as a read would;
/// a miss stores the key (as the application would after computing the value), which may
/// evict others.
public protocol TraceCache {
    mutating func access(_ key: Bytes) -> TraceOutcome
    /// How many entries the cache holds now.
    var entryCount: Int { get }
}
