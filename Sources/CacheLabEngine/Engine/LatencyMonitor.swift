/// Redis's latency monitor (LATENCY LATEST, HISTORY, RESET): for each kind of event, the
/// worst latency of each second, in milliseconds, for the last 160 seconds that had one,
/// and the worst ever.
///
/// Nothing is recorded while latency-monitor-threshold is 0 (the default). Above it, a
/// command that took at least the threshold adds a sample to `command`, or to
/// `fast-command` for the commands flagged fast:
///
///     same second as the newest sample?  -> keep the larger of the two
///     otherwise                          -> a new sample (the oldest of 160 goes)
///
/// Redis also times its background work (expire-cycle, eviction-cycle, aof-write ...);
/// CacheLab's in-process cycles are not timed by the monitor, so only command events appear.
public struct LatencyMonitor: Sendable {
    public struct Sample: Sendable, Equatable {
        /// Unix seconds.
        public var time: Int64
        public var milliseconds: Int64
    }

    /// One kind of event's samples, oldest first, and its maximum ever.
    public struct Series: Sendable, Equatable {
        public var samples: [Sample] = []
        public var maximum: Int64 = 0

        /// Adds a latency measured at `time` (Unix seconds), by the rule above.
        mutating func record(milliseconds: Int64, at time: Int64) {
            maximum = max(maximum, milliseconds)
            if let last = samples.last, last.time == time {
                samples[samples.count - 1].milliseconds = max(last.milliseconds, milliseconds)
                return
            }
            samples.append(Sample(time: time, milliseconds: milliseconds))
            if samples.count > LatencyMonitor.samplesKept { samples.removeFirst() }
        }
    }

    static let samplesKept = 160

    /// Series by event name, in the order the events first happened.
    public private(set) var series: [(event: String, series: Series)] = []

    mutating func add(event: String, milliseconds: Int64, at time: Int64) {
        let index: Int
        if let found = series.firstIndex(where: { $0.event == event }) {
            index = found
        } else {
            series.append((event, Series()))
            index = series.count - 1
        }
        series[index].series.record(milliseconds: milliseconds, at: time)
    }

    /// The series of `event`, if it has one.
    public func series(of event: String) -> Series? {
        series.first { $0.event == event }?.series
    }

    /// Forgets the given events (all of them when `events` is nil); returns how many had a series.
    mutating func reset(_ events: [String]?) -> Int {
        guard let events else {
            defer { series.removeAll() }
            return series.count
        }
        let before = series.count
        series.removeAll { entry in events.contains(entry.event) }
        return before - series.count
    }
}

extension Engine {
    /// What a command that ran for `microseconds` leaves behind once that passed one of the
    /// two thresholds (the caller compared it with the lower one): a slow log entry, a
    /// latency monitor sample, or both.
    @inline(never)
    func noteSlowCommand(_ argv: [Bytes], command: CommandMetadata, microseconds: Int64, session: Session) {
        if microseconds >= config.slowlogThreshold {
            logSlowCommand(argv, command: command, microseconds: microseconds, session: session)
        }
        let threshold = config.latencyMonitorThreshold
        if threshold > 0 && microseconds / 1000 >= threshold {
            latencyMonitor.add(event: command.hasFlag("fast") ? "fast-command" : "command",
                               milliseconds: microseconds / 1000, at: clock.nowMilliseconds / 1000)
        }
    }
}
