/// The counters behind INFO's stats section.
public struct EngineStats: Sendable {
    public var keyspaceHits: Int64 = 0
    public var keyspaceMisses: Int64 = 0
    public var expiredKeys: Int64 = 0
    public var evictedKeys: Int64 = 0
    public var totalCommandsProcessed: Int64 = 0
    public var totalConnectionsReceived: Int64 = 0
    public var totalErrorReplies: Int64 = 0
    /// Keys the active expire cycle looked at, and how many of its runs hit the time limit.
    public var expireCycleKeysSampled: Int64 = 0
    public var expireCycleTimeLimitExits: Int64 = 0
    /// Since when (engine-clock microseconds) used memory has stayed over maxmemory, eviction
    /// failing or still running; nil once a run brought it under the limit. INFO reports it as
    /// `current_eviction_exceeded_time`, and adds the earlier such periods (`evictionExceeded`).
    public var evictionExceededSince: Int64?
    /// Values Redis would have freed in a background thread (see `Engine+LazyFree.swift`).
    public var lazyfreedObjects: Int64 = 0
    public var evictionExceededMicroseconds: Int64 = 0

    public init() {}

    /// CONFIG RESETSTAT.
    public mutating func reset() {
        self = EngineStats()
    }
}
