/// A doubly-linked list of unique keys, oldest at the tail and newest at the head, with
/// O(1) insert, remove, move-to-head and pop-oldest.
///
/// Both comparison models need one: `functools.lru_cache` keeps its entries in a circular
/// doubly-linked list (the least recently used entry is evicted), and memcached keeps one
/// such list per segment (HOT, WARM, COLD) of each slab class. The nodes live in an array
/// and point at each other by index, so moving an entry allocates nothing; freed slots are
/// reused.
public struct RecencyList<Key: Hashable>: Sendable where Key: Sendable {
    private struct Node {
        var key: Key?
        var newer = -1
        var older = -1
    }

    private var nodes: [Node] = []
    private var free: [Int] = []
    private var index: [Key: Int] = [:]
    private var newest = -1
    private var oldest = -1

    public init() {}

    public var count: Int { index.count }
    public var isEmpty: Bool { index.isEmpty }
    public func contains(_ key: Key) -> Bool { index[key] != nil }

    /// The least recently used key (the tail), if any.
    public var oldestKey: Key? { oldest < 0 ? nil : nodes[oldest].key }
    /// The most recently used key (the head), if any.
    public var newestKey: Key? { newest < 0 ? nil : nodes[newest].key }

    /// Adds `key` at the head (or moves it there when present).
    public mutating func pushNewest(_ key: Key) {
        if let slot = index[key] {
            unlink(slot)
            linkAtHead(slot)
            return
        }
        let slot: Int
        if let reused = free.popLast() {
            slot = reused
            nodes[slot] = Node(key: key)
        } else {
            slot = nodes.count
            nodes.append(Node(key: key))
        }
        index[key] = slot
        linkAtHead(slot)
    }

    /// Removes `key`; returns whether it was there.
    @discardableResult
    public mutating func remove(_ key: Key) -> Bool {
        guard let slot = index.removeValue(forKey: key) else { return false }
        unlink(slot)
        nodes[slot].key = nil
        free.append(slot)
        return true
    }

    /// Removes and returns the oldest key.
    public mutating func popOldest() -> Key? {
        guard let key = oldestKey else { return nil }
        remove(key)
        return key
    }

    /// Keys from the oldest (tail) to the newest (head).
    public var keysOldestFirst: [Key] {
        var keys: [Key] = []
        keys.reserveCapacity(count)
        var slot = oldest
        while slot >= 0 {
            if let key = nodes[slot].key { keys.append(key) }
            slot = nodes[slot].newer
        }
        return keys
    }

    /// The key just newer than `key` (towards the head), used to walk up from the tail.
    public func newer(than key: Key) -> Key? {
        guard let slot = index[key] else { return nil }
        let next = nodes[slot].newer
        return next < 0 ? nil : nodes[next].key
    }

    public mutating func removeAll() {
        self = RecencyList()
    }

    private mutating func unlink(_ slot: Int) {
        let newer = nodes[slot].newer
        let older = nodes[slot].older
        if newer >= 0 { nodes[newer].older = older } else { newest = older }
        if older >= 0 { nodes[older].newer = newer } else { oldest = newer }
        nodes[slot].newer = -1
        nodes[slot].older = -1
    }

    private mutating func linkAtHead(_ slot: Int) {
        nodes[slot].older = newest
        nodes[slot].newer = -1
        if newest >= 0 { nodes[newest].newer = slot }
        newest = slot
        if oldest < 0 { oldest = slot }
    }
}
