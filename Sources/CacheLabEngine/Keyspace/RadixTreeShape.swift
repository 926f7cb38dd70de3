/// How many nodes Redis's radix tree ("rax") has for a stream's node keys: the
/// `radix-tree-nodes` of XINFO STREAM.
///
/// Redis indexes a stream's listpacks in a rax keyed by each node's master ID written as 16
/// big-endian bytes. A rax is a compressed trie with three kinds of nodes:
///
/// * a branch node, where keys diverge: it holds the first byte of each outgoing edge;
/// * a chain node, holding the remaining bytes of an edge (a "compressed" node when it
///   holds two or more bytes); an edge of one byte needs none, its byte sits in the branch;
/// * a leaf, an empty node marking the end of a key.
///
/// The root is the top branch, or, when all keys share a prefix, a chain node holding that
/// prefix. An empty rax is a single empty root. Redis's insertions split nodes and its
/// deletions merge them back, so for keys of equal length the tree always has this
/// canonical shape, and its size follows from the sorted keys alone:
///
///     nodes = leaves + branch nodes + one chain node per edge of 2+ bytes (+ the root chain)
///
/// The branch nodes are found from the longest common prefixes (LCP) of neighbouring keys,
/// with the stack walk used to build a suffix tree from an LCP array: each distinct LCP depth
/// that stays open between two keys is a branch, and its parent is the next shallower one.
enum RadixTreeShape {
    /// The key length in bytes: two 64-bit halves of a stream ID.
    static let keyLength = 16

    /// The number of rax nodes holding these keys, which must be sorted and distinct.
    static func nodeCount(sortedKeys keys: [StreamID]) -> Int {
        let n = keys.count
        if n == 0 { return 1 }
        if n == 1 { return 2 }
        var lcps: [Int] = []
        lcps.reserveCapacity(n - 1)
        for i in 1..<n { lcps.append(commonPrefix(keys[i - 1], keys[i])) }

        var count = 0
        // Leaves: each hangs under the deeper of its two neighbouring divergence points.
        for i in 0..<n {
            let left = i > 0 ? lcps[i - 1] : -1
            let right = i < n - 1 ? lcps[i] : -1
            count += nodes(depth: keyLength, parentDepth: max(left, right))
        }
        // Branch nodes, from the LCP depths, each closed when a shallower depth follows.
        var open: [Int] = []
        for depth in lcps {
            while let top = open.last, top > depth {
                open.removeLast()
                count += nodes(depth: top, parentDepth: max(open.last ?? -1, depth))
            }
            if open.last != depth { open.append(depth) }
        }
        while let top = open.popLast() {
            if let parent = open.last {
                count += nodes(depth: top, parentDepth: parent)
            } else {
                // The top branch, and the root chain holding the shared prefix, if any.
                count += top > 0 ? 2 : 1
            }
        }
        return count
    }

    /// A node at `depth` under a branch at `parentDepth`: itself, plus a chain node when the
    /// edge is longer than the one byte the branch holds.
    private static func nodes(depth: Int, parentDepth: Int) -> Int {
        depth - parentDepth >= 2 ? 2 : 1
    }

    /// The number of leading bytes two IDs share in their 16-byte big-endian form.
    static func commonPrefix(_ a: StreamID, _ b: StreamID) -> Int {
        if a.ms != b.ms { return (a.ms ^ b.ms).leadingZeroBitCount / 8 }
        if a.seq != b.seq { return 8 + (a.seq ^ b.seq).leadingZeroBitCount / 8 }
        return keyLength
    }
}
