/// The eight values of `maxmemory-policy`, with the flag bits Redis packs into each.
///
/// Redis numbers a policy as `(index << 8) | flags`, where the flags say what the policy needs:
///
///     LRU      (1<<0)  keys carry an LRU clock reading; the pool scores them by idle time
///     LFU      (1<<1)  keys carry a frequency counter; the pool scores them by 255 - counter
///     ALLKEYS  (1<<2)  candidates come from the main table, not only from keys with a TTL
///
/// `volatile-ttl` and the two random policies have neither LRU nor LFU: the TTL policy scores
/// keys by how soon they expire, and the random ones skip the pool altogether.
public enum EvictionPolicy: Int, CaseIterable, Sendable {
    case volatileLRU = 0x001      // (0<<8) | LRU
    case volatileLFU = 0x102      // (1<<8) | LFU
    case volatileTTL = 0x200      // (2<<8)
    case volatileRandom = 0x300   // (3<<8)
    case allkeysLRU = 0x405       // (4<<8) | LRU | ALLKEYS
    case allkeysLFU = 0x506       // (5<<8) | LFU | ALLKEYS
    case allkeysRandom = 0x604    // (6<<8) | ALLKEYS
    case noEviction = 0x700       // (7<<8)

    static let lruFlag = 1 << 0
    static let lfuFlag = 1 << 1
    static let allkeysFlag = 1 << 2

    /// Keys are scored by idle time (LRU clock).
    public var usesLRU: Bool { rawValue & Self.lruFlag != 0 }
    /// Keys are scored by their logarithmic frequency counter.
    public var usesLFU: Bool { rawValue & Self.lfuFlag != 0 }
    /// Any key may be evicted; otherwise only keys with an expire time.
    public var considersAllKeys: Bool { rawValue & Self.allkeysFlag != 0 }
    /// A random key is evicted, without sampling into the pool.
    public var isRandom: Bool { self == .allkeysRandom || self == .volatileRandom }
    /// The policy goes through the 16-entry eviction pool (LRU, LFU and volatile-ttl).
    public var usesPool: Bool { usesLRU || usesLFU || self == .volatileTTL }

    /// The name CONFIG GET shows.
    public var name: String {
        switch self {
        case .volatileLRU: return "volatile-lru"
        case .volatileLFU: return "volatile-lfu"
        case .volatileTTL: return "volatile-ttl"
        case .volatileRandom: return "volatile-random"
        case .allkeysLRU: return "allkeys-lru"
        case .allkeysLFU: return "allkeys-lfu"
        case .allkeysRandom: return "allkeys-random"
        case .noEviction: return "noeviction"
        }
    }

    /// The policy called `name` (any case), or nil.
    public init?(name: String) {
        let lower = name.lowercased()
        guard let policy = Self.allCases.first(where: { $0.name == lower }) else { return nil }
        self = policy
    }
}

extension Engine {
    /// The policy in force (read on every key access, for its LRU or LFU bits).
    @inline(__always) public var evictionPolicy: EvictionPolicy { config.evictionPolicy }
}
