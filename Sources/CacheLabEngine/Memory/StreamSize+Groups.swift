/// What a stream's consumer groups add to MEMORY USAGE.
///
/// Redis 7.0 counts, for each group, its struct (last-delivered ID, entries-read, two radix
/// tree pointers: 40 bytes), its pending entries list (a radix tree keyed by 16-byte IDs)
/// and one 24-byte NACK per pending entry (delivery time, delivery count, owner pointer);
/// for each consumer, its struct (seen-time, name and PEL pointers: 24 bytes), the length of
/// its name, and its own PEL tree, whose NACKs are the group's and are not counted again.
///
/// A radix tree is counted the way Redis counts a stream's: 16 bytes per key plus 4 + 240
/// bytes per node (the node header and a fixed guess for its children), with the node count
/// of the tree's canonical shape (`RadixTreeShape`). An empty tree is one node: 244 bytes.
///
/// Measured on Redis 7.0.15: a group adds 284; a consumer named `c1` 270; the first entry a
/// consumer reads adds 544 (a NACK and one key and one node in each of two trees).
extension StreamSize {
    static let groupStruct = 40
    static let consumerStruct = 24
    static let nack = 24

    /// The bytes of a radix tree holding these sorted, distinct IDs, as Redis counts them.
    static func treeBytes(_ ids: [StreamID]) -> Int {
        16 * ids.count + 244 * RadixTreeShape.nodeCount(sortedKeys: ids)
    }

    /// The groups' share of MEMORY USAGE (O(pending entries); not part of `bytes`, which
    /// used_memory accounting calls on every write).
    static func groupsBytes(_ s: StreamValue) -> Int {
        var total = 0
        for group in s.groups {
            total += groupStruct + treeBytes(group.pending.ids()) + nack * group.pending.count
            for consumer in group.consumers {
                total += consumerStruct + consumer.name.count + treeBytes(consumer.pending.ids())
            }
        }
        return total
    }
}
