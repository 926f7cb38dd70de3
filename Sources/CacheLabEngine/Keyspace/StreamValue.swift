import DequeModule

/// A Redis stream: an append-only log of entries, each an ID and field/value pairs, plus the
/// consumer groups reading it.
///
/// Entries live in nodes (`StreamNode`) of up to `stream-node-max-entries` entries and
/// `stream-node-max-bytes` bytes, as Redis's radix tree of listpacks holds them. The nodes
/// sit in a deque ordered by ID:
///
/// * XADD appends to the last node, or starts a new one when it is full: O(1) amortised;
/// * a range read finds its first node by binary search over the nodes' first IDs, then
///   its first entry by binary search inside the node: O(log n), then walks on;
/// * trimming drops whole nodes from the front in O(1) each, which is why `MAXLEN ~` and
///   `MINID ~` only ever remove whole nodes, exactly as in Redis.
///
/// Besides the entries, a stream remembers its last generated ID (never reused, even after
/// deletions), the first live ID, the greatest deleted ID and how many entries were ever
/// added: the facts consumer groups need to compute their lag.
public struct StreamValue {
    var nodes = Deque<StreamNode>()
    /// Number of live entries (XLEN).
    public internal(set) var length = 0
    /// The greatest ID ever added or set with XSETID.
    public internal(set) var lastID = StreamID.zero
    /// The ID of the first live entry (0-0 when empty), as Redis records it.
    public internal(set) var firstID = StreamID.zero
    /// The greatest ID ever deleted by XDEL (or set with XSETID).
    public internal(set) var maxDeletedID = StreamID.zero
    /// How many entries were ever added.
    public internal(set) var entriesAdded: UInt64 = 0
    /// Consumer groups sorted by name.
    public internal(set) var groups: [ConsumerGroup] = []
    /// Whether Redis would have allocated this stream's table of groups: once a group was
    /// created, it stays when the last group is destroyed. XINFO GROUPS and XINFO STREAM
    /// FULL walk it when it exists, and so set `errno` to 0 (see `Engine.staleRangeError`).
    var hasGroupTable = false
    /// Whether the tail node's listpack was allocated to fit (a stream copied by COPY or
    /// loaded from a file, or an older node left as the tail by XDEL), rather than
    /// preallocated for entries to come as XADD allocates a new node (see `StreamSize`).
    /// Cleared when a new node starts.
    public internal(set) var tailIsExact = false

    public init() {}

    public var count: Int { length }

    /// What OBJECT ENCODING answers for a stream.
    public var encoding: String { "stream" }

    /// Number of nodes: XINFO STREAM's `radix-tree-keys`.
    public var nodeCount: Int { nodes.count }

    /// Nodes in Redis's radix tree: XINFO STREAM's `radix-tree-nodes`.
    public var radixTreeNodeCount: Int {
        RadixTreeShape.nodeCount(sortedKeys: nodes.map(\.masterID))
    }

    // MARK: Adding entries

    /// Node size limits, from `stream-node-max-entries` and `stream-node-max-bytes`.
    public struct NodeLimits {
        public var maxEntries: Int64
        public var maxBytes: Int64

        public init(maxEntries: Int64, maxBytes: Int64) {
            self.maxEntries = maxEntries
            self.maxBytes = maxBytes
        }
    }

    /// The largest listpack Redis builds (and the largest total size of one entry).
    static let listpackMaxSize = 1 << 30

    /// Appends an entry whose ID is greater than `lastID`. `pairs` alternates fields and
    /// values; `payloadBytes` is their total length. Returns true when the entry started a
    /// new node.
    @discardableResult
    mutating func append(id: StreamID, pairs: ArraySlice<Bytes>, payloadBytes: Int, limits: NodeLimits) -> Bool {
        var maxBytes = Int(clamping: limits.maxBytes)
        if maxBytes <= 0 || maxBytes > Self.listpackMaxSize { maxBytes = Self.listpackMaxSize }
        let maxEntries = Int(clamping: limits.maxEntries)
        // The tail node is changed in place (a copy of it would copy its arrays).
        let tail = nodes.count - 1
        let startsNode = tail < 0
            || !nodes[tail].append(id: id, pairs: pairs, ifRoomFor: payloadBytes, maxBytes: maxBytes, maxEntries: maxEntries)
        if startsNode {
            nodes.append(StreamNode(id: id, pairs: pairs))
            tailIsExact = false
        }
        length += 1
        entriesAdded += 1
        lastID = id
        if length == 1 { firstID = id }
        return startsNode
    }

    // MARK: Finding entries

    /// Where an entry is: node index and item index in that node.
    struct Position {
        var node: Int
        var item: Int
    }

