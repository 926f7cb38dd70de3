import CacheLabEngine

/// antirez's LRU comparison (the picture in the Redis docs, "Key eviction"), run with the
/// engine's own eviction code.
///
/// The experiment, as Redis's `utils/lru/test-lru.rb` runs it:
///   1. SET keys until the first eviction (maxmemory is set to what `keys` keys use).
///   2. GET every key from the first to the last, the clock moving 1 ms per command.
///   3. SET new keys until at least half as many keys as phase 1 inserted were evicted.
/// Then look at which keys survived. The clock is injected and the LRU clock resolution set to
/// 1 ms (CacheLab's knob; Redis's README recompiles with a 1 ms resolution for this test), so
/// every key has its own idle time.
///
/// Four variants, each on a fresh engine with the same seed:
///   - exact LRU: a true LRU list at the capacity the engine reached (the theory);
///   - "2.8": each eviction samples N keys and evicts the idlest of them, with no memory
///     between evictions. Redis 2.8 did this; 3.0 replaced it with the pool. CacheLab keeps it
///     only as this teaching comparison, written below with the engine's public pieces (its
///     random source, its idle-time estimate, its delete);
///   - Redis 3.0+ with the 16-entry pool, N samples (the engine's own `performEvictions`);
///   - the same with 10 samples.
public struct LRUComparison {
    /// What became of one key.
    public enum KeyState: Sendable, Equatable {
        case oldEvicted, oldKept, newKept, newEvicted
    }

    /// One panel's outcome.
    public struct Panel: Sendable, Equatable {
        public let title: String
        /// Phase 1 and 2 keys, in access order, then the phase 3 keys.
        public let states: [KeyState]
        public let oldKeys: Int
        public let errorPercent: Double
    }

    public enum Variant: Sendable, Equatable {
        case exact
        case withoutPool(samples: Int)
        case pooled(samples: Int)

        public var title: String {
            switch self {
            case .exact: return "Theoretical LRU"
            case .withoutPool(let n): return "Redis 2.8 \(n) samples"
            case .pooled(let n): return "Redis 3.0 \(n) samples"
            }
        }
    }

    public var keys: Int
    public var samples: Int
    public var seed: UInt64

    public init(keys: Int = 500, samples: Int = 5, seed: UInt64 = 1) {
        self.keys = max(2, keys)
        self.samples = max(1, samples)
        self.seed = seed
    }

    /// The four panels in the docs' order: theory, pool with 10 samples, 2.8, pool with N.
    public var variants: [Variant] {
        [.exact, .pooled(samples: 10), .withoutPool(samples: samples), .pooled(samples: samples)]
    }

    public func run() -> [Panel] {
        variants.map(run)
    }

    static func keyName(_ i: Int) -> Bytes {
        let digits = String(i)
        return Bytes("key:" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits)
    }

    static let value: Bytes = "foo"

    /// Runs one variant.
    public func run(_ variant: Variant) -> Panel {
        var world: World
        switch variant {
        case .exact: world = ExactWorld(capacity: keys)
        case .withoutPool(let n): world = EngineWorld(keys: keys, samples: n, seed: seed, pooled: false)
        case .pooled(let n): world = EngineWorld(keys: keys, samples: n, seed: seed, pooled: true)
        }
        // 1. Fill until the first eviction.
        var inserted = 0
        while world.evictions == 0 {
            world.set(inserted)
            inserted += 1
        }
        // 2. Access every key, first to last.
        for i in 0..<inserted { world.get(i) }
        // 3. Add new keys until half as many as inserted were evicted.
        var added = 0
        while world.evictions < inserted / 2 {
            world.set(inserted + added)
            added += 1
        }
        let total = inserted + added
        var states: [KeyState] = []
        var evicted: [Bool] = []
        for i in 0..<total {
            let gone = !world.contains(i)
            evicted.append(gone)
            if i < inserted {
                states.append(gone ? .oldEvicted : .oldKept)
            } else {
                states.append(gone ? .newEvicted : .newKept)
            }
        }
        return Panel(title: variant.title, states: states, oldKeys: inserted,
                     errorPercent: ErrorScore.percent(evicted: evicted))
    }
}

/// The operations the experiment needs, on the engine or on the exact LRU list.
protocol World {
    var evictions: Int { get }
    mutating func set(_ key: Int)
    mutating func get(_ key: Int)
    func contains(_ key: Int) -> Bool
}

/// Exact LRU holding `capacity` keys.
struct ExactWorld: World {
    var cache: ExactLRUCache
    var evictions = 0

    init(capacity: Int) {
        cache = ExactLRUCache(capacity: capacity, keys: capacity * 4 + 16)
    }

    mutating func set(_ key: Int) {
        if cache.count == cache.capacity && !cache.contains(key) { evictions += 1 }
        cache.set(key)
    }

    mutating func get(_ key: Int) { cache.get(key) }
    func contains(_ key: Int) -> Bool { cache.contains(key) }
}

/// A real engine, allkeys-lru, 1 ms LRU clock, the injected clock moving 1 ms per command.
final class EngineWorld: World {
    let engine: Engine
    let session: Session
    let pooled: Bool
    let samples: Int
    /// The memory limit the 2.8-style eviction enforces itself (the engine has none then).
    var limit = 0
    var ownEvictions = 0

    init(keys: Int, samples: Int, seed: UInt64, pooled: Bool) {
        self.pooled = pooled
        self.samples = samples
        (engine, session) = ReadThroughRun.makeEngine(.init(
            policy: .allkeysLRU, samples: samples, maxmemory: 0, seed: seed, lruResolutionMilliseconds: 1))
        // Size the limit: what `keys` keys use, measured on a scratch engine.
        let (scratch, scratchSession) = ReadThroughRun.makeEngine(.init(policy: .allkeysLRU, maxmemory: 0))
        for i in 0..<keys {
            _ = scratch.execute([ReadThroughRun.set, LRUComparison.keyName(i), LRUComparison.value], session: scratchSession)
        }
        limit = scratch.usedMemory
        if pooled {
            _ = engine.execute([Bytes("CONFIG"), Bytes("SET"), Bytes("maxmemory"), Bytes(String(limit))], session: session)
        }
    }

    var evictions: Int { pooled ? Int(engine.stats.evictedKeys) : ownEvictions }

    func set(_ key: Int) {
        if !pooled { evictWithoutPool() }
        command([ReadThroughRun.set, LRUComparison.keyName(key), LRUComparison.value])
    }

    func get(_ key: Int) {
        if !pooled { evictWithoutPool() }
        command([ReadThroughRun.get, LRUComparison.keyName(key)])
    }

    func contains(_ key: Int) -> Bool { engine.databases[0].contains(LRUComparison.keyName(key)) }

    private func command(_ argv: [Bytes]) {
        engine.clock.advance(byMilliseconds: 1)
        _ = engine.execute(argv, session: session)
    }

    /// Redis 2.8's eviction, for the comparison: while over the limit, draw `samples` random
    /// keys, evict the one idle longest. Nothing is remembered between evictions.
    private func evictWithoutPool() {
        let db = engine.databases[0]
        while engine.usedMemory > limit && db.count > 0 {
            var best: Bytes?
            var bestIdle: Int64 = -1
            for _ in 0..<samples {
                let position = engine.random.below(db.table.count)
                let idle = engine.estimatedIdleMilliseconds(lru: db.table.values[position].lru)
                if idle > bestIdle {
                    bestIdle = idle
                    best = db.table.key(at: position)
                }
            }
            guard let best else { return }
            _ = db.delete(best)
            ownEvictions += 1
        }
    }
}
