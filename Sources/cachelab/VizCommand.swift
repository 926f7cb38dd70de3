import ArgumentParser
import CacheLabEngine
import CacheLabVisualizer
import Foundation

/// `cachelab viz`: pictures of the engine's eviction at work.
struct VizCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "viz",
        abstract: "Draw how eviction behaves: the LRU comparison, hit ratio against cache size.",
        subcommands: [VizLRUCommand.self, VizHitRateCommand.self]
    )
}

/// Options every picture shares.
struct VizOutputOptions: ParsableArguments {
    @Flag(name: .long, help: "No colours (also with NO_COLOR set, or when the output is not a terminal).")
    var noColor = false

    var palette: Palette {
        Palette(useColor: Palette.shouldUseColor(
            isTerminal: isatty(STDOUT_FILENO) == 1, noColorFlag: noColor,
            environment: ProcessInfo.processInfo.environment))
    }
}

/// `cachelab viz lru`: antirez's comparison, with the engine's own eviction code.
struct VizLRUCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lru",
        abstract: "Exact LRU vs Redis 2.8 sampling vs the 3.0+ pool, as in the Redis docs' figure."
    )

    @Option(name: .long, help: "Keys filled before the first eviction.")
    var keys = 500

    @Option(name: .long, help: "Samples of the 2.8-style and the first pooled panel (the last uses 10).")
    var samples = 5

    @Option(name: .long, help: "Seed of the engine's random source.")
    var seed: UInt64 = 1

    @OptionGroup var output: VizOutputOptions

    func validate() throws {
        guard (2...200_000).contains(keys) else { throw ValidationError("--keys must be 2...200000") }
        guard (1...64).contains(samples) else { throw ValidationError("--samples must be 1...64") }
    }

    func run() throws {
        let comparison = LRUComparison(keys: keys, samples: samples, seed: seed)
        let progress = ProgressBar(label: "lru", total: comparison.variants.count)
        var panels: [LRUComparison.Panel] = []
        for (i, variant) in comparison.variants.enumerated() {
            panels.append(comparison.run(variant))
            progress.update(i + 1)
        }
        progress.finish()
        print(LRUComparisonView(palette: output.palette).render(panels, keys: keys, seed: seed), terminator: "")
    }
}

/// `cachelab viz hitrate`: hit ratio against cache size for each cache.
struct VizHitRateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hitrate",
        abstract: "Hit ratio vs cache size: exact LRU, Redis LRU (1, 3, 5, 10 samples), LFU, random; memcached and lru_cache on request.",
        discussion: """
            Every cache stores every key once, then reads the trace: a hit counts, a miss stores the key \
            (read-through). --models picks the caches: \(HitRateExperiment.Series.modelsHelp). \
            Each is sized its own way for a size of N keys: exact LRU and lru_cache hold N entries \
            (maxsize=N); Redis gets the maxmemory at which it holds N keys (one byte under their \
            used_memory); memcached gets -m in whole \
            megabytes, the 1 MB pages whose chunks hold closest to N items (at least -m 2), so choose \
            --value-size and --sizes so that N is a few pages of items (e.g. --value-size 10000: 94 items \
            a page). The table and the notes under it say what each cache really held.
            """
    )

    @Option(name: .long, help: "The trace: zipf, 80/20, uniform or scan.")
    var trace = "zipf"

    @Option(name: .long, help: "Skew of the zipf trace.")
    var skew = 0.99

    @Option(name: .long, help: "Distinct keys.")
    var keys = 10_000

    @Option(name: .long, help: "Accesses (the first fifth warm the cache and are not counted).")
    var accesses = 50_000

    @Option(name: .long, help: "Cache sizes in keys, comma-separated (default: 5% to 50% of the keys).")
    var sizes: String?

    @Option(name: .long, help: "Bytes of each value (memcached's slab class, and so its items per 1 MB page, follow from it).")
    var valueSize = 100

    @Option(name: .long, help: "Caches to compare, comma-separated: \(HitRateExperiment.Series.modelsHelp).")
    var models = "exact,redis"

    @Option(name: .long, help: "Accesses per second of the injected clock (the LRU clock ticks once a second).")
    var rate = 5000

    @Option(name: .long, help: "Seed of the trace and of the engines.")
    var seed: UInt64 = 42

    @OptionGroup var output: VizOutputOptions

    func run() throws {
        guard let kind = TraceKind(name: trace, skew: skew) else {
            throw ValidationError("unknown trace '\(trace)': use zipf, 80/20, uniform or scan")
        }
        guard keys >= 10, accesses >= 10, rate >= 1 else { throw ValidationError("keys and accesses must be at least 10") }
        guard (1...1_000_000).contains(valueSize) else { throw ValidationError("--value-size: 1 to 1000000 bytes") }
        guard let series = HitRateExperiment.Series.parse(models: models) else {
            throw ValidationError("--models: a comma-separated list of \(HitRateExperiment.Series.modelsHelp), each once")
        }
        var cacheSizes = HitRateExperiment.Options.defaultSizes(keys: keys)
        if let sizes {
            let parsed = sizes.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !parsed.isEmpty, parsed.allSatisfy({ ($0 ?? 0) >= 1 && ($0 ?? 0) <= keys }) else {
                throw ValidationError("--sizes: comma-separated key counts between 1 and --keys")
            }
            cacheSizes = parsed.map { $0! }
        }
        var options = HitRateExperiment.Options(trace: kind, sizes: cacheSizes)
        options.keys = keys
        options.accesses = accesses
        options.valueSize = valueSize
        options.seed = seed
        options.accessesPerSecond = rate
        options.series = series
        let experiment = HitRateExperiment(options: options)
        let progress = ProgressBar(label: "hitrate", total: experiment.steps)
        let result = experiment.run { done, _ in progress.update(done) }
        progress.finish()
        print(HitRateChart(palette: output.palette).render(result), terminator: "")
    }
}
