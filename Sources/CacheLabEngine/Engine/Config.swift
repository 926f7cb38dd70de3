/// The engine's configuration: what CONFIG GET answers and CONFIG SET changes.
///
/// Knobs read on hot paths are typed stored properties; the CONFIG command maps Redis's
/// parameter names onto them (see the `Config+Parameters` files).
public final class Config {
    // MARK: General
    public var databases = 16
    public var hz = 10

    // MARK: Encodings (when Redis converts a compact encoding to a real table)
    public var hashMaxListpackEntries: Int64 = 128
    public var hashMaxListpackValue: Int64 = 64
    public var listMaxListpackSize: Int64 = -2
    public var listCompressDepth: Int64 = 0
    public var setMaxIntsetEntries: Int64 = 512
    public var zsetMaxListpackEntries: Int64 = 128
    public var zsetMaxListpackValue: Int64 = 64
    public var streamNodeMaxBytes: Int64 = 4096
    public var streamNodeMaxEntries: Int64 = 100

    // MARK: Memory and eviction
    public var maxmemory: Int64 = 0
    public var maxmemoryPolicy = "noeviction"
    public var maxmemorySamples: Int64 = 5
    public var maxmemoryEvictionTenacity: Int64 = 10
    public var lfuLogFactor: Int64 = 10
    public var lfuDecayTime: Int64 = 1
    /// CacheLab's own knob: the LRU clock's resolution (Redis: 1000 ms).
    public var lruClockResolutionMilliseconds: Int64 = 1000

    // MARK: Expiry
    public var activeExpireEffort: Int64 = 1

    public init() {}
}
