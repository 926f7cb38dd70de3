import CacheLabEngine

/// A model of Python's `functools.lru_cache`: a memoizer in front of a function.
///
/// Python picks one of three wrappers when the decorator is applied:
/// - `maxsize=0`: nothing is cached; every call is a miss and runs the function;
/// - `maxsize=None`: an unbounded dictionary; entries are never evicted, so no order is kept;
/// - otherwise: an exact LRU. The entries form a doubly-linked list, oldest first. A hit
///   moves the entry to the newest end. A miss counts, runs the function (which may itself
///   call the cache, as a recursive fib does), then, unless that call already stored the same
///   key, stores the result at the newest end, first evicting the oldest entry when full.
/// A negative maxsize is treated as 0. `cache_clear()` empties the cache and resets the
/// hits and misses. A call that raises is a miss and stores nothing.
public struct LRUCache<Value> {
    /// nil means unbounded (Python's `maxsize=None`).
    public let maxsize: Int?
    public let typed: Bool
    public private(set) var hits = 0
    public private(set) var misses = 0
    private var results: [LRUCacheKey: Value] = [:]
    private var order = RecencyList<LRUCacheKey>()

    /// `lru_cache(maxsize=128, typed=False)` by default, like Python.
    public init(maxsize: Int? = 128, typed: Bool = false) {
        self.maxsize = maxsize.map { max(0, $0) }
        self.typed = typed
    }

    public var currsize: Int { results.count }

    /// `cache_info()`.
    public var info: CacheInfo {
        CacheInfo(hits: hits, misses: misses, maxsize: maxsize, currsize: currsize)
    }

    /// `cache_clear()`: drops every entry and resets the counters.
    public mutating func clear() {
        results.removeAll()
        order.removeAll()
        hits = 0
        misses = 0
    }

    /// The cached keys from the least to the most recently used (unbounded caches keep
    /// insertion order, as a Python dict does).
    public var keysOldestFirst: [LRUCacheKey] { order.keysOldestFirst }

    /// One call of the wrapped function with `arguments`. `compute` runs on a miss; it gets
    /// the cache back so a recursive function can call through it.
    public mutating func call(
        _ arguments: [PythonValue], compute: (inout LRUCache<Value>) throws -> Value
    ) rethrows -> Value {
        if maxsize == 0 {
            misses += 1
            return try compute(&self)
        }
        let key = LRUCacheKey(arguments: arguments, typed: typed)
        if let value = results[key] {
            hits += 1
            if maxsize != nil { order.pushNewest(key) }
            return value
        }
        misses += 1
        let value = try compute(&self)
        if results[key] != nil { return value }  // stored meanwhile by a nested call
        if let maxsize, results.count >= maxsize, let oldest = order.popOldest() {
            results[oldest] = nil
        }
        results[key] = value
        order.pushNewest(key)
        return value
    }
}

extension LRUCache: TraceCache where Value == Void {
    /// Replays one key of a trace: a hit, or a miss that stores the key.
    public mutating func access(_ key: Bytes) -> TraceOutcome {
        let before = hits
        call([.str(key.string)]) { _ in () }
        return hits > before ? .hit : .miss
    }

    public var entryCount: Int { currsize }
}
