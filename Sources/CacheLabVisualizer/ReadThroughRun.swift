import CacheLabEngine
import CacheLabModels

/// Running a trace read-through against a real CacheLab engine: GET the key; on a miss, SET
/// it (as an application with a cache in front of a database does). Eviction is the engine's
/// own, triggered by its memory check before each command.
///
/// The clock is injected and advanced one second every `accessesPerSecond` accesses, so the
/// 1-second LRU clock sees keys touched at the rate a real server would serve them (an
/// in-process engine is far faster; without this every key would look equally old).
public struct ReadThroughRun {
    /// The policy and knobs of one engine.
    public struct Setup: Sendable {
        public var policy: EvictionPolicy
        public var samples: Int
        /// maxmemory in bytes.
        public var maxmemory: Int
        public var seed: UInt64
        public var lruResolutionMilliseconds: Int

        public init(policy: EvictionPolicy, samples: Int = 5, maxmemory: Int, seed: UInt64 = 1,
                    lruResolutionMilliseconds: Int = 1000) {
            self.policy = policy
            self.samples = samples
            self.maxmemory = maxmemory
            self.seed = seed
            self.lruResolutionMilliseconds = lruResolutionMilliseconds
        }
    }

    /// What a run measured.
    public struct Outcome: Sendable, Equatable {
        public var accesses = 0
        public var hits = 0
        /// Hits and accesses after the warm-up.
        public var measuredAccesses = 0
        public var measuredHits = 0
        /// Keys held at the end of the run.
        public var finalKeys = 0
        public var evictions = 0
        /// Keys held once every key had been stored (phase 1): what the cache holds when full.
        public var capacity = 0

        public var hitRatio: Double { measuredAccesses == 0 ? 0 : Double(measuredHits) / Double(measuredAccesses) }
        public var wholeRunHitRatio: Double { accesses == 0 ? 0 : Double(hits) / Double(accesses) }
    }

    public let keyNames: [Bytes]
    public let value: Bytes
    public var accessesPerSecond: Int
    /// Accesses at the start of the trace not counted in `hitRatio`.
    public var warmup: Int

    static let get: Bytes = "GET"
    static let set: Bytes = "SET"

    /// Keys `k:0` ... `k:<keys-1>`, values of `valueSize` bytes.
    public init(keys: Int, valueSize: Int = 100, accessesPerSecond: Int = 5000, warmup: Int = 0) {
        keyNames = (0..<keys).map { Bytes("k:\($0)") }
        value = Bytes(Array(repeating: UInt8(ascii: "x"), count: valueSize))
        self.accessesPerSecond = max(1, accessesPerSecond)
        self.warmup = warmup
    }

    /// A fresh engine on a manual clock with `setup`'s policy, samples and LRU resolution, and
    /// no memory limit yet.
    public static func makeEngine(_ setup: Setup) -> (Engine, Session) {
        let engine = Engine(clock: .manual(), seed: setup.seed)
        engine.emitsEvictionEvents = false
        let session = engine.makeSession()
        func config(_ name: String, _ value: String) {
            let reply = engine.execute([Bytes("CONFIG"), Bytes("SET"), Bytes(name), Bytes(value)], session: session)
            if case .error(let message) = reply { preconditionFailure("CONFIG SET \(name) \(value): \(message)") }
        }
        config("maxmemory-policy", setup.policy.name)
        config("maxmemory-samples", String(setup.samples))
        config("cachelab-lru-clock-resolution-ms", String(setup.lruResolutionMilliseconds))
        // Run the trace's commands once on a scratch key: their first calls allocate Redis's
        // latency histograms (24,688 bytes each), which belong to the baseline, not the cache.
        // They run a second after start, when Redis's cron has shrunk the client's 16 kB reply
        // buffer: the baseline is read after that, so the cache does not gain 15 kB later.
        engine.clock.advance(byMilliseconds: 1000)
        let scratch = Bytes("cachelab:warmup")
        _ = engine.execute([set, scratch, Bytes("x")], session: session)
        _ = engine.execute([get, scratch], session: session)
        _ = engine.execute([Bytes("DEL"), scratch], session: session)
        return (engine, session)
    }

