/// The hash table behind every database: keys to values, compact, with Redis's SCAN guarantee.
///
/// Layout. Entries live in three dense arrays (keys, values, 32-bit hashes), in no particular
/// order. A separate open-addressing index maps a hash to a position in those arrays, probing
/// linearly. A slot is empty or holds a position beside the key's 32-bit hash, so a probe
/// that meets another key is rejected without touching the key arrays: a lookup costs one
/// cache miss in the index and one in the keys.
///
///     index:  [ _ | h:2 | _ | h:0 | h:1 | _ | _ | _ ]      slot = hash & mask, then probe on
///     keys:   [ "b", "c", "a" ]                            dense: no holes, swap-remove
///             (_ empty, h:p the key's hash and its position)
///
/// Deletion leaves no tombstone. Linear probing needs every key to be reachable from its
/// home slot without crossing an empty slot, so emptying a slot could cut keys further down
/// the run off from their homes. Instead, the keys after the hole are walked to the end of
/// the run and each one whose home is at or before the hole moves back into it, leaving a
/// new hole where it was ("backward shift"):
///
///     delete h:0 at slot 3:    [ _ | h:2 | _ | _ | h:1 | _ ...]   h:1 (home 3) moves back:
///                              [ _ | h:2 | _ | h:1 | _ | _ ...]
///
/// Tombstones would make every later lookup of a missing key probe past them, and a table
/// that deletes as often as it inserts (a cache at maxmemory evicts a key for every key it
/// adds) would fill with them between rebuilds.
///
/// Why this shape. A million short keys cost 16 + 24 + 4 bytes each in the dense arrays plus
/// 8-16 bytes of index, close to what Redis spends on the same data. Picking a uniformly random
/// key, which eviction and RANDOMKEY do all the time, is one random array position.
///
/// SCAN. Redis promises that a full SCAN returns every key that was present from start to end,
/// even if the table grows or shrinks in between. It gets that by visiting *home buckets*
/// (`hash & mask`) in reverse-binary order of the cursor: the cursor's high bits grow first, so
/// the buckets already visited stay visited when the mask gains or loses a bit. We do the same
/// over home slots: with linear probing, every key whose home is slot `b` sits in the run of
/// non-empty slots starting at `b` (deletion keeps it so, above; a key never changes its
/// home while the index keeps its size), so visiting a home slot means walking that run and
/// keeping the keys whose home it is.
public struct KeyTable<Value> {
    public private(set) var keys: [Bytes] = []
    public private(set) var values: [Value] = []
    private(set) var hashes: [UInt32] = []
    /// Slots: the dense position in the low 32 bits, the key's hash in the high 32.
    private(set) var index: [UInt64] = []

    static var emptySlot: UInt64 { UInt64.max }

    @inline(__always) private static func slot(position: Int, hash: UInt32) -> UInt64 {
        UInt64(hash) << 32 | UInt64(UInt32(truncatingIfNeeded: position))
    }

    /// True for a slot that holds an entry (not empty).
    @inline(__always) static func isLive(_ slot: UInt64) -> Bool {
        slot != emptySlot
    }

    @inline(__always) static func position(in slot: UInt64) -> Int {
        Int(UInt32(truncatingIfNeeded: slot))
    }
    private static var minimumCapacity: Int { 8 }

