/// Redis keeps 24 bits in every object for the eviction policy: under LRU policies, the LRU
/// clock when the key was last touched; under LFU, 16 bits of "minutes" and an 8-bit counter.
extension Engine {
    /// The 24-bit LRU clock: the time in units of the clock resolution (Redis: 1000 ms),
    /// wrapping around every 2^24 units (194 days at one second).
    public var lruClock: UInt32 {
        let resolution = max(1, config.lruClockResolutionMilliseconds)
        return UInt32(truncatingIfNeeded: (clock.nowMilliseconds / resolution) & Int64(Self.lruClockMax))
    }

    public static let lruClockMax: UInt32 = (1 << 24) - 1

    /// The access bits a key should hold after an access; `current` is nil for a new key.
    func accessBits(updating current: UInt32?) -> UInt32 {
        lruClock
    }
}
