import CacheLabEngine
import Foundation

/// Measures the engine in-process: commands per second with no network and no parsing, the
/// number the issue targets compare against redis-benchmark.
///
/// Each case builds all its argument vectors first, so the timed loop is nothing but
/// `Engine.execute`. Keys are distinct (`key:0` ... `key:999999`), as with
/// `redis-benchmark -r 1000000`.
struct EngineBenchmark {
    struct Case {
        let name: String
        /// Commands run before timing (filling a list to pop from, say).
        var setup: [[Bytes]] = []
        let commands: [[Bytes]]
        /// How many Redis operations one command counts for (MSET of 10 keys counts 10 keys, but
        /// redis-benchmark counts one request; we report requests).
        var note: String = ""
    }

    struct Result {
        let name: String
        let operations: Int
        let seconds: Double
        var opsPerSecond: Double { Double(operations) / seconds }
        let note: String
    }

    let operations: Int

    /// Runs one case on a fresh engine.
    func run(_ benchCase: Case) -> Result {
        let engine = Engine(clock: .system())
        let session = engine.makeSession()
        for argv in benchCase.setup { _ = engine.execute(argv, session: session) }
        var errors = 0
        let start = DispatchTime.now().uptimeNanoseconds
        for argv in benchCase.commands {
            if case .error = engine.execute(argv, session: session) { errors += 1 }
        }
        let end = DispatchTime.now().uptimeNanoseconds
        var note = benchCase.note
        if errors > 0 { note += (note.isEmpty ? "" : "; ") + "\(errors) errors" }
        return Result(name: benchCase.name, operations: benchCase.commands.count,
                      seconds: Double(end - start) / 1e9, note: note)
    }

    static func key(_ i: Int) -> Bytes { Bytes("key:\(i)") }
}

extension EngineBenchmark {
    /// Every case, in the order they print.
    func allCases() -> [Case] {
        stringCases()
    }

    /// The string commands of issue #2: SET, GET, INCR and MSET of 10 keys over 1,000,000 keys.
    func stringCases() -> [Case] {
        let n = operations
        let keys = (0..<n).map(Self.key)
        let value = Bytes("xxx")
        let sets = keys.map { [Bytes("SET"), $0, value] }
        return [
            Case(name: "SET", commands: sets),
            Case(name: "GET", setup: sets, commands: keys.map { [Bytes("GET"), $0] }),
            Case(name: "INCR", commands: keys.map { [Bytes("INCR"), $0] }),
            Case(name: "MSET (10 keys)",
                 commands: (0..<n / 10).map { i in
                     [Bytes("MSET")] + (0..<10).flatMap { j in [keys[i * 10 + j], value] }
                 },
                 note: "requests of 10 keys each"),
        ]
    }
}
