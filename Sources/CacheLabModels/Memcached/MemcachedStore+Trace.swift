import CacheLabEngine

/// Replaying a key trace through memcached: `get`, and on a miss `set` the key with a
/// small value (read-through), so its segmented LRU can be compared with other caches.
public struct MemcachedTraceCache: TraceCache {
    public let store: MemcachedStore
    public let valueSize: Int

    public init(store: MemcachedStore, valueSize: Int = 32) {
        self.store = store
        self.valueSize = valueSize
    }

    public mutating func access(_ key: Bytes) -> TraceOutcome {
        if store.fetch(key) != nil { return .hit }
        _ = store.store(.set, key: key, flags: 0, exptime: 0, value: Array(repeating: UInt8(ascii: "x"), count: valueSize))
        return .miss
    }
}
