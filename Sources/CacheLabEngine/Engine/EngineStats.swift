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

    public init() {}

    /// CONFIG RESETSTAT.
    public mutating func reset() {
        self = EngineStats()
    }
}
