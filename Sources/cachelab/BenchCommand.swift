import ArgumentParser
import CacheLabEngine

/// `cachelab bench`: runs the engine in-process and prints commands per second.
///
/// Build in release mode first (`make bench` does): a debug build is ten times slower and
/// says nothing about the engine.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the engine in-process: operations per second for each command.",
        subcommands: [BenchEvictionCommand.self, BenchPersistenceCommand.self]
    )

    @Option(name: .long, help: "Operations per command (distinct keys, like redis-benchmark -r).")
    var operations = 1_000_000

    @Option(name: .long, help: "Only run the cases whose name contains this text (case-insensitive).")
    var only: String?

    func run() throws {
        #if DEBUG
        print("warning: this is a debug build; figures are not representative (use make bench)")
        #endif
        let benchmark = EngineBenchmark(operations: operations)
        var results: [EngineBenchmark.Result] = []
        for benchCase in benchmark.allCases() {
            if let only, !benchCase.name.lowercased().contains(only.lowercased()) { continue }
            results.append(benchmark.run(benchCase.build()))
        }
        print(BenchReport.render(results))
    }
}