    /// The index of the node that holds `id` or would: the last node whose master ID is at or
    /// before `id`, or -1.
    private func nodeIndex(atOrBefore id: StreamID) -> Int {
        var low = 0, high = nodes.count
        while low < high {
            let mid = (low + high) / 2
            if nodes[mid].masterID <= id { low = mid + 1 } else { high = mid }
        }
        return low - 1
    }

    /// The first live entry with an ID at or after `start`.
    func firstLive(atOrAfter start: StreamID) -> Position? {
        let n = Swift.max(0, nodeIndex(atOrBefore: start))
        guard n < nodes.count else { return nil }
        return firstLive(from: Position(node: n, item: nodes[n].firstIndex(atOrAfter: start)))
    }

    /// The last live entry with an ID at or before `end`.
    func lastLive(atOrBefore end: StreamID) -> Position? {
        let n = nodeIndex(atOrBefore: end)
        guard n >= 0 else { return nil }
        return lastLive(from: Position(node: n, item: nodes[n].lastIndex(atOrBefore: end)))
    }

    /// The live entry after `p`.
    func nextLive(after p: Position) -> Position? {
        firstLive(from: Position(node: p.node, item: p.item + 1))
    }

    /// The live entry before `p`.
    func previousLive(before p: Position) -> Position? {
        lastLive(from: Position(node: p.node, item: p.item - 1))
    }

    /// The first live entry at `p` or after it, skipping deleted entries across nodes.
    private func firstLive(from p: Position) -> Position? {
        var n = p.node
        var i = p.item
        while n < nodes.count {
            let items = nodes[n].items
            while i < items.count {
                if !items[i].isDeleted { return Position(node: n, item: i) }
                i += 1
            }
            n += 1
            i = 0
        }
        return nil
    }

    /// The last live entry at `p` or before it, skipping deleted entries across nodes.
    private func lastLive(from p: Position) -> Position? {
        var n = p.node
        var i = p.item
        while n >= 0 {
            let items = nodes[n].items
            while i >= 0 {
                if !items[i].isDeleted { return Position(node: n, item: i) }
                i -= 1
            }
            n -= 1
            if n >= 0 { i = nodes[n].items.count - 1 }
        }
        return nil
    }

    /// The ID of the entry at `p`.
    func id(at p: Position) -> StreamID { nodes[p.node].items[p.item].id }

    /// The live entry with exactly this ID.
    func position(of id: StreamID) -> Position? {
        guard let p = firstLive(atOrAfter: id), self.id(at: p) == id else { return nil }
        return p
    }

    /// Whether a live entry has this ID.
    public func contains(_ id: StreamID) -> Bool { position(of: id) != nil }

    /// The ID of the last live entry (Redis's `streamLastValidID`).
    public var lastLiveID: StreamID? { lastLive(atOrBefore: .max).map(id(at:)) }

    /// The ID of the first live entry.
    public var firstLiveID: StreamID? { firstLive(atOrAfter: .zero).map(id(at:)) }

    /// The entry at `p` as a reply, `[id, [field, value, ...]]`.
    func entryReply(at p: Position) -> Reply { nodes[p.node].reply(at: p.item) }

    /// The entry with this ID as a reply, if it is live.
    func entryReply(for id: StreamID) -> Reply? { position(of: id).map(entryReply(at:)) }

    /// The field/value pairs of the entry at `p`.
    func pairs(at p: Position) -> [Bytes] { nodes[p.node].pairs(at: p.item) }

    /// Visits live entries with IDs in `start...end`, in increasing order (or decreasing when
    /// `reverse`), until `body` returns false. Returns true when the walk ran out of entries:
    /// no live entry was left past the last one visited, so Redis's iterator would have
    /// stepped off the end of its radix tree (which sets `errno` to 0); false when `body`
    /// stopped it or the next live entry lies beyond the range.
    @discardableResult
    func forEach(from start: StreamID, to end: StreamID, reverse: Bool = false, _ body: (Position) -> Bool) -> Bool {
        if !reverse {
            var p = firstLive(atOrAfter: start)
            while let q = p, id(at: q) <= end {
                if !body(q) { return false }
                p = nextLive(after: q)
            }
            return p == nil
        } else {
            var p = lastLive(atOrBefore: end)
            while let q = p, id(at: q) >= start {
                if !body(q) { return false }
                p = previousLive(before: q)
            }
            return p == nil
        }
    }

    /// Up to `count` entries (all when 0) in `start...end` as replies.
    func rangeReplies(from start: StreamID, to end: StreamID, reverse: Bool = false, count: Int = 0) -> [Reply] {
        range(from: start, to: end, reverse: reverse, count: count).entries
    }

