import CacheLabEngine
import CacheLabModels

/// Hit ratio against cache size for several caches on one trace: exact LRU (a simulation),
/// Redis's sampled LRU with 1, 3, 5 and 10 samples, LFU and random, all through the real
/// engine; and, on request, the memcached model's segmented LRU and the functools.lru_cache
/// model's exact LRU, fed the same trace the same read-through way.
///
/// Every cache first stores every key once, in order (so each run starts full), then reads
/// the trace: a hit counts; a miss stores the key. The first fifth of the trace warms the
/// caches and is not counted.
///
/// Sizes are given in keys, and each cache is sized its own way, as it would be in practice:
/// - exact LRU and lru_cache: N entries (`maxsize=N`);
/// - Redis: `maxmemory` one byte under the engine's `used_memory` once N of these keys are
///   stored (the engine's own baseline included), so that Redis holds N keys;
/// - memcached: `-m` in whole megabytes. Its memory comes in 1 MB pages, each cut into chunks
///   of one slab class, so it can only hold a whole number of pages of items: the run uses
///   the `-m` whose pages hold closest to N items (at least 2: a real memcached refuses a
///   limit under twice its 1 MB item size), and reports what it really held.
public struct HitRateExperiment {
    /// One line of the chart.
    public struct Series: Sendable, Equatable {
        /// Which cache a series runs.
        public enum Cache: Sendable, Equatable {
            /// A true LRU of N keys (`ExactLRUCache`).
            case exactLRU
            /// The engine with this policy and `maxmemory-samples`.
            case redis(EvictionPolicy, samples: Int)
            /// The memcached 1.6 model (segmented LRU per slab class), sized by `-m`.
            case memcached
            /// The functools.lru_cache model with `maxsize=N`.
            case lruCache
        }

        public let name: String
        /// The character that marks its points.
        public let marker: Character
        public let cache: Cache

        public init(name: String, marker: Character, cache: Cache) {
            self.name = name
            self.marker = marker
            self.cache = cache
        }

        public static let exactLRU = Series(name: "exact LRU", marker: "E", cache: .exactLRU)
        public static let memcached = Series(name: "memcached segmented LRU", marker: "M", cache: .memcached)
        public static let lruCache = Series(name: "lru_cache exact LRU", marker: "P", cache: .lruCache)

        public static func redisLRU(samples: Int) -> Series {
            let marker: Character = samples == 10 ? "X" : samples < 10 ? Character(String(samples)) : "S"
            return Series(name: "redis LRU \(samples) sample\(samples == 1 ? "" : "s")", marker: marker,
                          cache: .redis(.allkeysLRU, samples: samples))
        }

        public static let redisLFU = Series(name: "redis LFU", marker: "F", cache: .redis(.allkeysLFU, samples: 5))
        public static let redisRandom = Series(name: "random", marker: "R", cache: .redis(.allkeysRandom, samples: 5))

        /// Redis's family: LRU with 1, 3, 5 and 10 samples, LFU, random.
        public static let redis: [Series] = [redisLRU(samples: 1), redisLRU(samples: 3), redisLRU(samples: 5),
                                             redisLRU(samples: 10), redisLFU, redisRandom]

        /// The default chart: exact LRU and Redis's family.
        public static let standard: [Series] = [exactLRU] + redis

        /// The words `--models` accepts, for help texts.
        public static let modelsHelp = "exact, redis (LRU 1/3/5/10 samples, LFU, random), redis-lru[:N], redis-lfu, redis-random, memcached, lru_cache"

