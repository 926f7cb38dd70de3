/// The ordered half of a big sorted set: Redis's skiplist, with spans for ranks.
///
/// A skiplist is a sorted linked list with express lanes. Every node is on level 1, the plain
/// list; a node is also on level 2 with probability 1/4, on level 3 with probability 1/16, and
/// so on up to 32 levels. Each level is itself a sorted linked list, four times sparser than
/// the one below it:
///
///     level 3  HEAD ---------------------------------> 40 ------------------------> nil
///     level 2  HEAD ----------> 15 -----------------> 40 ---------> 70 ----------> nil
///     level 1  HEAD --> 10 --> 15 --> 22 --> 31 --> 40 --> 55 --> 70 --> 86 --> nil
///
/// To find a score, start at the highest level of the header and move right while the next
/// node is still smaller, then drop one level and repeat. Each level skips about four nodes of
/// the level below, so a search visits O(log n) nodes, like a balanced tree, but inserting or
/// deleting only rewires the links of the visited nodes: no rebalancing, no rotations.
///
/// Order. Nodes are ordered by score, and nodes with equal scores by their member's bytes
/// (memcmp order). That makes the order total, so ZRANGE is deterministic.
///
/// Spans, for ranks. Every link also stores how many level-1 steps it jumps (its *span*). While
/// searching, adding up the spans of the links taken gives the rank of where the search ends:
/// ZRANK is O(log n), and "the node at rank r" (ZRANGE 1000 1010) is found by following links
/// while the running sum stays at most r. A link to the end of the list spans to the end.
///
/// Backward pointers. Each node also points to its predecessor on level 1, so ranges can be
/// walked in reverse (ZREVRANGE) without searching again.
///
/// Storage. Instead of one heap object per node, nodes live in contiguous arrays and refer to
/// each other by index (`Int32`; -1 is nil). Each node's links are a block of `level`
/// consecutive entries in `links`, and the node's *index is where its block starts*, so
/// following a link needs no other lookup. Every link also caches the score of the node it
/// points to: a search compares scores without touching the nodes it passes over, and reads a
/// member only to break a tie. A search thus costs about one cache miss per step, the part
/// that dominates on big sorted sets. Member, score and backward pointer sit in `slots` at the
/// same index (the entries under a tall node's upper links are unused). Freed nodes go on a
/// free list per level (threaded through `backward`) and are reused by the next node of the
/// same height, so the arrays do not grow with churn. Contiguous arrays also mean copy-on-
/// write: copying a sorted set (a snapshot) copies a few array references.
/// Node 0 is the header: it holds no member and has all 32 levels.
///
/// The level of a new node comes from the list's own deterministic generator: it never
/// changes what any command answers, only the shape of the express lanes.
public struct SkipList {
    /// A node's index in the storage arrays.
    public typealias Node = Int32

    /// The tallest a node can be: enough for 4^32 elements.
    public static let maxLevel = 32
    /// The end of a list (a null link).
    public static let none: Node = -1
    static let header: Node = 0

    @usableFromInline struct Slot: Sendable {
        var member: Bytes
        var score: Double
        /// The previous node on level 1 (`none` for the first node). On the free list: the
        /// next free node of the same level.
        var backward: Node
        var level: Int32
    }

    @usableFromInline struct Link: Sendable {
        var forward: Node
        /// Level-1 steps from this node to `forward` (to the end when `forward` is nil).
        var span: Int32
        /// The score of `forward` (meaningless when `forward` is nil).
        var score: Double
    }

    /// Member, score, backward pointer and level of each node, at the node's index.
    @usableFromInline var slots: [Slot]
    /// The links of every node; node `x`'s link on level `i` is `links[x + i]`.
    @usableFromInline var links: [Link]
    /// Free nodes by level (index = level), threaded through `backward`.
    var freeHeads: [Node]
    /// Number of elements.
    public private(set) var count = 0
    /// The highest level any node currently uses (at least 1).
    var level = 1
    /// The last node, or `none`.
    public private(set) var last: Node = SkipList.none
    /// State of the level generator (xorshift64).
    var levelSeed: UInt64 = 0x2545_F491_4F6C_DD1D
    /// What Redis's allocator would hold for the element nodes, each by its level (see
    /// `SortedSetSize.nodeBytes`); the header is not counted.
    public private(set) var nodeBytes = 0

