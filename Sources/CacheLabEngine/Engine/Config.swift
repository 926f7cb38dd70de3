import Foundation

/// The engine's configuration: what CONFIG GET answers and CONFIG SET changes.
///
/// Every parameter of Redis 7.0.15 has a current value here, kept as the text CONFIG GET shows
/// (see the table in `Config+Parameters.swift`). Knobs the engine reads on hot paths are also
/// typed stored properties, kept in step with their parameter whenever it is set; the engine
/// reads the properties, never the text.
public final class Config {
    // MARK: General
    public var databases = 16
    public var hz = 10

    // MARK: Encodings (when Redis converts a compact encoding to a real table)
    public var hashMaxListpackEntries: Int64 = 512
    public var hashMaxListpackValue: Int64 = 64
    public var listMaxListpackSize: Int64 = -2
    public var listCompressDepth: Int64 = 0
    public var setMaxIntsetEntries: Int64 = 512
    public var zsetMaxListpackEntries: Int64 = 128
    public var zsetMaxListpackValue: Int64 = 64
    public var streamNodeMaxBytes: Int64 = 4096
    public var streamNodeMaxEntries: Int64 = 100

    // MARK: Limits
    /// `proto-max-bulk-len`: the longest string a command may build (APPEND, SETRANGE, a
    /// SETBIT or BITFIELD offset, LCS's working table), 512 MB by default.
    public var protoMaxBulkLength: Int64 = 512 * 1024 * 1024

    /// The `lazyfree-lazy-*` switches: which deletions free their values in the background.
    public struct LazyFree: Sendable {
        public var eviction = false
        public var expire = false
        public var serverDelete = false
        public var userDelete = false
        public var userFlush = false
    }
    public var lazyfree = LazyFree()

    // MARK: Memory and eviction
    /// In bytes; 0 means no limit. Values above 2^63-1 (which Redis accepts) read as 2^63-1.
    public var maxmemory: Int64 = 0
    public var maxmemoryPolicy = "noeviction" {
        didSet { evictionPolicy = EvictionPolicy(name: maxmemoryPolicy) ?? .noEviction }
    }
    /// `maxmemoryPolicy` parsed once when it is set: every key access reads it.
    public private(set) var evictionPolicy = EvictionPolicy.noEviction
    public var maxmemorySamples: Int64 = 5
    public var maxmemoryEvictionTenacity: Int64 = 10
    public var lfuLogFactor: Int64 = 10
    public var lfuDecayTime: Int64 = 1
    /// CacheLab's own knob: the LRU clock's resolution (Redis: 1000 ms).
    /// Parameter `cachelab-lru-clock-resolution-ms`.
    public var lruClockResolutionMilliseconds: Int64 = 1000

    // MARK: Persistence (read by the cron before every command)
    /// `save`: the snapshot points, each "after `seconds` if at least `changes` writes".
    public var savePoints: [(seconds: Int64, changes: Int64)] = [(3600, 1), (300, 100), (60, 10000)]
    /// `appendfsync`: `always`, `everysec` or `no`.
    public var appendFsync = "everysec"

    // MARK: Expiry
    public var activeExpireEffort: Int64 = 1

    // MARK: Connections and statistics
    /// `requirepass`: the default user's password, or nil when none is set.
    public var requirePassword: Bytes?
    /// `latency-tracking`: whether commands record their latency for INFO latencystats.
    public var latencyTracking = true
    /// slowlog-log-slower-than in microseconds; disabled (negative) is Int64.max.
    public internal(set) var slowlogThreshold: Int64 = 10_000 { didSet { updateSlowCommandCutoff() } }
    /// slowlog-max-len.
    public var slowlogMaxLength: Int64 = 128
    /// latency-monitor-threshold in milliseconds; 0 is off.
    public internal(set) var latencyMonitorThreshold: Int64 = 0 { didSet { updateSlowCommandCutoff() } }
    /// The shorter of the two durations, in microseconds, from which a command is noted by the
    /// slow log or the latency monitor: the check after every command is one comparison.
    public private(set) var slowCommandCutoff: Int64 = 10_000

    private func updateSlowCommandCutoff() {
        let monitor = latencyMonitorThreshold > 0 ? latencyMonitorThreshold.multipliedReportingOverflow(by: 1000) : (.max, false)
        slowCommandCutoff = min(slowlogThreshold, monitor.overflow ? .max : monitor.partialValue)
    }
    /// `latency-tracking-info-percentiles`: the percentiles INFO latencystats reports.
    public var latencyPercentiles: [Double] = [50, 99, 99.9]

    // MARK: Parameter values

    /// The current value of every parameter, parallel to `ConfigParameter.all`, as CONFIG GET
    /// shows it.
    var values: [Bytes]

    public init() {
        values = ConfigParameter.all.map { Bytes($0.defaultValue) }
        for (index, parameter) in ConfigParameter.all.enumerated() where parameter.binding != nil {
            applyBinding(of: parameter, value: values[index])
        }
    }

    /// The directory the process runs in: what `dir` reports, as Redis reports its own.
    static let workingDirectory: String = FileManager.default.currentDirectoryPath
}
