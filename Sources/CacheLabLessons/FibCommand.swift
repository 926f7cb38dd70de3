#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CacheLabEngine
import CacheLabTerminal

/// `:fib naive|iterative N [cached]`: the fibonacci story of lesson 8, timed live.
///
/// Two ways to compute the Nth Fibonacci number:
/// - naive recursion, fib(n) = fib(n-1) + fib(n-2): it recomputes the same values again and
///   again, making 2·fib(n+1) − 1 calls, which grows like 1.618ⁿ (exponential time);
/// - iteration, carrying the last two numbers forward: n additions (linear time).
///
/// With `cached`, the command is a cache-aside client of the engine: it sends
/// `GET fib:N`; on a hit it prints the value without computing anything; on a miss it
/// computes, then sends `SET fib:N value EX 86400` (one day). These are real commands on the
/// REPL's session, so `TTL fib:30`, `:clock +1d` and `DEL fib:30` act on what it stored.
/// It prints the wall time it took, so the student sees the difference.
extension ColonCommand {
    public static let fib = ColonCommand(
        name: "fib", usage: ":fib naive|iterative <n> [cached]",
        summary: "compute a Fibonacci number slowly or fast, optionally cache-aside through the engine"
    ) { arguments, repl in
        guard arguments.count == 2 || (arguments.count == 3 && arguments[2].lowercased() == "cached"),
              let algorithm = Fibonacci.Algorithm(rawValue: arguments[0].lowercased()),
              let n = Int(arguments[1]), n >= 0 else {
            return .failure("usage: :fib naive|iterative <n> [cached]\n")
        }
        guard n <= algorithm.limit else {
            return .failure("\(algorithm.rawValue) fib stops at n = \(algorithm.limit)"
                + (algorithm == .naive ? " (beyond that it takes minutes)\n" : " (fib(93) overflows 64 bits)\n"))
        }
        return .output(Fibonacci.run(algorithm, n, cached: arguments.count == 3, repl: repl))
    }
}

/// The two algorithms and the cache-aside wrapper behind `:fib`.
public enum Fibonacci {
    public enum Algorithm: String, Sendable {
        case naive, iterative

        var limit: Int { self == .naive ? 40 : 92 }
    }

    /// fib(n) by plain recursion, counting the calls made.
    public static func naive(_ n: Int, calls: inout Int) -> Int64 {
        calls += 1
        if n < 2 { return Int64(n) }
        return naive(n - 1, calls: &calls) + naive(n - 2, calls: &calls)
    }

    /// fib(n) by walking the sequence forward.
    public static func iterative(_ n: Int) -> Int64 {
        var (a, b): (Int64, Int64) = (0, 1)
        for _ in 0..<n { (a, b) = (b, a &+ b) }
        return a
    }

    /// One day, the timeout the cache-aside pattern of lesson 2 uses.
    static let timeoutSeconds = 86_400

    static func run(_ algorithm: Algorithm, _ n: Int, cached: Bool, repl: LineProcessor) -> String {
        let start = monotonicNanoseconds()
        var text = ""
        let key = Bytes("fib:\(n)")
        let formatter = ReplyFormatter(format: .tty)
        if cached {
            let reply = repl.engine.execute([Bytes("GET"), key], session: repl.session)
            let shown = formatter.render(reply).trimmingTrailingNewline
            if case .bulk(let value) = reply {
                text += "GET fib:\(n) -> \(shown), a hit: nothing computed\n"
                text += "fib(\(n)) = \(value.string)\n"
                return text + took(since: start)
            }
            guard case .null = reply else {
                return text + "GET fib:\(n) -> \(shown)\n"
            }
            text += "GET fib:\(n) -> \(shown), a miss: computing\n"
        }
        let value: Int64
        switch algorithm {
        case .naive:
            var calls = 0
            value = naive(n, calls: &calls)
            text += "fib(\(n)) = \(value) (naive recursion, \(calls) calls)\n"
        case .iterative:
            value = iterative(n)
            text += "fib(\(n)) = \(value) (iteration, \(n) steps)\n"
        }
        if cached {
            let argv = [Bytes("SET"), key, Bytes(integer: value), Bytes("EX"), Bytes(integer: Int64(timeoutSeconds))]
            let reply = repl.engine.execute(argv, session: repl.session)
            text += "SET fib:\(n) \(value) EX \(timeoutSeconds) -> \(formatter.render(reply).trimmingTrailingNewline)\n"
        }
        return text + took(since: start)
    }

    static func took(since start: UInt64) -> String {
        let nanoseconds = monotonicNanoseconds() - start
        return "took \(LessonRun.describe(seconds: Double(nanoseconds) / 1e9))\n"
    }

    static func monotonicNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}

extension String {
    var trimmingTrailingNewline: String {
        hasSuffix("\n") ? String(dropLast()) : self
    }
}
