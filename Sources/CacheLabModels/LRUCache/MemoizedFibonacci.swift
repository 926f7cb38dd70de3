/// The seed example: `@lru_cache def fib(n): return n if n < 2 else fib(n-1) + fib(n-2)`,
/// then `[fib(n) for n in range(N)]`.
///
/// The recursion really runs through the cache model, so the statistics come from the
/// model, not from a formula. With `range(16)`: fib(0) and fib(1) miss, and each later
/// fib(n) misses once and then hits on fib(n-1) and fib(n-2): 16 misses and 28 hits. With
/// maxsize=4 the figures are the same, because the two entries fib(n) needs are always among
/// the four most recently used.
public enum MemoizedFibonacci {
    /// The largest N whose fib(N-1) fits in 64 bits (Python's ints have no limit; ours do).
    public static let largestRange = 94

    /// Runs `[fib(n) for n in range(count)]` through `cache`; returns the list.
    public static func run(range count: Int, cache: inout LRUCache<UInt64>) -> [UInt64] {
        (0..<count).map { fib($0, cache: &cache) }
    }

    /// One call `fib(n)` through the cache.
    public static func fib(_ n: Int, cache: inout LRUCache<UInt64>) -> UInt64 {
        cache.call([.int(n)]) { inner in
            n < 2 ? UInt64(n) : fib(n - 1, cache: &inner) &+ fib(n - 2, cache: &inner)
        }
    }
}
