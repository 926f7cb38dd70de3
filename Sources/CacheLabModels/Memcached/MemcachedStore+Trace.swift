import CacheLabEngine

/// Replaying a key trace through memcached: `get`, and on a miss `set` the key with a value
/// of `valueSize` bytes (read-through), so its segmented LRU can be compared with other
/// caches. The value's bytes are made once and shared by every item.
public struct MemcachedTraceCache: TraceCache {
    public let store: MemcachedStore
    public let valueSize: Int
    private let value: [UInt8]

    public init(store: MemcachedStore, valueSize: Int = 32) {
        self.store = store
        self.valueSize = valueSize
        value = Array(repeating: UInt8(ascii: "x"), count: valueSize)
    }

    public mutating func access(_ key: Bytes) -> TraceOutcome {
        if store.fetch(key) != nil { return .hit }
        _ = store.store(.set, key: key, flags: 0, exptime: 0, value: value)
        return .miss
    }

    public var entryCount: Int { store.currentItems }
}
