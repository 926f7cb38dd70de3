/// The statistics `cache_info()` returns: a named tuple that Python prints as
/// `CacheInfo(hits=28, misses=16, maxsize=None, currsize=16)`.
public struct CacheInfo: Equatable, Sendable, CustomStringConvertible {
    public var hits: Int
    public var misses: Int
    /// nil is Python's `None` (unbounded).
    public var maxsize: Int?
    public var currsize: Int

    public init(hits: Int, misses: Int, maxsize: Int?, currsize: Int) {
        self.hits = hits
        self.misses = misses
        self.maxsize = maxsize
        self.currsize = currsize
    }

    public var description: String {
        "CacheInfo(hits=\(hits), misses=\(misses), maxsize=\(maxsize.map(String.init) ?? "None"), currsize=\(currsize))"
    }
}