    public init() {}

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }
    /// Slots in the index (a power of two), what Redis calls the table size.
    public var capacity: Int { index.count }

    @inline(__always) static func hash32(_ key: Bytes) -> UInt32 {
        // fastHash already folds its high half into its low half; folding again would cancel
        // that and leave only the low bits of a product, which cluster for short keys that
        // share a prefix ("key:1" ... "key:999").
        UInt32(truncatingIfNeeded: key.fastHash)
    }

    // MARK: Lookup

    /// The dense position of `key`, or nil.
    @inlinable public func position(of key: Bytes) -> Int? {
        findPosition(key)
    }

    @usableFromInline func findPosition(_ key: Bytes) -> Int? {
        probe(for: key)?.position
    }

    /// The linear probe behind every lookup: from the key's home slot to its entry or to an
    /// empty slot. `candidate` sees each slot whose stored hash matches, before the key
    /// comparison (`findSlot` prefetches there).
    @inline(__always)
    func probe(for key: Bytes, candidate: (Int) -> Void = { _ in }) -> (position: Int, slot: Int)? {
        if index.isEmpty { return nil }
        let h = Self.hash32(key)
        let mask = index.count - 1
        var slot = Int(h) & mask
        while true {
            let e = index[slot]
            if e == Self.emptySlot { return nil }
            if UInt32(truncatingIfNeeded: e >> 32) == h {
                let p = Self.position(in: e)
                candidate(p)
                if keys[p] == key { return (p, slot) }
            }
            slot = (slot + 1) & mask
        }
    }

    public subscript(key: Bytes) -> Value? {
        guard let p = findPosition(key) else { return nil }
        return values[p]
    }

    /// Mutates the value at a dense position in place (no copy of its storage).
    @inline(__always) public mutating func withValue<R>(at position: Int, _ body: (inout Value) throws -> R) rethrows -> R {
        try body(&values[position])
    }

    public func key(at position: Int) -> Bytes { keys[position] }
    public func value(at position: Int) -> Value { values[position] }

    // MARK: Insertion and removal

    /// Inserts or replaces; returns true when the key is new.
    @discardableResult
    public mutating func set(_ key: Bytes, _ value: Value) -> Bool {
        if let p = findPosition(key) {
            values[p] = value
            return false
        }
        insertNew(key, value)
        return true
    }

    /// Inserts a key known to be absent.
    public mutating func insertNew(_ key: Bytes, _ value: Value) {
        if (count + 1) * 4 > index.count * 3 {
            rebuildIndex(capacity: Swift.max(Self.minimumCapacity, Self.capacityFor(count + 1)))
        }
        let h = Self.hash32(key)
        let mask = index.count - 1
        var slot = Int(h) & mask
        while index[slot] != Self.emptySlot { slot = (slot + 1) & mask }
        index[slot] = Self.slot(position: keys.count, hash: h)
        if keys.count == keys.capacity { growEntries(to: Swift.max(16, keys.capacity * 2)) }
        keys.append(key)
        values.append(value)
        hashes.append(h)
    }

    /// Removes `key`; returns its value when it was there.
    @discardableResult
    public mutating func remove(_ key: Bytes) -> Value? {
        guard let p = findPosition(key) else { return nil }
        return remove(at: p)
    }

    /// Removes the entry at a dense position; the last entry moves into its place.
    @discardableResult
    public mutating func remove(at position: Int) -> Value {
        remove(at: position, slot: slot(holding: position))
    }

    /// `remove(at:)` when the index slot holding `position` is known (from `findSlot`).
    @discardableResult
    mutating func remove(at position: Int, slot removedSlot: Int) -> Value {
        closeHole(at: removedSlot)
        let last = keys.count - 1
        if position != last {
            let movedSlot = slot(holding: last)
            index[movedSlot] = Self.slot(position: position, hash: hashes[last])
            // Swapped through buffer pointers, which move the two elements; Array's own
            // swapAt copies them (retains and releases) through its subscripts.
            keys.withUnsafeMutableBufferPointer { $0.swapAt(position, last) }
            values.withUnsafeMutableBufferPointer { $0.swapAt(position, last) }
            // The removed key's hash is only overwritten, never read: a swap would load it
            // for nothing (and findSlot would have to prefetch it to hide that load).
            hashes.withUnsafeMutableBufferPointer { $0[position] = $0[last] }
        }
        keys.removeLast()
        hashes.removeLast()
        let value = values.removeLast()
        if keys.isEmpty {
            removeAll()
        } else if index.count > Self.minimumCapacity && count * 10 < index.count {
            // Like Redis, shrink when under 10% full.
            rebuildIndex(capacity: Swift.max(Self.minimumCapacity, Self.capacityFor(count)))
        }
        return value
    }

    /// Empties `slot` by backward shift (see the type's comment): walks the run after it and
    /// moves back every key whose home is not between the hole and the key's own slot.
    private mutating func closeHole(at slot: Int) {
        let mask = index.count - 1
        index.withUnsafeMutableBufferPointer { index in
            var hole = slot
            var next = (slot + 1) & mask
            while true {
                let e = index[next]
                if e == Self.emptySlot { break }
                let home = Int(truncatingIfNeeded: e >> 32) & mask
                // Distances counted forward, wrapping: the key may fill the hole when its
                // home is at least as far behind it as the hole is.
                if (next &- home) & mask >= (next &- hole) & mask {
                    index[hole] = e
                    hole = next
                }
                next = (next + 1) & mask
            }
            index[hole] = Self.emptySlot
        }
    }

    public mutating func removeAll() {
        keys = []
        values = []
        hashes = []
        index = []
    }

    /// Makes room for `n` entries without further growth.
    public mutating func reserveCapacity(_ n: Int) {
        if n > keys.capacity { growEntries(to: n) }
        let wanted = Self.capacityFor(n)
        if wanted > index.count { rebuildIndex(capacity: wanted) }
    }

    /// Grows the dense arrays to hold `n` entries, as `append` would (doubling), but then asks
    /// for huge pages under the new storage (see `HugePages`): the table's random reads
    /// (eviction samples, RANDOMKEY) land anywhere in these arrays.
    private mutating func growEntries(to n: Int) {
        keys.reserveCapacity(n)
        values.reserveCapacity(n)
        hashes.reserveCapacity(n)
        keys.adviseHugePages()
        values.adviseHugePages()
        hashes.adviseHugePages()
    }

    private func slot(holding position: Int) -> Int {
        let mask = index.count - 1
        var slot = Int(hashes[position]) & mask
        while !(Self.isLive(index[slot]) && Self.position(in: index[slot]) == position) { slot = (slot + 1) & mask }
        return slot
    }

    /// The smallest power of two that keeps `n` entries under a 3/4 load.
    private static func capacityFor(_ n: Int) -> Int {
        var c = minimumCapacity
        while n * 4 > c * 3 { c *= 2 }
        return c
    }

    /// Moves every slot into a new index of `capacity` slots (a power of two).
    ///
    /// The slots are carried over in the old index's order, not the dense arrays'. A key's
    /// new home is its old home with more hash bits (or fewer, when shrinking), so walking
    /// the old slots from first to last writes the new index front to back in a few
    /// interleaved streams (two when it doubles), which the CPU fetches ahead; walking the
    /// dense arrays would write it at random, one cache miss per key. Each slot already
    /// holds the key's hash, so the hashes array is not read either. Any order of insertion
    /// leaves a valid probe sequence, so the result keeps every key reachable from its home.
    private mutating func rebuildIndex(capacity: Int) {
        // Huge pages are asked for before the slots are first written, so that they are
        // backed by 2 MB pages from the start: every lookup reads a random slot.
        let old = index
        index = [UInt64](unsafeUninitializedCapacity: capacity) { slots, initialized in
            HugePages.back(UnsafeRawBufferPointer(slots))
            slots.initialize(repeating: Self.emptySlot)
            let mask = capacity - 1
            old.withUnsafeBufferPointer { old in
                for e in old where e != Self.emptySlot {
                    var slot = Int(truncatingIfNeeded: e >> 32) & mask
                    while slots[slot] != Self.emptySlot { slot = (slot + 1) & mask }
                    slots[slot] = e
                }
            }
            initialized = capacity
        }
    }

    // MARK: SCAN

    /// Visits the keys whose home slot is the cursor's, and returns the next cursor (0 = done).
    /// Call repeatedly until it returns 0; see the type's comment for the guarantee.
    public func scanStep(cursor: UInt64, _ visit: (Int) -> Void) -> UInt64 {
        if index.isEmpty { return 0 }
        let mask = UInt64(index.count - 1)
        let home = Int(cursor & mask)
        var slot = home
        while index[slot] != Self.emptySlot {
            let e = index[slot]
            if Self.isLive(e) && Int(e >> 32) & Int(mask) == home { visit(Self.position(in: e)) }
            slot = (slot + 1) & Int(mask)
        }
        // Increment the reversed cursor: the high bits of the masked cursor move first.
        var v = cursor | ~mask
        v = v.bitReversed
        v &+= 1
        return v.bitReversed
    }
}

