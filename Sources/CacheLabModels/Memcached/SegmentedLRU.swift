import CacheLabEngine

/// The three sub-LRUs of a slab class in memcached 1.6's segmented LRU.
public enum LRUSegment: Int, Sendable, CaseIterable {
    /// New items land here; they leave quickly (HOT is at most 20% of the class's bytes).
    case hot
    /// Items proved useful (hit at least twice) live here, protected from scans (40%).
    case warm
    /// Everything else; evictions only ever take COLD's tail.
    case cold
}

/// One slab class's segmented LRU: a recency list and a byte count per segment.
///
/// memcached 1.6 keeps a separate LRU per slab class, split in segments:
/// - a new item enters HOT;
/// - its first fetch marks it FETCHED, the second ACTIVE ("hit twice");
/// - reads do not relink items (no lock on the read path); the LRU maintainer later walks
///   the tails: an ACTIVE item at HOT's tail goes to WARM, an inactive one to COLD when HOT
///   is over its share of the bytes or older than 0.2 × COLD's tail age; at WARM's tail an
///   ACTIVE item goes back to WARM's head, an inactive one to COLD (over 40% or 2.0 × age);
/// - an ACTIVE hit on a COLD item queues a bump that moves it to WARM;
/// - when memory is needed, the item at COLD's tail is evicted.
/// The result: one-hit wonders and scans flow through HOT into COLD and out, while items
/// read repeatedly stay in WARM.
public struct SegmentedLRU: Sendable {
    var lists: [RecencyList<Bytes>] = Array(repeating: RecencyList(), count: 3)
    /// Bytes (ITEM_ntotal) per segment.
    public private(set) var bytes: [Int] = [0, 0, 0]

    public init() {}

    public func count(_ segment: LRUSegment) -> Int { lists[segment.rawValue].count }
    public var itemCount: Int { lists.reduce(0) { $0 + $1.count } }
    public var totalBytes: Int { bytes.reduce(0, +) }

    /// Keys of a segment from its tail (oldest) to its head.
    public func keys(_ segment: LRUSegment) -> [Bytes] { lists[segment.rawValue].keysOldestFirst }

    func tail(_ segment: LRUSegment) -> Bytes? { lists[segment.rawValue].oldestKey }
    func newer(than key: Bytes, in segment: LRUSegment) -> Bytes? { lists[segment.rawValue].newer(than: key) }

    /// Links `item` at the head of its segment.
    mutating func link(_ item: MemcachedItem) {
        lists[item.segment.rawValue].pushNewest(item.key)
        bytes[item.segment.rawValue] += item.totalSize
    }

    mutating func unlink(_ item: MemcachedItem) {
        if lists[item.segment.rawValue].remove(item.key) {
            bytes[item.segment.rawValue] -= item.totalSize
        }
    }
}