        /// Parses a comma-separated list of caches (see `modelsHelp`), in the order given;
        /// nil when a word is unknown or a series is named twice.
        public static func parse(models: String) -> [Series]? {
            var series: [Series] = []
            for piece in models.lowercased().split(separator: ",") {
                let word = String(piece.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
                switch word {
                case "exact", "exact-lru": series.append(exactLRU)
                case "redis": series += redis
                case "redis-lru": series.append(redisLRU(samples: 5))
                case "redis-lfu": series.append(redisLFU)
                case "redis-random", "random": series.append(redisRandom)
                case "memcached": series.append(memcached)
                case "lru_cache", "lru-cache", "lrucache": series.append(lruCache)
                default:
                    guard word.hasPrefix("redis-lru:"), let samples = Int(word.dropFirst("redis-lru:".count)),
                          (1...64).contains(samples) else { return nil }
                    series.append(redisLRU(samples: samples))
                }
            }
            guard !series.isEmpty, Set(series.map(\.name)).count == series.count else { return nil }
            return series
        }
    }

    public struct Options: Sendable {
        public var trace: TraceKind
        public var keys = 10_000
        public var accesses = 50_000
        /// Bytes of every value (memcached's items, and so its slab class, follow from it).
        public var valueSize = 100
        /// Cache sizes in keys.
        public var sizes: [Int]
        public var seed: UInt64 = 42
        public var accessesPerSecond = 5000
        public var series = Series.standard

        public init(trace: TraceKind, sizes: [Int]) {
            self.trace = trace
            self.sizes = sizes
        }

        /// 5% to 50% of the keys.
        public static func defaultSizes(keys: Int) -> [Int] {
            [5, 10, 15, 20, 30, 40, 50].map { max(1, keys * $0 / 100) }
        }
    }

    /// Hit ratios (0...1) per series, one per size.
    public struct Result: Sendable, Equatable {
        public let title: String
        public let sizes: [Int]
        public let series: [Series]
        public let ratios: [[Double]]
        /// How many keys each series held when full (after storing every key once), per
        /// size: the size itself, except for memcached, which holds whole pages.
        public let capacities: [[Int]]
        /// How each series was sized, one line each, for the chart's notes.
        public let sizing: [String]

        public init(title: String, sizes: [Int], series: [Series], ratios: [[Double]], capacities: [[Int]]? = nil, sizing: [String] = []) {
            self.title = title
            self.sizes = sizes
            self.series = series
            self.ratios = ratios
            self.capacities = capacities ?? series.map { _ in sizes }
            self.sizing = sizing
        }
    }

    public let options: Options

    public init(options: Options) {
        self.options = options
    }

    /// How many runs `run` makes (for a progress bar).
    public var steps: Int { options.sizes.count * options.series.count }

    /// Runs every series at every size; `progress(done, total)` is called after each run.
    public func run(progress: (Int, Int) -> Void = { _, _ in }) -> Result {
        var generator = TraceGenerator(kind: options.trace, keys: options.keys, seed: options.seed)
        let trace = generator.take(options.accesses)
        let runner = ReadThroughRun(keys: options.keys, valueSize: options.valueSize,
                                    accessesPerSecond: options.accessesPerSecond, warmup: options.accesses / 5)
        var ratios = Array(repeating: [Double](), count: options.series.count)
        var capacities = Array(repeating: [Int](), count: options.series.count)
        var memcachedRuns: [MemcachedSizing] = []
        var done = 0
        let needsRedis = options.series.contains { if case .redis = $0.cache { true } else { false } }
        for size in options.sizes {
            // Redis evicts before a write only while used_memory is *over* maxmemory, so a limit
            // of exactly N keys' memory keeps N + 1 after each write; one byte less keeps N.
            let maxmemory = needsRedis ? runner.maxmemory(holding: size) - 1 : 0
            for (i, series) in options.series.enumerated() {
                let outcome: ReadThroughRun.Outcome
                var capacity = size
                switch series.cache {
                case .exactLRU:
                    outcome = runner.runExactLRU(capacity: size, trace: trace)
                case .redis(let policy, let samples):
                    let setup = ReadThroughRun.Setup(policy: policy, samples: samples, maxmemory: maxmemory, seed: options.seed)
                    outcome = runner.run(setup, trace: trace)
                    capacity = outcome.capacity
                case .lruCache:
                    var cache = LRUCache<Void>(maxsize: size)
                    outcome = runner.run(&cache, trace: trace, clock: nil)
                case .memcached:
                    let megabytes = MemcachedSizing.megabytes(holding: size, keys: options.keys, valueSize: options.valueSize)
                    let clock = Clock.manual()
                    var cache = MemcachedTraceCache(store: MemcachedStore(clock: clock, megabytes: megabytes), valueSize: options.valueSize)
                    outcome = runner.run(&cache, trace: trace, clock: clock)
                    capacity = outcome.capacity
                    memcachedRuns.append(MemcachedSizing(size: size, megabytes: megabytes, held: capacity, store: cache.store))
                }
                ratios[i].append(outcome.hitRatio)
                capacities[i].append(capacity)
                done += 1
                progress(done, steps)
            }
        }
        return Result(
            title: "\(options.trace), \(options.keys) keys, \(options.accesses) accesses, \(options.valueSize)-byte values, seed \(options.seed)",
            sizes: options.sizes, series: options.series, ratios: ratios, capacities: capacities,
            sizing: sizingNotes(memcachedRuns))
    }

