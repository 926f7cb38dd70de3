import DequeModule

/// A Redis list: an ordered sequence of byte strings, pushed and popped at both ends.
///
/// Redis 7.0 stores every list as a *quicklist*: a doubly linked list of nodes, each node a
/// small *listpack* (a packed byte array of entries). Pushing or popping at either end touches
/// only the end node, so both are O(1); reaching the middle walks the nodes. How full a node
/// may grow is `list-max-listpack-size` (alias `list-max-ziplist-size`): a positive number is a
/// count of entries, -1 ... -5 a byte limit of 4, 8, 16, 32 or 64 KB. `list-compress-depth`
/// keeps that many nodes at each end uncompressed and LZF-compresses the ones in between.
///
/// CacheLab keeps the elements in a `Deque` (a ring buffer): the same O(1) ends and O(1) index
/// arithmetic, without the node bookkeeping. OBJECT ENCODING always answers `quicklist`, as
/// Redis 7.0 does; the node layout, which only matters for memory accounting, is estimated
/// from the element count and a running total of the bytes the elements take as listpack
/// entries (see `QuicklistSize`).
public struct ListValue {
    /// The elements, head first. Read freely; change them through the mutating methods so
    /// that the byte total stays right.
    public private(set) var items: Deque<Bytes>
    /// The bytes the elements take as listpack entries (encoding header, data or packed
    /// integer, back-length; see `ListpackSize`), kept up to date by every mutation.
    public private(set) var entryBytes: Int {
        get { packedEntryBytes & Int.max }
        set { packedEntryBytes = newValue | (packedEntryBytes & Int.min) }
    }
    /// Whether the last push was at the head: a quicklist grows by adding nodes at the end it
    /// is pushed at, so that end holds its partly filled node (MEMORY USAGE samples nodes
    /// from the head; see `QuicklistSize`).
    public private(set) var grewAtHead: Bool {
        get { packedEntryBytes < 0 }
        set { packedEntryBytes = newValue ? packedEntryBytes | Int.min : packedEntryBytes & Int.max }
    }
    /// `entryBytes` with `grewAtHead` in its sign bit, so that a list stays 16 bytes inside
    /// every `Value`.
    private var packedEntryBytes: Int

    public init(_ items: Deque<Bytes> = []) {
        self.items = items
        self.packedEntryBytes = items.reduce(0) { $0 + ListpackSize.string($1) }
    }

    /// A list whose `entryBytes` the caller has already summed (a loader that measured each
    /// element as it decoded it); it must equal what `init(_:)` would compute.
    init(_ items: Deque<Bytes>, entryBytes: Int) {
        self.items = items
        self.packedEntryBytes = entryBytes
    }

    public var count: Int { items.count }
    public var isEmpty: Bool { items.isEmpty }

    /// What OBJECT ENCODING answers: always `quicklist` in Redis 7.0.
    public var encoding: String { "quicklist" }

    @inlinable public subscript(position: Int) -> Bytes { items[position] }

    // MARK: Ends

    /// Adds an element at the head (`fromHead`) or the tail.
    @inline(__always) public mutating func push(_ element: Bytes, atHead fromHead: Bool) {
        entryBytes += ListpackSize.string(element)
        grewAtHead = fromHead
        if fromHead { items.prepend(element) } else { items.append(element) }
    }

    /// Removes and returns the head (`fromHead`) or tail element, nil when empty.
    @inline(__always) public mutating func pop(atHead fromHead: Bool) -> Bytes? {
        guard let element = fromHead ? items.popFirst() : items.popLast() else { return nil }
        entryBytes -= ListpackSize.string(element)
        return element
    }

    /// Removes up to `n` elements from one end and returns them in the order they were popped.
    public mutating func pop(_ n: Int, atHead fromHead: Bool) -> [Bytes] {
        let taken = min(n, items.count)
        var popped: [Bytes] = []
        popped.reserveCapacity(taken)
        for _ in 0..<taken {
            if let element = pop(atHead: fromHead) { popped.append(element) }
        }
        return popped
    }

