/// Scoring a sample's access bits with the clocks read once.
///
/// A key's pool score depends on the current clock: its idle time is the LRU clock now minus
/// the key's reading (`estimatedIdleMilliseconds`), and its LFU decay counts the minutes since
/// the key's last decrement (`lfuDecayedCounter`). Both clocks come from the command time by a
/// 64-bit division (by the LRU resolution, by 60,000 ms), which costs tens of cycles. They
/// cannot move while one command runs, so a sample reads them once, here, and scores every
/// sampled key with the same readings: the scores of `Engine.evictionScore(bits:policy:)`,
/// without a division per key.
struct EvictionScorer {
    let usesLFU: Bool
    /// The LRU clock or, under LFU, the minutes clock.
    let clock: UInt32
    /// The LRU resolution in milliseconds or, under LFU, lfu-decay-time.
    let unit: Int64

    init(engine: Engine, policy: EvictionPolicy) {
        usesLFU = policy.usesLFU
        clock = usesLFU ? engine.lfuMinutes : engine.lruClock
        unit = usesLFU ? engine.config.lfuDecayTime : engine.lruResolution
    }

    /// The pool score of `bits` (see `Engine.evictionScore(bits:policy:)`).
    @inline(__always)
    func score(_ bits: UInt32) -> UInt64 {
        if usesLFU { return UInt64(255 - Engine.lfuDecayedCounter(bits, now: clock, decayTime: unit)) }
        return UInt64(Engine.idleMilliseconds(lru: bits, clock: clock, resolution: unit))
    }
}
