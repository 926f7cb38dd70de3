import ArgumentParser
import CacheLabEngine
import Foundation

/// `cachelab bench eviction`: the cost of eviction and its fidelity to real Redis.
struct BenchEvictionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eviction",
        abstract: "SET at maxmemory vs without eviction; read-through hit ratios beside real redis-server."
    )

    @Option(name: .long, help: "SETs of new keys in the speed comparison.")
    var sets = 500_000

    @Option(name: .long, help: "Accesses of each fidelity trace.")
    var accesses = 100_000

    @Option(name: .long, help: "Accesses per second real Redis served: the injected clock ticks once per this many.")
    var rate = 5000

    @Option(name: .long, help: "Bytes of maxmemory above startup memory (400000 holds about 2185 keys).")
    var budget = 400_000

    @Option(name: .long, help: "Seed of the traces and the engines.")
    var seed: UInt64 = 42

    @Flag(name: .long, help: "Do not start a real redis-server; print the reference table instead.")
    var noRedis = false

    @Flag(name: .long, help: "Only the speed comparison.")
    var speedOnly = false

    /// Its `--repeat`: rounds of the speed comparison.
    @ParentCommand var parent: BenchCommand

    func run() throws {
        #if DEBUG
        print("warning: this is a debug build; figures are not representative (use make bench)")
        #endif
        let bench = EvictionBenchmark(operations: sets, accesses: accesses, rate: rate, budget: budget,
                                      seed: seed, useRealRedis: !noRedis)
        print(bench.speed(rounds: parent.runs))
        guard !speedOnly else { return }
        let onTerminal = isatty(STDERR_FILENO) == 1
        let report = bench.fidelity { step in
            if onTerminal { FileHandle.standardError.write(Data("\r\u{1b}[K\(step)…".utf8)) }
        }
        if onTerminal { FileHandle.standardError.write(Data("\r\u{1b}[K".utf8)) }
        print(report, terminator: "")
    }
}