    // MARK: The middle

    /// Replaces the element at `position`.
    public mutating func replace(at position: Int, with element: Bytes) {
        entryBytes += ListpackSize.string(element) - ListpackSize.string(items[position])
        items[position] = element
    }

    /// Inserts an element so that it ends up at `position`.
    public mutating func insert(_ element: Bytes, at position: Int) {
        entryBytes += ListpackSize.string(element)
        items.insert(element, at: position)
    }

    /// Removes the element at `position`.
    public mutating func remove(at position: Int) {
        entryBytes -= ListpackSize.string(items.remove(at: position))
    }

    /// Removes `head` elements from the front and `tail` from the back (LTRIM).
    public mutating func trim(head: Int, tail: Int) {
        if head + tail >= items.count {
            items.removeAll()
            entryBytes = 0
            return
        }
        for _ in 0..<head { entryBytes -= ListpackSize.string(items.removeFirst()) }
        for _ in 0..<tail { entryBytes -= ListpackSize.string(items.removeLast()) }
    }

    /// Removes the elements equal to `element`, at most `limit` of them, scanning from the head
    /// or from the tail; returns how many went (LREM).
    ///
    /// The scan stops at the `limit`-th match, as Redis's does. Removing one element from a
    /// ring buffer shifts the shorter side, so a few matches near the ends are removed one by
    /// one; when that would cost more than the list's length, the list is rebuilt in one pass.
    public mutating func removeAll(equalTo element: Bytes, limit: Int, fromHead: Bool) -> Int {
        let n = items.count
        var positions: [Int] = []
        var shiftCost = 0
        var i = fromHead ? 0 : n - 1
        while i >= 0 && i < n && positions.count < limit {
            if items[i] == element {
                positions.append(i)
                shiftCost += min(i, n - i)
            }
            i += fromHead ? 1 : -1
        }
        if positions.isEmpty { return 0 }
        if shiftCost <= n {
            // Remove from the highest position down so earlier positions stay valid.
            for p in positions.sorted(by: >) { items.remove(at: p) }
        } else {
            let ascending = fromHead ? positions : positions.reversed()
            var kept = Deque<Bytes>()
            kept.reserveCapacity(n - ascending.count)
            var next = 0
            for (p, e) in items.enumerated() {
                if next < ascending.count && ascending[next] == p {
                    next += 1
                } else {
                    kept.append(e)
                }
            }
            items = kept
        }
        entryBytes -= positions.count * ListpackSize.string(element)
        return positions.count
    }

    // MARK: Memory estimate

    /// The bytes the elements would take packed in one listpack: the entries plus 7 bytes of
    /// header and end mark.
    public var estimatedListpackBytes: Int { entryBytes + ListpackSize.overhead }

    /// About how many quicklist nodes Redis would use for this list under `fill`
    /// (`list-max-listpack-size`; see `QuicklistSize`).
    public func estimatedNodeCount(fill: Int64) -> Int {
        QuicklistSize.shape(count: items.count, entryBytes: entryBytes, fill: fill).nodes
    }

    /// The quicklist Redis would build for this list under the configuration's
    /// `list-max-listpack-size` and `list-compress-depth`, estimated: how many nodes, and how
    /// many of them sit deeper than the compress depth from both ends (the ones Redis would
    /// try to compress; 0 when the depth is 0, which disables compression).
    public func estimatedQuicklist(_ config: Config) -> (nodes: Int, compressibleNodes: Int) {
        let nodes = estimatedNodeCount(fill: config.listMaxListpackSize)
        let depth = Int(clamping: config.listCompressDepth)
        guard depth > 0 else { return (nodes, 0) }
        return (nodes, max(0, nodes - 2 * depth))
    }
}
