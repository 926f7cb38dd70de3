/// Payload sizes of the collection types, beyond their 16-byte robj.
///
/// Each must be O(1): used memory is updated on every write. A collection's exact layout
/// (listpack, quicklist, intset, hashtable, skiplist) belongs to its type; until a type keeps
/// its own byte total, this estimates from the element count with Redis's small encodings'
/// typical per-element cost.
enum CollectionSizes {
    static func payloadBytes(_ value: Value) -> Int {
        switch value {
        case .string: return 0
        case .list(let l): return listpackEstimate(count: l.count, perElement: 12)
        case .hash(let h): return listpackEstimate(count: h.count * 2, perElement: 12)
        case .set(let s): return listpackEstimate(count: s.count, perElement: 12)
        case .zset(let z): return listpackEstimate(count: z.count * 2, perElement: 12)
        case .stream(let s): return 600 + s.count * 40
        }
    }

    /// A listpack-like block: 6-byte header, 1-byte end, `perElement` per entry, in one
    /// allocation (behind a 48-byte container for the types that wrap it).
    private static func listpackEstimate(count: Int, perElement: Int) -> Int {
        Jemalloc.usableSize(7 + count * perElement) + 48
    }
}
