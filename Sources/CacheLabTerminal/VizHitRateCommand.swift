import CacheLabVisualizer

/// `:viz hitrate --keys 1000 --models lru_cache,redis-lru:5,memcached ...`: the hit-ratio
/// chart of `cachelab viz hitrate`, drawn inside the REPL (and so inside lessons). It takes
/// the same `--name value` options as the command line, with smaller defaults and limits so
/// that it answers in a moment.
enum VizHitRateCommand {
    static let usage = "usage: :viz hitrate [--trace zipf|80/20|uniform|scan] [--skew S] [--keys N] [--accesses N]\n"
        + "       [--sizes N,N,...] [--value-size BYTES] [--models LIST] [--rate N] [--seed N]\n"
        + "       models: \(HitRateExperiment.Series.modelsHelp)\n"

    /// The limits that keep a chart in the REPL quick.
    static let maxKeys = 20_000, maxAccesses = 200_000

    /// Parses the options; a message on error.
    static func options(_ arguments: [String]) -> Result<HitRateExperiment.Options, ColonFailure> {
        var values: [String: String] = [:]
        var index = 0
        let known: Set = ["trace", "skew", "keys", "accesses", "sizes", "value-size", "models", "rate", "seed"]
        while index < arguments.count {
            let word = arguments[index]
            guard word.hasPrefix("--"), known.contains(String(word.dropFirst(2))), index + 1 < arguments.count else {
                return .failure(ColonFailure(message: usage))
            }
            values[String(word.dropFirst(2))] = arguments[index + 1]
            index += 2
        }
        func number(_ name: String, _ fallback: Int, _ range: ClosedRange<Int>) -> Int? {
            guard let text = values[name] else { return fallback }
            guard let value = Int(text), range.contains(value) else { return nil }
            return value
        }
        guard let keys = number("keys", 1000, 10...maxKeys) else {
            return .failure(ColonFailure(message: "--keys: 10 to \(maxKeys)\n"))
        }
        guard let accesses = number("accesses", 5 * keys, 10...maxAccesses) else {
            return .failure(ColonFailure(message: "--accesses: 10 to \(maxAccesses)\n"))
        }
        guard let valueSize = number("value-size", 100, 1...1_000_000),
              let rate = number("rate", 500, 1...1_000_000),
              let seed = number("seed", 42, 0...Int.max) else {
            return .failure(ColonFailure(message: "--value-size: 1 to 1000000; --rate: at least 1; --seed: a whole number\n"))
        }
        let skew = values["skew"].map { Double($0) } ?? 0.99
        guard let skew, skew >= 0, let trace = TraceKind(name: values["trace"] ?? "zipf", skew: skew) else {
            return .failure(ColonFailure(message: "--trace: zipf, 80/20, uniform or scan; --skew: a number of 0 or more\n"))
        }
        guard let series = HitRateExperiment.Series.parse(models: values["models"] ?? "exact,redis") else {
            return .failure(ColonFailure(message: "--models: a comma-separated list of \(HitRateExperiment.Series.modelsHelp), each once\n"))
        }
        var sizes = HitRateExperiment.Options.defaultSizes(keys: keys)
        if let text = values["sizes"] {
            let parsed = text.split(separator: ",").map { Int($0) }
            guard !parsed.isEmpty, parsed.count <= 12, parsed.allSatisfy({ ($0 ?? 0) >= 1 && ($0 ?? 0) <= keys }) else {
                return .failure(ColonFailure(message: "--sizes: up to 12 comma-separated key counts between 1 and --keys\n"))
            }
            sizes = parsed.map { $0! }
        }
        var options = HitRateExperiment.Options(trace: trace, sizes: sizes)
        options.keys = keys
        options.accesses = accesses
        options.valueSize = valueSize
        options.accessesPerSecond = rate
        options.seed = UInt64(seed)
        options.series = series
        return .success(options)
    }

    static func run(_ arguments: [String], palette: Palette) -> ColonResult {
        switch options(arguments) {
        case .failure(let failure):
            return .failure(failure.message)
        case .success(let options):
            let result = HitRateExperiment(options: options).run()
            return .output(HitRateChart(palette: palette).render(result))
        }
    }
}

/// A colon command's error message, as an `Error` for `Result`.
struct ColonFailure: Error {
    let message: String
}
