import CacheLabEngine

/// Hit ratio against cache size for several eviction algorithms on one trace: exact LRU (a
/// simulation), then Redis's sampled LRU with 1, 3, 5 and 10 samples, LFU and random, all
/// through the real engine.
public struct HitRateExperiment {
    /// One line of the chart.
    public struct Series: Sendable, Equatable {
        public let name: String
        /// The character that marks its points.
        public let marker: Character
        /// nil: exact LRU; otherwise the engine's policy and samples.
        public let policy: EvictionPolicy?
        public let samples: Int

        public static let standard: [Series] = [
            Series(name: "exact LRU", marker: "E", policy: nil, samples: 0),
            Series(name: "redis LRU 1 sample", marker: "1", policy: .allkeysLRU, samples: 1),
            Series(name: "redis LRU 3 samples", marker: "3", policy: .allkeysLRU, samples: 3),
            Series(name: "redis LRU 5 samples", marker: "5", policy: .allkeysLRU, samples: 5),
            Series(name: "redis LRU 10 samples", marker: "X", policy: .allkeysLRU, samples: 10),
            Series(name: "redis LFU", marker: "F", policy: .allkeysLFU, samples: 5),
            Series(name: "random", marker: "R", policy: .allkeysRandom, samples: 5),
        ]
    }

    public struct Options: Sendable {
        public var trace: TraceKind
        public var keys = 10_000
        public var accesses = 50_000
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
    }

    /// Hit ratios (0...1) per series, one per size.
    public struct Result: Sendable, Equatable {
        public let title: String
        public let sizes: [Int]
        public let series: [Series]
        public let ratios: [[Double]]
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
        var done = 0
        for size in options.sizes {
            let maxmemory = runner.maxmemory(holding: size)
            for (i, series) in options.series.enumerated() {
                let outcome: ReadThroughRun.Outcome
                if let policy = series.policy {
                    let setup = ReadThroughRun.Setup(policy: policy, samples: series.samples,
                                                     maxmemory: maxmemory, seed: options.seed)
                    outcome = runner.run(setup, trace: trace)
                } else {
                    outcome = runner.runExactLRU(capacity: size, trace: trace)
                }
                ratios[i].append(outcome.hitRatio)
                done += 1
                progress(done, steps)
            }
        }
        return Result(title: "\(options.trace), \(options.keys) keys, \(options.accesses) accesses, seed \(options.seed)", sizes: options.sizes, series: options.series, ratios: ratios)
    }
}