    static let unusedSlot = Slot(member: Bytes(), score: 0, backward: SkipList.none, level: 0)

    public init() {
        slots = [Slot](repeating: Self.unusedSlot, count: Self.maxLevel)
        slots[0].level = Int32(Self.maxLevel)
        links = [Link](repeating: Link(forward: Self.none, span: 0, score: 0), count: Self.maxLevel)
        freeHeads = [Node](repeating: Self.none, count: Self.maxLevel + 1)
    }

    // MARK: Reading nodes

    /// The first node, or `none`.
    public var first: Node { links[0].forward }

    public func member(_ node: Node) -> Bytes { slots[Int(node)].member }
    public func score(_ node: Node) -> Double { slots[Int(node)].score }

    /// The next node in order, or `none`.
    public func next(_ node: Node) -> Node { links[Int(node)].forward }

    /// The previous node in order, or `none`.
    public func previous(_ node: Node) -> Node { slots[Int(node)].backward }

    @inline(__always) func link(_ node: Node, _ level: Int) -> Link {
        links[Int(node) + level]
    }

    @inline(__always) func linkIndex(_ node: Node, _ level: Int) -> Int {
        Int(node) + level
    }

    /// Whether the node a link points to sorts before (score, member): scores come from the
    /// link, the member is read only on a tie.
    @inline(__always) func pointsBefore(_ l: Link, _ score: Double, _ member: Bytes) -> Bool {
        l.score < score || (l.score == score && slots[Int(l.forward)].member.sortsBefore(member))
    }

    // MARK: Searching

    /// Walks down from the top level, moving right while `isBefore(link)` holds for the link
    /// to the next node, and returns the last node reached (the header when none) with its
    /// 1-based rank (0 for the header). `isBefore` gets the link, so it can use the cached
    /// score of the next node; it must be true for a prefix of the list and false after it.
    @inline(__always)
    func lastNode(where isBefore: (Link) -> Bool) -> (node: Node, rank: Int) {
        var x = Self.header
        var rank = 0
        var i = level - 1
        while i >= 0 {
            var l = link(x, i)
            while l.forward != Self.none && isBefore(l) {
                rank += Int(l.span)
                x = l.forward
                l = link(x, i)
            }
            i -= 1
        }
        return (x, rank)
    }

    /// The 1-based rank of the element (score, member), or nil when it is not in the list.
    public func rank(score: Double, member: Bytes) -> Int? {
        let (x, rank) = lastNode { l in
            l.score < score || (l.score == score && !member.sortsBefore(self.slots[Int(l.forward)].member))
        }
        if x != Self.header && slots[Int(x)].member == member { return rank }
        return nil
    }

    /// The node at 1-based `rank`, or `none` when out of range.
    public func node(atRank rank: Int) -> Node {
        guard rank >= 1 && rank <= count else { return Self.none }
        var x = Self.header
        var traversed = 0
        var i = level - 1
        while i >= 0 {
            var l = link(x, i)
            while l.forward != Self.none && traversed + Int(l.span) <= rank {
                traversed += Int(l.span)
                x = l.forward
                l = link(x, i)
            }
            if traversed == rank { return x }
            i -= 1
        }
        return Self.none
    }

    // MARK: Inserting

    /// A random level in 1...32 where each extra level has probability 1/4: one 64-bit draw,
    /// counting pairs of trailing zero bits.
    mutating func randomLevel() -> Int {
        levelSeed ^= levelSeed << 13
        levelSeed ^= levelSeed >> 7
        levelSeed ^= levelSeed << 17
        return Swift.min(1 + levelSeed.trailingZeroBitCount / 2, Self.maxLevel)
    }

    /// A node with `level` links, from the free list when one of that height is waiting.
    mutating func allocate(level: Int, score: Double, member: Bytes) -> Node {
        nodeBytes += SortedSetSize.nodeBytes(level: level)
        let reused = freeHeads[level]
        if reused != Self.none {
            freeHeads[level] = slots[Int(reused)].backward
            slots[Int(reused)].member = member
            slots[Int(reused)].score = score
            return reused
        }
        let node = links.count
        links.append(contentsOf: repeatElement(Link(forward: Self.none, span: 0, score: 0), count: level))
        slots.append(Slot(member: member, score: score, backward: Self.none, level: Int32(level)))
        if level > 1 { slots.append(contentsOf: repeatElement(Self.unusedSlot, count: level - 1)) }
        return Node(node)
    }

