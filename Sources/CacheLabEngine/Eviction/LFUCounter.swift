/// The LFU counter: access frequency in the same 24 bits that LRU uses for its clock.
///
///          16 bits                 8 bits
///     +------------------+--------------------+
///     | last decrement   |  LOG_C: logarithmic |
///     | time, in minutes |  counter 0...255    |
///     +------------------+--------------------+
///
/// Incrementing. The counter is logarithmic (a Morris counter): at value c, an access bumps it
/// only with probability p = 1 / ((c - 5) * lfu_log_factor + 1), so it needs roughly 10x more
/// hits for every few steps and saturates at 255 after about a million hits (factor 10). Values
/// up to 5 always increment. New keys start at 5 (LFU_INIT_VAL), so that a fresh key is not
/// the first one evicted before it had a chance to be used.
///
/// Decaying. A counter never read again must fall, or yesterday's hot keys would stay forever.
/// When a key is accessed (or scored for eviction), the minutes elapsed since the stored time
/// are divided by lfu-decay-time, and the counter is reduced by that many periods (never below
/// zero; decay time 0 means never). The 16-bit minutes wrap every 45.5 days; the elapsed time
/// is measured going once around the wrap. Scoring for eviction does not write the decayed
/// value back: only a real access stores it, with the current minutes.
extension Engine {
    /// Redis's LFU_INIT_VAL: the counter of a new key.
    public static let lfuInitialValue: UInt32 = 5

    /// The command time in minutes, masked to 16 bits (Redis's `LFUGetTimeInMinutes`).
    public var lfuMinutes: UInt32 {
        UInt32(truncatingIfNeeded: (commandTime / 60_000) & 0xFFFF)
    }

    /// Minutes since the stored time `ldt`, wrapping once (Redis's `LFUTimeElapsed`).
    func lfuMinutesElapsed(since ldt: UInt32) -> UInt32 {
        Self.lfuMinutesElapsed(since: ldt, now: lfuMinutes)
    }

    /// `lfuMinutesElapsed(since:)` at a given reading of the minutes clock.
    @inline(__always)
    static func lfuMinutesElapsed(since ldt: UInt32, now: UInt32) -> UInt32 {
        now >= ldt ? now - ldt : 0xFFFF - ldt + now
    }

    /// The counter stored in `bits`, decayed by the periods elapsed (Redis's
    /// `LFUDecrAndReturn`). Does not change the key.
    public func lfuDecayedCounter(_ bits: UInt32) -> UInt32 {
        Self.lfuDecayedCounter(bits, now: lfuMinutes, decayTime: config.lfuDecayTime)
    }

    /// `lfuDecayedCounter(_:)` at a given reading of the minutes clock, for callers that read
    /// the clock once for many keys (`EvictionScorer`).
    static func lfuDecayedCounter(_ bits: UInt32, now: UInt32, decayTime decay: Int64) -> UInt32 {
        let ldt = (bits >> 8) & 0xFFFF
        let counter = bits & 0xFF
        guard decay > 0 else { return counter }
        let periods = Int64(lfuMinutesElapsed(since: ldt, now: now)) / decay
        return periods > Int64(counter) ? 0 : counter - UInt32(periods)
    }

    /// One probabilistic increment of a logarithmic counter (Redis's `LFULogIncr`).
    public func lfuIncremented(_ counter: UInt32) -> UInt32 {
        if counter >= 255 { return 255 }
        let r = Double(random.next() >> 11) / Double(1 << 53)
        let base = Double(counter > Self.lfuInitialValue ? counter - Self.lfuInitialValue : 0)
        let p = 1.0 / (base * Double(config.lfuLogFactor) + 1)
        return r < p ? counter + 1 : counter
    }

    /// The bits of a new key under LFU: now, and the initial counter.
    var lfuInitialBits: UInt32 { (lfuMinutes << 8) | Self.lfuInitialValue }

    /// The bits after one access (Redis's `updateLFU`): decay, increment, stamp with now.
    func lfuBitsAfterAccess(_ bits: UInt32) -> UInt32 {
        let counter = lfuIncremented(lfuDecayedCounter(bits))
        return (lfuMinutes << 8) | counter
    }
}