    /// The lines under the table saying how each cache was sized (each at most 76 columns).
    private func sizingNotes(_ memcachedRuns: [MemcachedSizing]) -> [String] {
        var notes: [String] = []
        let caches = options.series.map(\.cache)
        let byEntries = (caches.contains(.exactLRU) ? ["exact LRU"] : []) + (caches.contains(.lruCache) ? ["lru_cache"] : [])
        if !byEntries.isEmpty {
            notes.append(byEntries.joined(separator: ", ") + ": N entries" + (caches.contains(.lruCache) ? " (maxsize=N)" : ""))
        }
        if caches.contains(where: { if case .redis = $0 { true } else { false } }) {
            notes.append("redis: maxmemory = its used_memory with N of these keys, minus 1 byte")
        }
        if let first = memcachedRuns.first {
            notes.append("memcached: -m in whole MB (at least 2), and memory comes in 1 MB pages of")
            notes.append("  \(first.classDescription), so it holds whole pages:")
            notes += Self.wrap(memcachedRuns.map { "N=\($0.size): -m \($0.megabytes) held \($0.held)" }, indent: "  ")
        }
        return notes
    }

    /// `items` joined with `;  ` into lines of at most 76 columns.
    static func wrap(_ items: [String], indent: String) -> [String] {
        var lines: [String] = []
        var line = ""
        for item in items {
            if !line.isEmpty, line.count + 3 + item.count > 76 {
                lines.append(line + ";")
                line = ""
            }
            line += line.isEmpty ? indent + item : ";  " + item
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}

/// How a memcached run was sized, for the notes under the chart.
struct MemcachedSizing {
    let size: Int
    let megabytes: Int
    let held: Int
    let classDescription: String

    init(size: Int, megabytes: Int, held: Int, store: MemcachedStore) {
        self.size = size
        self.megabytes = megabytes
        self.held = held
        classDescription = store.slabs.classes.filter { store.pages[$0.id - 1] > 0 }.map {
            "\($0.chunkSize)-byte chunks (slab class \($0.id), \($0.chunksPerPage) a page)"
        }.joined(separator: " and ")
    }

    /// The whole megabytes (pages) whose chunks hold closest to `size` items of these keys
    /// and values, at least 2.
    static func megabytes(holding size: Int, keys: Int, valueSize: Int) -> Int {
        let slabs = SlabClasses()
        let keyLength = "k:\(max(0, keys - 1))".utf8.count
        let total = ItemSize.total(keyLength: keyLength, flags: 0, valueLength: valueSize)
        let perPage = total > slabs.largestChunk ? 1 : max(1, slabs.classFor(totalSize: total)?.chunksPerPage ?? 1)
        return max(2, Int((Double(size) / Double(perPage)).rounded()))
    }
}
