import CacheLabEngine
import CacheLabModels

extension ColonCommand {
    /// `:lru_cache fib 16 maxsize=4` runs the seed example through the functools.lru_cache
    /// model and prints what Python would; `:lru_cache trace a b a` replays calls `f(a)`,
    /// `f(b)`, `f(a)` and shows each hit or miss (`1,2` is a call with two arguments;
    /// `cache_info()` and `cache_clear()` call those).
    public static let lruCache = ColonCommand(
        name: "lru_cache", usage: ":lru_cache fib N|trace [maxsize=N|None] [typed=True|False] [call ...]",
        summary: "run Python's functools.lru_cache model (memoized fib, or a key trace)"
    ) { arguments, _ in
        LRUCacheCommand.run(arguments)
    }
}

/// Parsing and output of `:lru_cache`.
enum LRUCacheCommand {
    static let usage = "usage: :lru_cache fib N [maxsize=N|None] [typed=True|False]\n"
        + "       :lru_cache trace [maxsize=N|None] [typed=True|False] call [call ...]\n"
        + "       (a call is a value, values separated by commas, cache_info() or cache_clear())\n"

    struct Options {
        var maxsize: Int?
        var typed = false
        var words: [String] = []
    }

    static func run(_ arguments: [String]) -> ColonResult {
        guard let mode = arguments.first?.lowercased() else { return .failure(usage) }
        switch mode {
        case "fib":
            guard let options = parse(Array(arguments.dropFirst()), defaultMaxsize: nil),
                  options.words.count == 1, let count = Int(options.words[0]), count >= 0 else {
                return .failure(usage)
            }
            guard count <= MemoizedFibonacci.largestRange else {
                return .failure("N is at most \(MemoizedFibonacci.largestRange) here (fib must fit in 64 bits)\n")
            }
            return .output(fibonacci(count: count, options: options))
        case "trace":
            guard let options = parse(Array(arguments.dropFirst()), defaultMaxsize: 128),
                  !options.words.isEmpty else { return .failure(usage) }
            return .output(trace(options))
        default:
            return .failure(usage)
        }
    }

    /// Reads `maxsize=` and `typed=` anywhere; other words are kept in order.
    static func parse(_ words: [String], defaultMaxsize: Int?) -> Options? {
        var options = Options(maxsize: defaultMaxsize)
        for word in words {
            let lower = word.lowercased()
            if lower.hasPrefix("maxsize=") {
                let value = word.dropFirst("maxsize=".count)
                if value == "None" {
                    options.maxsize = nil
                } else if let size = Int(value) {
                    options.maxsize = size
                } else {
                    return nil
                }
            } else if lower.hasPrefix("typed=") {
                switch word.dropFirst("typed=".count) {
                case "True": options.typed = true
                case "False": options.typed = false
                default: return nil
                }
            } else {
                options.words.append(word)
            }
        }
        return options
    }

    static func decorator(_ options: Options) -> String {
        let size = options.maxsize.map(String.init) ?? "None"
        return "@lru_cache(maxsize=\(size)\(options.typed ? ", typed=True" : ""))"
    }

    static func fibonacci(count: Int, options: Options) -> String {
        var cache = LRUCache<UInt64>(maxsize: options.maxsize, typed: options.typed)
        let values = MemoizedFibonacci.run(range: count, cache: &cache)
        return """
            >>> \(decorator(options))
            ... def fib(n): return n if n < 2 else fib(n-1) + fib(n-2)
            >>> [fib(n) for n in range(\(count))]
            [\(values.map(String.init).joined(separator: ", "))]
            >>> fib.cache_info()
            \(cache.info)

            """
    }

    /// Replays the calls: each word is one call `f(word)`; a word with commas is one call
    /// with several arguments (`1,2.0` is `f(1, 2.0)`); `cache_info()` and `cache_clear()`
    /// call those methods. Each call shows whether it hit.
    static func trace(_ options: Options) -> String {
        var cache = LRUCache<Void>(maxsize: options.maxsize, typed: options.typed)
        var text = ">>> \(decorator(options))\n... def f(*args): ...\n"
        for word in options.words {
            switch word {
            case "cache_info()":
                text += ">>> f.cache_info()\n\(cache.info)\n"
            case "cache_clear()":
                cache.clear()
                text += ">>> f.cache_clear()\n"
            default:
                let arguments = callArguments(word)
                let before = cache.hits
                cache.call(arguments) { _ in () }
                let shown = arguments.map(\.description).joined(separator: ", ")
                text += ">>> f(\(shown))  # \(cache.hits > before ? "hit" : "miss")\n"
            }
        }
        if options.words.last != "cache_info()" { text += ">>> f.cache_info()\n\(cache.info)\n" }
        return text
    }

    /// `1,2.0` → [1, 2.0]; a quoted word is one string, commas included.
    static func callArguments(_ word: String) -> [PythonValue] {
        if let first = word.first, first == "'" || first == "\"" { return [PythonValue(literal: word)] }
        return word.split(separator: ",", omittingEmptySubsequences: false).map { PythonValue(literal: String($0)) }
    }
}
