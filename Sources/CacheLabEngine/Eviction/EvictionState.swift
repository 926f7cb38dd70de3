/// What the eviction machinery remembers between commands: the shared pool, the random
/// policies' round-robin database, and whether an eviction run was cut
/// short by the tenacity limit and must continue.
public struct EvictionState: Sendable {
    /// The one pool shared by all databases (Redis 4.0+).
    public internal(set) var pool = EvictionPool()
    /// The database the random policies try next (Redis's `static next_db`).
    var nextDatabase = 0
    /// Set when the last run stopped at the time limit with memory still over the limit
    /// (Redis's eviction time proc): the next command keeps evicting and is not refused.
    public internal(set) var isContinuing = false
    /// When false, evictions emit no `.keyEvicted` events (benchmarks).
    public var emitsEvents = true
    /// Insertions into the main tables so far, wrapping at 16 bits (see `Entry.insertion`).
    var insertions: UInt16 = 0
    /// The random draw that will place the next sample of one database, drawn ahead by the
    /// sample before it so that the index lines it points at could be prefetched (see
    /// `EvictionLookahead`).
    var reservedSampleStart: ReservedDraw?

    /// A random draw kept for the next sample of one database.
    struct ReservedDraw {
        var database: Int
        var draw: UInt64
    }

    public init() {}
}
