/// The bytes of Redis 7.0's quicklist, estimated in O(1) from a list's element count and the
/// total size of its listpack entries.
///
/// A quicklist is a 40-byte header (head, tail, counts, fill and compress bits) and a doubly
/// linked list of 40-byte nodes (previous, next, listpack pointer, listpack size, then count,
/// encoding and flag bits padded to 8), each owning one listpack. Both are allocated in
/// jemalloc's 48-byte class. Pushing onto an end node is allowed
/// while the node's listpack, plus the new element's length, plus 8 bytes of margin, stays
/// within the node limit:
///
///     fill -1 ... -5 (list-max-listpack-size): 4, 8 (the default), 16, 32 or 64 KB
///     fill > 0: at most `fill` entries and at most 8 KB (the safety limit)
///
/// so a node holding k entries of e bytes (element length len) takes one more while
/// `7 + k*e + len + 8 <= limit`: a full node has `floor((limit - 15 - len) / e) + 1` entries
/// (at least one; a bigger element gets a node of its own). Each listpack is reallocated to
/// its exact size, so it costs its jemalloc class. The estimate uses the average entry, so it
/// is exact for a list of equal elements pushed at one end, and close otherwise (lists built
/// by inserting in the middle split and merge nodes and end up with less full nodes).
///
/// Not modelled: `list-compress-depth` (inner nodes LZF-compressed; their size depends on the
/// data, so they are counted uncompressed). MEMORY USAGE estimates the nodes under the
/// `list-max-listpack-size` in force; used memory assumes the default -2, since it is kept
/// as a running total and a list's share must not change when the setting does.
/// MEMORY USAGE counts the header and the nodes by `sizeof` (40) and each listpack by its
/// allocation; used memory counts all of them by their allocations (48 for the header and each
/// node). Measured on Redis 7.0.15: `RPUSH l hello` reports 144 = 24 (dictEntry) + 8 (key) +
/// 16 (robj) + 40 + 40 + 16 (listpack) and raises used_memory by 168 = 32 + 8 + 16 + 48 + 48
/// + 16; five short elements (a 48-byte listpack) cost 200 bytes of used memory per list.
///
/// With fewer SAMPLES than nodes, MEMORY USAGE averages the first nodes from the head and
/// multiplies by the node count; the model takes those nodes to be full, but for the partly
/// filled node, which is at the head when the list was last pushed at the head (measured,
/// 10,000 LPUSH of `elemN`: 88,134 with 5 samples, 107,104 for RPUSH, 99,808 with SAMPLES 0).
enum QuicklistSize {
    static let header = 40
    static let node = 40
    static let headerAllocated = Jemalloc.usableSize(header)
    static let nodeAllocated = Jemalloc.usableSize(node)
    /// The node byte limit of `fill` -2, Redis's default.
    static let defaultFill: Int64 = -2

    /// Node count, and the listpack bytes of a full node and of the last one.
    struct Shape: Equatable {
        var nodes: Int
        var fullNodeBytes: Int
        var lastNodeBytes: Int
    }

    static func shape(count: Int, entryBytes: Int, fill: Int64) -> Shape {
        guard count > 0 else { return Shape(nodes: 0, fullNodeBytes: 0, lastNodeBytes: 0) }
        let entry = max(1, Double(entryBytes) / Double(count))
        // A string entry is its length plus 2 to 4 bytes of header and back-length.
        let length = max(1, entry - (entry < 66 ? 2 : entry < 130 ? 3 : 4))
        let limits = QuicklistFill(Int(fill))
        let perNode = min(max(1, Int((Double(limits.byteLimit - 15) - length) / entry) + 1), limits.countLimit)
        let nodes = (count + perNode - 1) / perNode
        let fullEntries = (nodes - 1) * perNode
        let fullEntryBytes = count == perNode * nodes ? entryBytes / nodes : Int(Double(perNode) * entry)
        let full = ListpackSize.overhead + fullEntryBytes
        // The last node holds the rest of the elements, at the average entry too: taking the
        // bytes the full nodes leave would pile their rounding up in it (a whole kilobyte over
        // a thousand one-element nodes).
        let last = ListpackSize.overhead + (nodes > 1 ? Int((Double(count - fullEntries) * entry).rounded()) : entryBytes)
        return Shape(nodes: nodes, fullNodeBytes: full, lastNodeBytes: max(ListpackSize.overhead, last))
    }

    /// The bytes behind a list's robj as used memory counts them: header, nodes and their
    /// listpacks.
    static func bytes(count: Int, entryBytes: Int, fill: Int64 = defaultFill) -> Int {
        let s = shape(count: count, entryBytes: entryBytes, fill: fill)
        guard s.nodes > 0 else { return headerAllocated }
        return headerAllocated + s.nodes * nodeAllocated + (s.nodes - 1) * Jemalloc.usableSize(s.fullNodeBytes)
            + Jemalloc.usableSize(s.lastNodeBytes)
    }

    /// The same as MEMORY USAGE estimates it from the first `samples` nodes (robj included,
    /// as Redis adds it before the estimate).
    static func reportedBytes(count: Int, entryBytes: Int, samples: Int, partialAtHead: Bool = false,
                              fill: Int64 = defaultFill) -> Int {
        let s = shape(count: count, entryBytes: entryBytes, fill: fill)
        let fixed = RedisObjectSizes.robj + header
        guard s.nodes > 0 else { return fixed }
        let full = node + Jemalloc.usableSize(s.fullNodeBytes)
        let last = node + Jemalloc.usableSize(s.lastNodeBytes)
        let sampled = min(max(1, samples), s.nodes)
        let sum = sampled == s.nodes || partialAtHead ? (sampled - 1) * full + last : sampled * full
        return MemoryUsageEstimate.extrapolate(fixed: fixed, sampledBytes: sum, sampled: sampled, total: s.nodes)
    }
}
