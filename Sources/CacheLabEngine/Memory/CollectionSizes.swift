/// Payload sizes of the collection types, beyond their 16-byte robj.
///
/// Each must be O(1): used memory is updated on every write. Lists, hashes and streams follow
/// Redis 7.0's layouts from running tallies their values keep (`QuicklistSize`, `HashSize`,
/// `StreamSize`); sets and sorted sets are still estimated from their element counts with a
/// listpack-like cost per element.
enum CollectionSizes {
    /// The bytes behind a collection's robj, as MEMORY USAGE (`reported`) or used_memory
    /// counts them (MEMORY USAGE uses `sizeof` for some structures where the allocator
    /// charges a bigger size class).
    static func payloadBytes(_ value: Value, reported: Bool = false) -> Int {
        switch value {
        case .string: return 0
        case .list(let l): return QuicklistSize.bytes(count: l.count, entryBytes: l.entryBytes)
        case .hash(let h): return HashSize.bytes(h, reported: reported)
        case .set(let s): return listpackEstimate(count: s.count, perElement: 12)
        case .zset(let z): return listpackEstimate(count: z.count * 2, perElement: 12)
        case .stream(let s): return StreamSize.bytes(s)
        }
    }

    /// A listpack-like block: 6-byte header, 1-byte end, `perElement` per entry, in one
    /// allocation (behind a 48-byte container for the types that wrap it).
    private static func listpackEstimate(count: Int, perElement: Int) -> Int {
        Jemalloc.usableSize(7 + count * perElement) + 48
    }
}
