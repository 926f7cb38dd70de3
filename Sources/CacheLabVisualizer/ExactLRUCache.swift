/// A true LRU cache of key indices, for the "theoretical" side of the comparisons.
///
/// A doubly linked list threaded through arrays (no allocation per access): the head is the
/// most recently used key, the tail the least. A hit moves the key to the head; a miss inserts
/// it at the head and, when full, evicts the tail. Every operation is O(1).
public struct ExactLRUCache {
    public let capacity: Int
    private var prev: [Int]
    private var next: [Int]
    private var present: [Bool]
    private var head = -1
    private var tail = -1
    public private(set) var count = 0
    /// The keys evicted so far, in order.
    public private(set) var evicted: [Int] = []
    public var recordsEvictions = false

    /// A cache of `capacity` keys over the key indices 0..<keys.
    public init(capacity: Int, keys: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
        prev = Array(repeating: -1, count: keys)
        next = Array(repeating: -1, count: keys)
        present = Array(repeating: false, count: keys)
    }

    public func contains(_ key: Int) -> Bool { present[key] }

    /// Reads `key`: true on a hit (and the key becomes the most recent), false on a miss.
    @discardableResult
    public mutating func get(_ key: Int) -> Bool {
        guard present[key] else { return false }
        unlink(key)
        pushFront(key)
        return true
    }

    /// Stores `key` as the most recent, evicting the least recent when full.
    public mutating func set(_ key: Int) {
        if present[key] {
            unlink(key)
            pushFront(key)
            return
        }
        if count == capacity {
            let victim = tail
            unlink(victim)
            present[victim] = false
            count -= 1
            if recordsEvictions { evicted.append(victim) }
        }
        present[key] = true
        pushFront(key)
        count += 1
    }

    /// Read-through: a hit, or a miss that stores the key. Returns whether it hit.
    public mutating func access(_ key: Int) -> Bool {
        if get(key) { return true }
        set(key)
        return false
    }

    private mutating func unlink(_ key: Int) {
        let p = prev[key], n = next[key]
        if p >= 0 { next[p] = n } else { head = n }
        if n >= 0 { prev[n] = p } else { tail = p }
        prev[key] = -1
        next[key] = -1
    }

    private mutating func pushFront(_ key: Int) {
        next[key] = head
        prev[key] = -1
        if head >= 0 { prev[head] = key }
        head = key
        if tail < 0 { tail = key }
    }
}