    /// Up to `count` entries (all when 0) in `start...end` as replies, and whether the walk
    /// ran out of entries (see `forEach(from:to:reverse:_:)`).
    func range(from start: StreamID, to end: StreamID, reverse: Bool = false,
               count: Int = 0) -> (entries: [Reply], ranOut: Bool) {
        var out: [Reply] = []
        let ranOut = forEach(from: start, to: end, reverse: reverse) { p in
            out.append(entryReply(at: p))
            return count == 0 || out.count < count
        }
        return (out, ranOut)
    }

    /// Whether Redis's look for `id` (an iterator over `id...id`, as XDEL, XCLAIM and
    /// XAUTOCLAIM use) would run off the end of the radix tree: no live entry at or after it.
    func lookRunsOut(for id: StreamID) -> Bool { firstLive(atOrAfter: id) == nil }

    // MARK: Deleting entries

    /// Deletes the live entry `id` (XDEL); returns true when it existed. A node left without
    /// live entries is removed, tombstones and all.
    mutating func delete(_ id: StreamID) -> Bool {
        guard let p = position(of: id) else { return false }
        if nodes[p.node].liveCount == 1 {
            // Removing the tail node leaves an older one as the tail, which was shrunk to fit
            // when the node after it started.
            if p.node == nodes.count - 1 { tailIsExact = true }
            nodes.remove(at: p.node)
        } else {
            nodes[p.node].markDeleted(at: p.item)
        }
        length -= 1
        return true
    }

    /// Re-reads the first live ID after deletions (0-0 when empty).
    mutating func refreshFirstID() {
        firstID = length == 0 ? .zero : (firstLiveID ?? .zero)
    }

    /// Whether a deleted entry may lie in `start...end` (Redis's `streamRangeHasTombstones`):
    /// the greatest deleted ID falls in the range and after the first entry.
    func rangeHasTombstones(from start: StreamID, to end: StreamID = .max) -> Bool {
        if length == 0 || maxDeletedID.isZero { return false }
        if firstID > maxDeletedID { return false }
        return start <= maxDeletedID && maxDeletedID <= end
    }

    /// The logical read counter of `id`, its distance from the first entry ever added, when
    /// it can be known (Redis's `streamEstimateDistanceFromFirstEverEntry`); nil otherwise.
    func estimatedEntriesRead(upTo id: StreamID) -> Int64? {
        if entriesAdded == 0 { return 0 }
        let added = Int64(bitPattern: entriesAdded)
        if length == 0 && id <= lastID { return added }
        if id == lastID { return added }
        if id > lastID { return nil }
        if maxDeletedID.isZero || maxDeletedID < firstID {
            if id < firstID { return added - Int64(length) }
            if id == firstID { return added - Int64(length) + 1 }
        }
        return nil
    }

    /// A group's lag: entries added but not yet delivered to it, or nil when unknown.
    func lag(of group: ConsumerGroup) -> Int64? {
        if entriesAdded == 0 { return 0 }
        let added = Int64(bitPattern: entriesAdded)
        if group.entriesRead != ConsumerGroup.unknownEntriesRead && !rangeHasTombstones(from: group.lastDeliveredID) {
            return added - group.entriesRead
        }
        return estimatedEntriesRead(upTo: group.lastDeliveredID).map { added - $0 }
    }

    // MARK: Consumer groups

    /// The index of the group called `name`, or where it would be inserted.
    func groupSlot(_ name: Bytes) -> (index: Int, found: Bool) {
        var low = 0, high = groups.count
        while low < high {
            let mid = (low + high) / 2
            if groups[mid].name < name { low = mid + 1 } else { high = mid }
        }
        return (low, low < groups.count && groups[low].name == name)
    }

    /// The index of the group called `name`.
    public func groupIndex(_ name: Bytes) -> Int? {
        let (index, found) = groupSlot(name)
        return found ? index : nil
    }

    /// Creates a group; returns false when one with this name exists.
    mutating func createGroup(_ name: Bytes, lastDeliveredID: StreamID, entriesRead: Int64) -> Bool {
        let (index, found) = groupSlot(name)
        if found { return false }
        groups.insert(ConsumerGroup(name: name, lastDeliveredID: lastDeliveredID, entriesRead: entriesRead), at: index)
        hasGroupTable = true
        return true
    }
}

extension Value {
    /// Runs `body` on the stream held by this value, in place: the stream is moved out of the
    /// enum (a cheap placeholder takes its slot) so that its storage is uniquely referenced
    /// and can be changed without a copy. The value must be a stream.
    mutating func mutateStream<R>(_ body: (inout StreamValue) -> R) -> R {
        guard case .stream(var stream) = self else { preconditionFailure("not a stream") }
        self = .string(StringValue(Bytes()))
        defer { self = .stream(stream) }
        return body(&stream)
    }

    /// The stream payload, if this value is a stream.
    var streamValue: StreamValue? {
        if case .stream(let s) = self { return s }
        return nil
    }
}
