/// The bytes of a Redis 7.0 stream, estimated in O(1).
///
/// A stream is an 80-byte struct (rax pointer, length, last, first and max-deleted IDs,
/// entries added, groups pointer), a radix tree indexing its nodes by master ID, and one
/// listpack per node. Redis's MEMORY USAGE counts the radix tree as 16 bytes per key plus
/// 4 + 240 bytes per tree node (a fixed guess for the node's children and padding), and each
/// listpack by its allocation. A new node's listpack is preallocated at 4096 bytes
/// (`stream-node-max-bytes` when smaller) and shrunk to fit when the next node starts, so
/// the tail node costs at least 4096, unless the stream was copied (COPY) or loaded from a
/// file: every listpack is then allocated to fit, and the tail grows by exact reallocations
/// until XADD starts a new node.
///
/// The estimate: the tree has about 2.5 nodes per key for time-ordered IDs (measured: 1 key
/// 2 nodes, 10 keys 26, 100 keys 241), and every node but the tail is the size of the first
/// one (Redis itself averages sampled nodes the same way). Consumer groups and their pending
/// entries are counted by MEMORY USAGE only (see StreamSize+Groups).
///
/// Measured on Redis 7.0.15 (MEMORY USAGE ... SAMPLES 0, key `s`, entries `name valueN`):
/// 1 entry 4,728; 100 entries 4,728; 101 entries 7,512; 1,000 entries 28,904; 10,000 entries
/// 267,124.
enum StreamSize {
    static let header = 80
    static let preallocated = 4096

    /// Radix tree nodes for `keys` node keys, estimated.
    static func treeNodes(keys: Int) -> Int {
        keys <= 1 ? keys + 1 : (5 * keys) / 2 + 1
    }

    static func bytes(_ s: StreamValue) -> Int {
        let keys = s.nodes.count
        var total = header + 16 * keys + 244 * treeNodes(keys: keys)
        guard let last = s.nodes.last, let first = s.nodes.first else { return total }
        total += Jemalloc.usableSize(s.tailIsExact ? last.listpackBytes : max(preallocated, last.listpackBytes))
        total += (keys - 1) * Jemalloc.usableSize(first.listpackBytes)
        return total
    }

    /// What MEMORY USAGE reports for the stream itself (robj and groups aside), as Redis
    /// computes it: the radix tree by its real node count, the first `samples` listpacks
    /// averaged (in integers) for all nodes but the tail, and the tail by its allocation,
    /// preallocated at 4096 bytes or `stream-node-max-bytes` when smaller (`nodeMaxBytes`,
    /// the setting in force).
    static func reportedBytes(_ s: StreamValue, samples: Int, nodeMaxBytes: Int64) -> Int {
        let keys = s.nodes.count
        var total = header + 16 * keys + 244 * s.radixTreeNodeCount
        guard let last = s.nodes.last else { return total }
        let preallocation = nodeMaxBytes > 0 ? min(preallocated, Int(clamping: nodeMaxBytes)) : preallocated
        let tail = Jemalloc.usableSize(s.tailIsExact ? last.listpackBytes : max(preallocation, last.listpackBytes))
        let allocated = { (i: Int) in i == keys - 1 ? tail : Jemalloc.usableSize(s.nodes[i].listpackBytes) }
        let sampled = min(max(1, samples), keys)
        let sampledBytes = (0..<sampled).reduce(0) { $0 + allocated($1) }
        if keys <= sampled { return total + sampledBytes }
        total += sampledBytes / sampled * (keys - 1)
        return total + tail
    }
}
