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
        /// What one command stands for when it is not one operation (MSET of 10 keys is one
        /// request, as redis-benchmark counts it).
        var note: String = ""
        /// Sends the commands as pipelines of this many (like `redis-benchmark -P`), through
        /// `Engine.execute(pipeline:)`, instead of one at a time.
        var pipeline: Int? = nil
    }

    /// A case by name, built only when it runs: a million argument vectors per case add up.
    struct LazyCase {
        let name: String
        let build: () -> Case
    }

    struct Result {
        let name: String
        let operations: Int
        /// Wall-clock seconds of the timed loop.
        let seconds: Double
        /// CPU seconds this thread spent in the timed loop: the fair figure on a busy machine.
        let cpuSeconds: Double
        var opsPerSecond: Double { Double(operations) / seconds }
        var opsPerCPUSecond: Double { Double(operations) / cpuSeconds }
        let note: String
    }

    /// CPU time consumed by every thread of this process, in seconds: for work that may use
    /// more than one thread (saving a long list).
    static func processCPUTime() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// CPU time consumed by the calling thread, in seconds.
    static func threadCPUTime() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    let operations: Int

    /// Runs one case on a fresh engine.
    func run(_ benchCase: Case) -> Result {
        let engine = Engine(clock: .system())
        let session = engine.makeSession()
        for argv in benchCase.setup { _ = engine.execute(argv, session: session) }
        var errors = 0
        let batches = benchCase.pipeline.map { size in
            stride(from: 0, to: benchCase.commands.count, by: size).map {
                Array(benchCase.commands[$0..<min($0 + size, benchCase.commands.count)])
            }
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = Self.threadCPUTime()
        Self.timedLoop(benchCase.commands, batches: batches, engine: engine, session: session, errors: &errors)
        let cpuEnd = Self.threadCPUTime()
        let end = DispatchTime.now().uptimeNanoseconds
        var note = benchCase.note
        if errors > 0 { note += (note.isEmpty ? "" : "; ") + "\(errors) errors" }
        return Result(name: benchCase.name, operations: benchCase.commands.count,
                      seconds: Double(end - start) / 1e9, cpuSeconds: cpuEnd - cpuStart, note: note)
    }

    /// The loop being timed, on its own so that a profiler can be told to count only it
    /// (`valgrind --tool=callgrind --toggle-collect='*timedLoop*'`).
    @inline(never)
    static func timedLoop(_ commands: [[Bytes]], batches: [[[Bytes]]]?, engine: Engine, session: Session, errors: inout Int) {
        if let batches {
            for batch in batches {
                for reply in engine.execute(pipeline: batch, session: session) {
                    if case .error = reply { errors += 1 }
                }
            }
        } else {
            for argv in commands {
                if case .error = engine.execute(argv, session: session) { errors += 1 }
            }
        }
    }

    static func key(_ i: Int) -> Bytes { Bytes("key:\(i)") }
}

extension EngineBenchmark {
    /// Every case, in the order they print.
    func allCases() -> [LazyCase] {
        stringCases() + collectionCases() + otherTypeCases()
    }

    /// The string commands of issue #2: SET, GET, INCR and MSET of 10 keys over 1,000,000 keys.
    func stringCases() -> [LazyCase] {
        let n = operations
        let keys = { (0..<n).map(Self.key) }
        let value = Bytes("xxx")
        let sets = { keys().map { [Bytes("SET"), $0, value] } }
        return [
            LazyCase(name: "SET") { Case(name: "SET", commands: sets()) },
            LazyCase(name: "GET") { Case(name: "GET", setup: sets(), commands: keys().map { [Bytes("GET"), $0] }) },
            LazyCase(name: "SET -P 64") {
                Case(name: "SET -P 64", commands: sets(), note: "pipelines of 64", pipeline: 64)
            },
            LazyCase(name: "GET -P 64") {
                Case(name: "GET -P 64", setup: sets(), commands: keys().map { [Bytes("GET"), $0] },
                     note: "pipelines of 64", pipeline: 64)
            },
            LazyCase(name: "INCR") { Case(name: "INCR", commands: keys().map { [Bytes("INCR"), $0] }) },
            LazyCase(name: "MSET (10 keys)") {
                let all = keys()
                return Case(name: "MSET (10 keys)",
                            commands: (0..<n / 10).map { i in
                                [Bytes("MSET")] + (0..<10).flatMap { j in [all[i * 10 + j], value] }
                            },
                            note: "requests of 10 keys each")
            },
        ]
    }
}

extension EngineBenchmark {
    /// Issue #3's collections: one key holding `operations` elements.
    func collectionCases() -> [LazyCase] {
        let n = operations
        let members = { (0..<n).map { Bytes("member:\($0)") } }
        let value = Bytes("xxx")
        let lpush = { members().map { [Bytes("LPUSH"), "list", $0] } }
        let zadd = { members().enumerated().map { [Bytes("ZADD"), "zset", Bytes(integer: $0.offset), $0.element] } }
        return [
            LazyCase(name: "LPUSH (1M-element list)") { Case(name: "LPUSH (1M-element list)", commands: lpush()) },
            LazyCase(name: "RPOP (1M-element list)") {
                Case(name: "RPOP (1M-element list)", setup: lpush(), commands: (0..<n).map { _ in [Bytes("RPOP"), "list"] })
            },
            LazyCase(name: "HSET (1M fields)") {
                Case(name: "HSET (1M fields)", commands: members().map { [Bytes("HSET"), "hash", $0, value] })
            },
            LazyCase(name: "SADD (1M members)") {
                Case(name: "SADD (1M members)", commands: members().map { [Bytes("SADD"), "set", $0] })
            },
            LazyCase(name: "ZADD (1M members)") { Case(name: "ZADD (1M members)", commands: zadd()) },
            LazyCase(name: "ZRANGE 0 99 of 1M") {
                Case(name: "ZRANGE 0 99 of 1M", setup: zadd(),
                     commands: (0..<n).map { _ in [Bytes("ZRANGE"), "zset", "0", "99"] },
                     note: "the first 100, like redis-benchmark's LRANGE_100")
            },
            LazyCase(name: "ZRANGE 100 of 1M") {
                Case(name: "ZRANGE 100 of 1M", setup: zadd(),
                     commands: (0..<n).map { i in
                         let start = (i * 7919) % max(1, n - 100)
                         return [Bytes("ZRANGE"), "zset", Bytes(integer: start), Bytes(integer: start + 99)]
                     }, note: "100 from a rank spread over the set")
            },
        ]
    }

    /// Issue #4's types: HyperLogLog, bitmaps, streams.
    func otherTypeCases() -> [LazyCase] {
        let n = operations
        return [
            LazyCase(name: "PFADD") {
                Case(name: "PFADD", commands: (0..<n).map { [Bytes("PFADD"), "hll", Bytes("element:\($0)")] })
            },
            LazyCase(name: "SETBIT (1M bits)") {
                Case(name: "SETBIT (1M bits)", commands: (0..<n).map { [Bytes("SETBIT"), "bits", Bytes(integer: ($0 * 7) % n), "1"] })
            },
            LazyCase(name: "XADD *") {
                Case(name: "XADD *", commands: (0..<n).map { _ in [Bytes("XADD"), "stream", "*", "field", "value"] })
            },
        ]
    }
}
