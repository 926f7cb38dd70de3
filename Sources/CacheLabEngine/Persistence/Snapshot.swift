/// A frozen copy of the keyspace, taken in O(number of databases) time, that a save can
/// serialise while commands keep changing the live databases.
///
/// Redis gets this for free from `fork()`: the child process sees the memory as it was at the
/// fork, and the kernel copies a page only when the parent writes to it. CacheLab gets the same
/// effect from Swift's copy-on-write collections: copying a `KeyTable` copies three array
/// references, and the first write to the live table afterwards makes the live side take its
/// own copy. Values inside are value types too (strings, lists, hashes...), so a later
/// in-place edit of a list copies that one list, never touching the snapshot's.
public struct KeyspaceSnapshot: @unchecked Sendable {
    /// One non-empty database.
    public struct DatabaseImage {
        public let id: Int
        public let table: KeyTable<Entry>
        public let expires: KeyTable<Int64>
    }

    public let databases: [DatabaseImage]
    /// Unix milliseconds when it was taken.
    public let takenAt: Int64
    /// The engine's LRU clock when it was taken, and its resolution, to turn access bits into
    /// idle times.
    public let lruClock: UInt32
    public let lruClockResolution: Int64
    /// Which access bits to save (IDLE under an LRU policy, FREQ under LFU).
    public let evictionKind: EvictionKind
    /// The LFU minutes clock and lfu-decay-time when it was taken: FREQ is saved decayed.
    public var lfuMinutes: UInt32 = 0
    public var lfuDecayTime: Int64 = 1
    /// The access bits of the shared integer objects, when small integers are shared (see
    /// `SharedIntegers.swift`): the bits saved for a key holding one.
    public var sharedIntegerBits: [UInt32]?
    /// Encoding thresholds in force, which decide between compact and plain RDB types.
    public let limits: EncodingLimits

    public enum EvictionKind: Sendable {
        case none, lru, lfu

        /// From a `maxmemory-policy` name: the `*-lru` policies keep LRU bits, `*-lfu` LFU.
        public init(policy: String) {
            if policy.hasSuffix("-lru") { self = .lru } else if policy.hasSuffix("-lfu") { self = .lfu } else { self = .none }
        }
    }

    public struct EncodingLimits: Sendable {
        public var hashMaxListpackEntries = 512
        public var hashMaxListpackValue = 64
        public var zsetMaxListpackEntries = 128
        public var zsetMaxListpackValue = 64
        public var setMaxIntsetEntries = 512
        public var listMaxListpackSize = -2
        public var listCompressDepth = 0
        public var streamNodeMaxEntries = 100
        public var streamNodeMaxBytes = 4096

        public init() {}

        public init(_ config: Config) {
            hashMaxListpackEntries = Int(config.hashMaxListpackEntries)
            hashMaxListpackValue = Int(config.hashMaxListpackValue)
            zsetMaxListpackEntries = Int(config.zsetMaxListpackEntries)
            zsetMaxListpackValue = Int(config.zsetMaxListpackValue)
            setMaxIntsetEntries = Int(config.setMaxIntsetEntries)
            listMaxListpackSize = Int(config.listMaxListpackSize)
            listCompressDepth = Int(config.listCompressDepth)
            streamNodeMaxEntries = Int(config.streamNodeMaxEntries)
            streamNodeMaxBytes = Int(config.streamNodeMaxBytes)
        }
    }

    public init(databases: [DatabaseImage], takenAt: Int64, lruClock: UInt32 = 0, lruClockResolution: Int64 = 1000,
                evictionKind: EvictionKind = .none, limits: EncodingLimits = EncodingLimits()) {
        self.databases = databases
        self.takenAt = takenAt
        self.lruClock = lruClock
        self.lruClockResolution = lruClockResolution
        self.evictionKind = evictionKind
        self.limits = limits
    }

    /// Total number of keys in the snapshot.
    public var keyCount: Int { databases.reduce(0) { $0 + $1.table.count } }
}

extension Engine {
    /// A copy-on-write snapshot of every non-empty database.
    public func snapshotKeyspace() -> KeyspaceSnapshot {
        let images = databases.filter { $0.count > 0 }.map {
            KeyspaceSnapshot.DatabaseImage(id: $0.id, table: $0.table, expires: $0.expires)
        }
        var snapshot = KeyspaceSnapshot(databases: images, takenAt: clock.nowMilliseconds, lruClock: lruClock,
                                        lruClockResolution: max(1, config.lruClockResolutionMilliseconds),
                                        evictionKind: .init(policy: config.maxmemoryPolicy), limits: .init(config))
        snapshot.lfuMinutes = lfuMinutes
        snapshot.lfuDecayTime = config.lfuDecayTime
        snapshot.sharedIntegerBits = sharesIntegers ? sharedIntegerAccessBits : nil
        return snapshot
    }
}
