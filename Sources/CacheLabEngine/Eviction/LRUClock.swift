/// The LRU clock: how Redis knows how long ago a key was used, in 24 bits per key.
///
/// Every object carries 24 bits (`robj.lru`). Under an LRU policy they hold the reading of a
/// coarse clock — the time in units of `LRU_CLOCK_RESOLUTION` (1000 ms in Redis), masked to 24
/// bits — taken when the key was last read or written. The clock therefore wraps every 2^24
/// units (about 194 days at one second). A key's idle time is the distance from its reading
/// to the current clock, going once around the wrap if the clock is now *behind* the reading:
///
///     now >= lru:  idle = (now - lru) * resolution
///     now <  lru:  idle = (now + (LRU_CLOCK_MAX - lru)) * resolution     (wrapped once)
///
/// Why so coarse? Every key touched within the same second gets the same reading, so among
/// them the sampler cannot tell old from new. At thousands of accesses per second this, far
/// more than sampling, is where Redis loses hit ratio against an exact LRU (see the hit-rate
/// visualizer). CacheLab keeps the resolution as a knob (`lruClockResolutionMilliseconds`):
/// antirez drew his famous comparison with a 1 ms clock.
extension Engine {
    /// The largest 24-bit clock value.
    public static let lruClockMax: UInt32 = (1 << 24) - 1

    /// The resolution in milliseconds (at least 1).
    var lruResolution: Int64 { max(1, config.lruClockResolutionMilliseconds) }

    /// The 24-bit LRU clock at the current command's time.
    ///
    /// Every read of a key stamps this reading into it, and the 64-bit division behind it
    /// costs 10 to 40 cycles depending on the CPU, more than the rest of the stamp. Redis
    /// keeps the reading in `server.lruclock`, refreshed by its cron; CacheLab keeps the last
    /// one with the time and resolution it was computed for, so that all the keys a command
    /// touches, and all the commands within the same millisecond, share one division.
    public var lruClock: UInt32 {
        let resolution = config.lruClockResolutionMilliseconds
        if lruClockReading.time == commandTime && lruClockReading.resolution == resolution {
            return lruClockReading.clock
        }
        let clock = UInt32(truncatingIfNeeded: (commandTime / max(1, resolution)) & Int64(Self.lruClockMax))
        lruClockReading = LRUClockReading(time: commandTime, resolution: resolution, clock: clock)
        return clock
    }

    /// Redis's `estimateObjectIdleTime`: milliseconds since the clock reading `lru`.
    public func estimatedIdleMilliseconds(lru: UInt32) -> Int64 {
        Self.idleMilliseconds(lru: lru, clock: lruClock, resolution: lruResolution)
    }

    /// `estimatedIdleMilliseconds(lru:)` at a given clock reading and resolution, for callers
    /// that read the clock once for many keys (`EvictionScorer`) or keep their own reading (a
    /// snapshot's, for the IDLE it saves).
    @inline(__always)
    static func idleMilliseconds(lru: UInt32, clock now: UInt32, resolution: Int64) -> Int64 {
        let lru = lru & lruClockMax
        let ticks = now >= lru ? Int64(now - lru) : Int64(now) + Int64(lruClockMax - lru)
        return ticks * resolution
    }
}

/// The last LRU clock reading and what it was computed from (see `Engine.lruClock`).
struct LRUClockReading {
    var time: Int64 = .min
    var resolution: Int64 = 0
    var clock: UInt32 = 0
}
