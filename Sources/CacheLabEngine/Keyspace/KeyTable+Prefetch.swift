import CPrefetch

/// Prefetching: starting the cache misses of a lookup before the lookup needs them.
///
/// With a million keys, the index does not fit in the CPU's caches, so a lookup begins with a
/// load from main memory: the slot where the key's probe starts. That one load costs about as
/// much as everything else a GET does. A CPU can wait for several such loads at once, but only
/// when it knows the addresses early; a command that finds its key only after parsing and
/// dispatching leaves it no chance.
///
/// A pipeline knows its next commands in advance. So, while it runs command *i*, it prefetches
/// in two stages, the way hardware-conscious hash tables (and Redis 8's batch key prefetching)
/// do:
///
///     command i + 8:  prefetchHomeSlot    the index slot at hash & mask
///     command i + 4:  prefetchEntry       that slot is cached now: read it, and if it holds
///                                         the key's hash, prefetch the key and the value
///     command i:      the lookup itself   finds everything already in cache
///
/// A prefetch never changes a result: a wrong guess (a hash collision, a key that is absent,
/// a probe that runs past the home slot, a command whose first argument is not a key) only
/// costs the memory traffic.
extension KeyTable {
    // The two stages are `mutating` though they change nothing: a database reaches its table
    // in place for a mutating call, whereas a non-mutating one may copy the table first, and
    // copying retains and releases its four arrays, which would cost more than a prefetch saves.

    /// Stage one: starts loading the index slot where a probe for `hash` begins.
    @inline(__always) mutating func prefetchHomeSlot(hash: UInt32) {
        index.withUnsafeBufferPointer { slots in
            guard let base = slots.baseAddress else { return }
            cachelab_prefetch(base + (Int(hash) & (slots.count - 1)))
        }
    }

    /// Stage two: when the home slot holds an entry with this hash, starts loading its key
    /// and its value from the dense arrays.
    @inline(__always) mutating func prefetchEntry(hash: UInt32) {
        guard !index.isEmpty else { return }
        let slot = index[Int(hash) & (index.count - 1)]
        guard Self.isLive(slot), UInt32(truncatingIfNeeded: slot >> 32) == hash else { return }
        let position = Self.position(in: slot)
        keys.withUnsafeBufferPointer { cachelab_prefetch($0.baseAddress! + position) }
        values.withUnsafeBufferPointer { cachelab_prefetch($0.baseAddress! + position) }
    }
}

extension Database {
    /// Stage one for `key` in this database; returns the hash that stage two takes.
    @inline(__always) func prefetchHomeSlot(ofKey key: Bytes) -> UInt32 {
        let hash = KeyTable<Entry>.hash32(key)
        table.prefetchHomeSlot(hash: hash)
        return hash
    }

    /// Stage two for a key whose stage one gave `hash`.
    @inline(__always) func prefetchEntry(hash: UInt32) {
        table.prefetchEntry(hash: hash)
    }
}