    /// The maxmemory at which this engine holds `keys` of these keys and values: the memory
    /// used after storing them with no limit.
    public func maxmemory(holding keys: Int) -> Int {
        let (engine, session) = Self.makeEngine(Setup(policy: .allkeysLRU, maxmemory: 0))
        for i in 0..<keys { _ = engine.execute([Self.set, keyNames[i], value], session: session) }
        return engine.usedMemory
    }

    /// Phase 1 (SET every key in order, evicting as needed) then the trace read-through.
    public func run(_ setup: Setup, trace: [Int]) -> Outcome {
        let (engine, session) = Self.makeEngine(setup)
        _ = engine.execute([Bytes("CONFIG"), Bytes("SET"), Bytes("maxmemory"), Bytes(String(setup.maxmemory))],
                           session: session)
        var done = 0
        for key in keyNames {
            _ = engine.execute([Self.set, key, value], session: session)
            tick(engine, &done)
        }
        var outcome = Outcome()
        outcome.capacity = engine.databases[0].count
        for (i, k) in trace.enumerated() {
            let key = keyNames[k]
            let hit: Bool
            if case .bulk = engine.execute([Self.get, key], session: session) {
                hit = true
            } else {
                hit = false
                _ = engine.execute([Self.set, key, value], session: session)
            }
            outcome.accesses += 1
            if hit { outcome.hits += 1 }
            if i >= warmup {
                outcome.measuredAccesses += 1
                if hit { outcome.measuredHits += 1 }
            }
            tick(engine, &done)
        }
        outcome.finalKeys = engine.databases[0].count
        outcome.evictions = Int(engine.stats.evictedKeys)
        return outcome
    }

    /// Any `TraceCache` (the memcached and lru_cache models) over the same phase 1 and trace:
    /// every key accessed once in order, then the trace read-through. `clock`, when the cache
    /// has one, advances a second every `accessesPerSecond` accesses, as the engine's does.
    public func run<Cache: TraceCache>(_ cache: inout Cache, trace: [Int], clock: Clock?) -> Outcome {
        var done = 0
        func tick() {
            done += 1
            if done % accessesPerSecond == 0 { clock?.advance(byMilliseconds: 1000) }
        }
        for key in keyNames {
            _ = cache.access(key)
            tick()
        }
        var outcome = Outcome()
        outcome.capacity = cache.entryCount
        for (i, k) in trace.enumerated() {
            let hit = cache.access(keyNames[k]) == .hit
            outcome.accesses += 1
            if hit { outcome.hits += 1 }
            if i >= warmup {
                outcome.measuredAccesses += 1
                if hit { outcome.measuredHits += 1 }
            }
            tick()
        }
        outcome.finalKeys = cache.entryCount
        return outcome
    }

    /// Exact LRU at `capacity` keys over the same phase 1 and trace.
    public func runExactLRU(capacity: Int, trace: [Int]) -> Outcome {
        var cache = ExactLRUCache(capacity: max(1, capacity), keys: keyNames.count)
        for k in 0..<keyNames.count { cache.set(k) }
        var outcome = Outcome()
        for (i, k) in trace.enumerated() {
            let hit = cache.access(k)
            outcome.accesses += 1
            if hit { outcome.hits += 1 }
            if i >= warmup {
                outcome.measuredAccesses += 1
                if hit { outcome.measuredHits += 1 }
            }
        }
        outcome.finalKeys = cache.count
        return outcome
    }

    private func tick(_ engine: Engine, _ done: inout Int) {
        done += 1
        if done % accessesPerSecond == 0 { engine.clock.advance(byMilliseconds: 1000) }
    }
}
