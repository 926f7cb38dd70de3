/// How much work freeing a value takes, as Redis 7.0 estimates it (`lazyfreeGetFreeEffort`)
/// to decide whether a deletion frees the value at once or hands it to a background thread.
///
/// The effort counts allocations, not bytes: a value made of one block (a string, or a
/// collection in a compact encoding: listpack, intset) is 1, however large; a collection in a
/// real table is one allocation per element:
///
///     list              quicklist nodes (each node and its listpack)
///     set, hash         entries of the hash table (intset, listpack: 1)
///     sorted set        skiplist nodes (listpack: 1)
///     stream            radix tree nodes, plus, with consumer groups, groups × (1 + the
///                       first group's pending entries), the first group standing for all
///
/// A lazy deletion (UNLINK, or DEL, eviction, expiry, overwrite and server-side deletes
/// when their `lazyfree-lazy-*` switch is on) frees in the background only a value whose
/// effort is above `lazyFreeThreshold`: handing a small value to another thread costs more
/// than freeing it.
extension Value {
    /// Redis's LAZYFREE_THRESHOLD.
    static let lazyFreeThreshold = 64

    /// The allocations freeing this value walks (see above).
    var freeEffort: Int {
        switch self {
        case .string:
            return 1
        case .list(let list):
            return list.estimatedNodeCount(fill: QuicklistSize.defaultFill)
        case .set(let set):
            return set.isIntset ? 1 : set.count
        case .hash(let hash):
            return hash.isListpack ? 1 : hash.count
        case .zset(let zset):
            return zset.isListpack ? 1 : zset.count
        case .stream(let stream):
            var effort = stream.radixTreeNodeCount
            if let first = stream.groups.first {
                effort += stream.groups.count * (1 + first.pendingCount)
            }
            return effort
        }
    }
}
