import Foundation

/// The engine's only source of time.
///
/// Expiry, LRU idle times, LFU decay and TIME all read this clock, never the system directly.
/// The REPL runs it on the system clock plus an offset that `:clock +90s` advances; tests and
/// lessons run it manually, so a key "expires" the instant they say so, without sleeping.
public final class Clock: @unchecked Sendable {
    public enum Source: Sendable {
        /// The system's wall clock plus `offset`.
        case system
        /// A fixed time that moves only when told to.
        case manual
    }

    public let source: Source
    private var manualMicros: Int64
    /// Microseconds added to the system time by `advance(by:)`.
    public private(set) var offsetMicros: Int64 = 0
    /// The system time, read cheaply (see `CycleClock`).
    private var systemTime = CycleClock(source: HardwareClockSource())

    /// A clock that follows the system time.
    public static func system() -> Clock { Clock(source: .system, startMicros: 0) }

    /// A clock that stands still at `startMilliseconds` until advanced.
    public static func manual(startMilliseconds: Int64 = 1_700_000_000_000) -> Clock {
        Clock(source: .manual, startMicros: startMilliseconds * 1000)
    }

    private init(source: Source, startMicros: Int64) {
        self.source = source
        self.manualMicros = startMicros
    }

    /// Microseconds since the Unix epoch.
    public var nowMicroseconds: Int64 {
        switch source {
        case .manual:
            return manualMicros
        case .system:
            return systemTime.nowMicroseconds() + offsetMicros
        }
    }

    /// Milliseconds since the Unix epoch.
    public var nowMilliseconds: Int64 { nowMicroseconds / 1000 }

    /// Moves time forward (or back, with a negative amount).
    public func advance(byMilliseconds ms: Int64) {
        advance(byMicroseconds: ms * 1000)
    }

    public func advance(byMicroseconds us: Int64) {
        switch source {
        case .manual: manualMicros += us
        case .system: offsetMicros += us
        }
    }
}