extension KeyTable {
    // MARK: Redis's buckets

    /// The bucket Redis, with a dict of `buckets` buckets (a power of two), would chain the
    /// key of hash `hash` in. Redis's own hash is seeded at random, so any fixed choice of
    /// hash bits partitions the keys as its buckets do; CacheLab's choice keeps each Redis
    /// bucket on neighbouring slots of this table: with more slots than buckets, bucket b
    /// is the keys homed at b·k ..< (b+1)·k (k = slots / buckets); with fewer, the keys homed
    /// at slot b / k (k = buckets / slots) split by the hash bits above the slot's.
    func redisBucket(ofHash hash: UInt32, buckets: Int) -> Int {
        let slots = index.count
        let home = Int(hash) & (slots - 1)
        if slots >= buckets { return home / (slots / buckets) }
        let split = buckets / slots
        return home * split + (Int(hash) / slots) & (split - 1)
    }

    /// The Redis bucket of the key at `position` (see `redisBucket(ofHash:buckets:)`).
    func redisBucket(of position: Int, buckets: Int) -> Int {
        redisBucket(ofHash: hashes[position], buckets: buckets)
    }
}

extension UInt64 {
    var bitReversed: UInt64 {
        var v = self
        var r: UInt64 = 0
        for _ in 0..<64 {
            r = (r << 1) | (v & 1)
            v >>= 1
        }
        return r
    }
}

extension KeyTable {
    /// Lends the index, the values and the keys in place for a pass that only reads them
    /// (eviction sampling): `mutating` though it changes nothing, so that the arrays are
    /// reached where they are rather than retained (see `KeyTable+Prefetch.swift`). `body`
    /// must not touch the table any other way.
    @inline(__always)
    mutating func withSamplingStorage<R>(
        _ body: (UnsafeBufferPointer<UInt64>, UnsafeBufferPointer<Value>, UnsafeBufferPointer<Bytes>) -> R
    ) -> R {
        index.withUnsafeMutableBufferPointer { index in
            values.withUnsafeMutableBufferPointer { values in
                keys.withUnsafeMutableBufferPointer { keys in
                    body(UnsafeBufferPointer(index), UnsafeBufferPointer(values), UnsafeBufferPointer(keys))
                }
            }
        }
    }
}

extension KeyTable where Value == Entry {
    /// Stores an entry's access bits (its LRU clock reading or LFU counter) in place.
    @inline(__always) mutating func setAccessBits(_ bits: UInt32, at position: Int) {
        values[position].lru = bits
    }
}