    /// Returns a node to the free list of its level.
    mutating func release(_ node: Node) {
        let level = Int(slots[Int(node)].level)
        nodeBytes -= SortedSetSize.nodeBytes(level: level)
        slots[Int(node)].member = Bytes()
        slots[Int(node)].backward = freeHeads[level]
        freeHeads[level] = node
    }

    /// Inserts an element that is not in the list yet; returns its node.
    @discardableResult
    public mutating func insert(score: Double, member: Bytes) -> Node {
        withUnsafeTemporaryAllocation(of: Node.self, capacity: Self.maxLevel) { update in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: Self.maxLevel) { rank in
                insert(score: score, member: member, update: update, rank: rank)
            }
        }
    }

    private mutating func insert(score: Double, member: Bytes,
                                 update: UnsafeMutableBufferPointer<Node>,
                                 rank: UnsafeMutableBufferPointer<Int>) -> Node {
        // 1. Find, on every level, the last node before the new element, and its rank.
        var x = Self.header
        var i = level - 1
        while i >= 0 {
            rank[i] = i == level - 1 ? 0 : rank[i + 1]
            var l = link(x, i)
            while l.forward != Self.none && pointsBefore(l, score, member) {
                rank[i] += Int(l.span)
                x = l.forward
                l = link(x, i)
            }
            update[i] = x
            i -= 1
        }
        // 2. Pick the new node's height; levels above the current top start at the header,
        //    whose links there span the whole list.
        let newLevel = randomLevel()
        if newLevel > level {
            for j in level..<newLevel {
                rank[j] = 0
                update[j] = Self.header
                links[linkIndex(Self.header, j)].span = Int32(count)
            }
            level = newLevel
        }
        // 3. Splice the node in on each of its levels, splitting the span it lands in.
        let node = allocate(level: newLevel, score: score, member: member)
        for j in 0..<newLevel {
            let u = linkIndex(update[j], j)
            let n = linkIndex(node, j)
            let stepsBefore = rank[0] - rank[j]
            links[n].forward = links[u].forward
            links[n].score = links[u].score
            links[n].span = links[u].span - Int32(stepsBefore)
            links[u].forward = node
            links[u].score = score
            links[u].span = Int32(stepsBefore + 1)
        }
        // 4. Links above the node's height now jump over one more element.
        if newLevel < level {
            for j in newLevel..<level { links[linkIndex(update[j], j)].span += 1 }
        }
        slots[Int(node)].backward = update[0] == Self.header ? Self.none : update[0]
        let after = links[linkIndex(node, 0)].forward
        if after != Self.none {
            slots[Int(after)].backward = node
        } else {
            last = node
        }
        count += 1
        return node
    }

    // MARK: Deleting

    /// Fills `update` with the last node before (score, member) on every level.
    private func findPredecessors(score: Double, member: Bytes, into update: UnsafeMutableBufferPointer<Node>) {
        var x = Self.header
        var i = level - 1
        while i >= 0 {
            var l = link(x, i)
            while l.forward != Self.none && pointsBefore(l, score, member) {
                x = l.forward
                l = link(x, i)
            }
            update[i] = x
            i -= 1
        }
    }

    /// Unlinks `node`, given its predecessors on every level. Does not free it.
    private mutating func unlink(_ node: Node, update: UnsafeMutableBufferPointer<Node>) {
        for i in 0..<level {
            let u = linkIndex(update[i], i)
            if links[u].forward == node {
                let n = link(node, i)
                links[u].span += n.span - 1
                links[u].forward = n.forward
                links[u].score = n.score
            } else {
                links[u].span -= 1
            }
        }
        let after = next(node)
        if after != Self.none {
            slots[Int(after)].backward = slots[Int(node)].backward
        } else {
            last = slots[Int(node)].backward
        }
        while level > 1 && links[level - 1].forward == Self.none { level -= 1 }
        count -= 1
    }

    /// Removes the element (score, member); returns false when it is not in the list.
    @discardableResult
    public mutating func remove(score: Double, member: Bytes) -> Bool {
        withUnsafeTemporaryAllocation(of: Node.self, capacity: Self.maxLevel) { update in
            findPredecessors(score: score, member: member, into: update)
            let x = next(update[0])
            guard x != Self.none, slots[Int(x)].score == score, slots[Int(x)].member == member else { return false }
            unlink(x, update: update)
            release(x)
            return true
        }
    }

    /// Changes the score of an element known to be in the list. When the new score keeps the
    /// node between its neighbours it is updated in place; otherwise the node moves.
    public mutating func updateScore(member: Bytes, from oldScore: Double, to newScore: Double) {
        withUnsafeTemporaryAllocation(of: Node.self, capacity: Self.maxLevel) { update in
            findPredecessors(score: oldScore, member: member, into: update)
            let x = next(update[0])
            precondition(x != Self.none && slots[Int(x)].member == member, "updateScore of a missing element")
            let before = slots[Int(x)].backward
            let after = next(x)
            if (before == Self.none || slots[Int(before)].score < newScore)
                && (after == Self.none || slots[Int(after)].score > newScore) {
                setScore(x, newScore, update: update)
                return
            }
            unlink(x, update: update)
            release(x)
            insert(score: newScore, member: member)
        }
    }

    /// Sets the score of `node` in place, and the score cached in every link pointing to it
    /// (its predecessors in `update`). The caller guarantees the order does not change.
    private mutating func setScore(_ node: Node, _ score: Double, update: UnsafeMutableBufferPointer<Node>) {
        slots[Int(node)].score = score
        for i in 0..<Int(slots[Int(node)].level) {
            let u = linkIndex(update[i], i)
            if links[u].forward == node { links[u].score = score }
        }
    }

    /// Overwrites the score of the element (score, member) with one that compares equal to it
    /// (`-0` and `0`), so the order cannot change.
    mutating func replaceScore(member: Bytes, score: Double, with newScore: Double) {
        precondition(score == newScore, "replaceScore must not move the node")
        withUnsafeTemporaryAllocation(of: Node.self, capacity: Self.maxLevel) { update in
            findPredecessors(score: score, member: member, into: update)
            let x = next(update[0])
            guard x != Self.none, slots[Int(x)].member == member else { return }
            setScore(x, newScore, update: update)
        }
    }

    /// Removes the elements of 1-based ranks `start...end` (clamped to the list) and returns
    /// their members, in order.
    @discardableResult
    public mutating func removeRange(ranks start: Int, _ end: Int) -> [Bytes] {
        guard start <= end, start >= 1, start <= count else { return [] }
        let end = Swift.min(end, count)
        return withUnsafeTemporaryAllocation(of: Node.self, capacity: Self.maxLevel) { update in
            var x = Self.header
            var traversed = 0
            var i = level - 1
            while i >= 0 {
                var l = link(x, i)
                while l.forward != Self.none && traversed + Int(l.span) < start {
                    traversed += Int(l.span)
                    x = l.forward
                    l = link(x, i)
                }
                update[i] = x
                i -= 1
            }
            var removed: [Bytes] = []
            removed.reserveCapacity(end - start + 1)
            var node = next(x)
            for _ in start...end {
                let following = next(node)
                removed.append(slots[Int(node)].member)
                unlink(node, update: update)
                release(node)
                node = following
            }
            return removed
        }
    }
}

extension Bytes {
    /// Whether these bytes sort before `other` in memcmp order (the shorter first on a tie).
    /// Two short strings are compared as big-endian words, without touching memory.
    @inline(__always) func sortsBefore(_ other: Bytes) -> Bool {
        if case .inline(let a) = storage, case .inline(let b) = other.storage {
            // Unused bytes are zero, so comparing the padded 14 bytes decides unless they are
            // equal, in which case the shorter string is a prefix and sorts first.
            if a.0 != b.0 { return a.0.byteSwapped < b.0.byteSwapped }
            if a.1 != b.1 { return a.1.byteSwapped < b.1.byteSwapped }
            if a.2 != b.2 { return a.2.byteSwapped < b.2.byteSwapped }
            return a.3 < b.3
        }
        return Bytes.compare(self, other) < 0
    }
}
