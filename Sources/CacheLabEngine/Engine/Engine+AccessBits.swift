/// Redis keeps 24 bits in every object for the eviction policy: under LRU policies, the LRU
/// clock when the key was last touched; under LFU, 16 bits of "minutes" and an 8-bit counter.
/// See `Eviction/LRUClock.swift` and `Eviction/LFUCounter.swift`.
extension Engine {
    /// The access bits a key should hold after an access; `current` is nil for a new key.
    ///
    /// An overwrite (SET on an existing key) keeps the old entry's bits and touches them, so
    /// under LFU the key keeps its frequency, as Redis's `dbOverwrite` does.
    @inline(__always)
    func accessBits(updating current: UInt32?) -> UInt32 {
        guard evictionPolicy.usesLFU else { return lruClock }
        guard let current else { return lfuInitialBits }
        return lfuBitsAfterAccess(current)
    }
}
