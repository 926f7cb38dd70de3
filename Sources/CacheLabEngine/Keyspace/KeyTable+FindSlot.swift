import CPrefetch

/// Finding a key's index slot with its position, for a removal that follows a lookup.
extension KeyTable {
    /// The dense position of `key` and the index slot that holds it, or nil: `position(of:)`
    /// with the slot as well, so that `remove(at:slot:)` need not find the slot again from
    /// the key's stored hash (a cache miss when the key has not been read lately). `mutating`
    /// though it changes nothing, for the reason given in `KeyTable+Prefetch.swift`: a
    /// database's table is reached in place, not copied.
    mutating func findSlot(_ key: Bytes) -> (position: Int, slot: Int)? {
        probe(for: key) { p in
            // The removal that follows reads the entry's value: start that load now, beside
            // the key's, rather than one after the other.
            values.withUnsafeBufferPointer { cachelab_prefetch($0.baseAddress! + p) }
        }
    }
}
