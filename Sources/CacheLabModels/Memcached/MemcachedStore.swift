import CacheLabEngine

/// An in-process model of a memcached 1.6 server's memory: items in slab classes, a
/// segmented LRU per class, lazy expiry, CAS uniques, flush_all, and no persistence
/// (a new store is an empty, freshly started server).
///
/// Time is the injected engine `Clock`, read in whole seconds as memcached does. The LRU
/// maintainer, a background thread in memcached, runs here at the end of each operation on
/// the classes it touched, so the model is deterministic.
public final class MemcachedStore {
    public let clock: Clock
    public let slabs: SlabClasses
    /// `-m`: bytes of item memory (pages) the server may allocate.
    public let memoryLimit: Int
    /// `-M`: return an error instead of evicting.
    public let evictToFree: Bool
    public let hotPercent = 20, warmPercent = 40
    public let hotMaxFactor = 0.2, warmMaxFactor = 2.0
    public static let itemSizeMax = 1_048_576

    var items: [Bytes: MemcachedItem] = [:]
    public internal(set) var lrus: [SegmentedLRU]
    /// Pages and used chunks per class (index = class id - 1).
    public internal(set) var pages: [Int]
    public internal(set) var usedChunks: [Int]
    var casCounter: UInt64 = 0
    /// flush_all state: items with a CAS below `oldestCas`, or last written at or before
    /// `oldestLive` once that time has come, are invalid.
    var oldestLive: Int64 = 0
    var oldestCas: UInt64 = 0
    public internal(set) var counters = MemcachedCounters()
    public internal(set) var classCounters: [SlabClassCounters]
    var pendingBumps: [Bytes] = []
    var touchedClasses: Set<Int> = []
    /// The Unix second `stats` counts `uptime` from. memcached starts its relative clock 62
    /// seconds before the process started and takes 60 off for `uptime`, so a server that
    /// has just started already reports `uptime 2`; the model does the same.
    public let startedAt: Int64

    /// A fresh server with `-m megabytes` of memory.
    public init(clock: Clock, megabytes: Int = 64, evictToFree: Bool = true, slabs: SlabClasses = SlabClasses()) {
        self.clock = clock
        self.slabs = slabs
        self.memoryLimit = megabytes * 1_048_576
        self.evictToFree = evictToFree
        let classCount = slabs.classes.count
        lrus = Array(repeating: SegmentedLRU(), count: classCount)
        pages = Array(repeating: 0, count: classCount)
        usedChunks = Array(repeating: 0, count: classCount)
        classCounters = Array(repeating: SlabClassCounters(), count: classCount)
        startedAt = clock.nowMilliseconds / 1000 - 2
    }

    /// memcached's clock: whole seconds.
    public var now: Int64 { clock.nowMilliseconds / 1000 }

    public var currentItems: Int { items.count }
    public var bytesUsed: Int { items.values.reduce(0) { $0 + $1.totalSize } }
    public var totalPages: Int { pages.reduce(0, +) }

    func nextCas() -> UInt64 {
        casCounter += 1
        return casCounter
    }

    // MARK: Lookup

    func isFlushed(_ item: MemcachedItem) -> Bool {
        guard oldestLive != 0, oldestLive <= now else { return false }
        return item.time <= oldestLive || (oldestCas != 0 && item.cas < oldestCas)
    }

    /// memcached's `do_item_get`: the live item, unlinking it when expired or flushed.
    func liveItem(_ key: Bytes) -> MemcachedItem? {
        guard let item = items[key] else { return nil }
        if isFlushed(item) {
            counters.getFlushed += 1
            unlink(key)
            return nil
        }
        if Expiry.isExpired(item.expiresAt, now: now) {
            counters.getExpired += 1
            unlink(key)
            return nil
        }
        return item
    }

    /// A fetch's effect on the LRU: the first hit sets FETCHED, the second ACTIVE. Reads
    /// never relink; an item turning active outside COLD only gets its time refreshed, one
    /// in COLD is queued for the maintainer to move to WARM.
    func bump(_ key: Bytes) {
        guard var item = items[key], !item.active else { return }
        if !item.fetched {
            item.fetched = true
        } else {
            item.active = true
            if item.segment != .cold { item.time = now } else { pendingBumps.append(key) }
        }
        items[key] = item
    }

    // MARK: Linking

    /// Links an item whose chunks `allocate` has already reserved.
    func link(_ item: MemcachedItem) {
        var item = item
        item.segment = .hot
        items[item.key] = item
        lrus[item.slabClass - 1].link(item)
        counters.totalItems += 1
        touchedClasses.insert(item.slabClass)
    }

    /// Removes an item and frees its chunks.
    func unlink(_ key: Bytes) {
        guard let item = items.removeValue(forKey: key) else { return }
        lrus[item.slabClass - 1].unlink(item)
        release(item.layout)
    }

    /// Moves an item to the head of another segment.
    func move(_ key: Bytes, to segment: LRUSegment) {
        guard var item = items[key] else { return }
        lrus[item.slabClass - 1].unlink(item)
        item.segment = segment
        items[key] = item
        lrus[item.slabClass - 1].link(item)
    }

    /// Everything the model holds, for tests and visualisations.
    public func item(_ key: Bytes) -> MemcachedItem? { items[key] }
}
