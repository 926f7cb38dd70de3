/// The counters memcached keeps, global and per slab class (the ones `stats`,
/// `stats items` and `stats slabs` show and a student looks at).
public struct MemcachedCounters: Sendable {
    public var cmdGet = 0, cmdSet = 0, cmdFlush = 0, cmdTouch = 0
    public var getHits = 0, getMisses = 0, getExpired = 0, getFlushed = 0
    public var deleteHits = 0, deleteMisses = 0
    public var incrHits = 0, incrMisses = 0, decrHits = 0, decrMisses = 0
    public var casHits = 0, casMisses = 0, casBadval = 0
    public var touchHits = 0, touchMisses = 0
    public var storeTooLarge = 0, storeNoMemory = 0
    public var totalItems = 0
    public var lruMaintainerJuggles = 0
}

/// Per slab class counters (`stats items`, `stats slabs`).
public struct SlabClassCounters: Sendable {
    public var evicted = 0, evictedNonzero = 0, evictedTime: Int64 = 0
    public var outOfMemory = 0, reclaimed = 0, expiredUnfetched = 0
    public var evictedUnfetched = 0, evictedActive = 0
    public var movesToCold = 0, movesToWarm = 0, movesWithinLRU = 0, directReclaims = 0
    public var hitsTo: [Int] = [0, 0, 0]
    public var getHits = 0, cmdSet = 0, deleteHits = 0, incrHits = 0, decrHits = 0
    public var casHits = 0, casBadval = 0, touchHits = 0
}
