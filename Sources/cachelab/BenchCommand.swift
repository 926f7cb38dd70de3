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

    @Option(name: .long, help: "Only run the case of this name, or when none has exactly this name, the cases whose name contains it (case-insensitive).")
    var only: String?

    @Option(name: .customLong("repeat"),
            help: "Runs of each measurement (here and in the subcommands), each on fresh engines; the fastest is shown (a busy machine adds noise).")
    var runs = 3

    @Flag(name: .customLong("child-case"), help: .hidden)
    var isChildCase = false

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--repeat must be at least 1") }
    }

    func run() throws {
        #if DEBUG
        print("warning: this is a debug build; figures are not representative (use make bench)")
        #endif
        let benchmark = EngineBenchmark(operations: operations)
        let cases = benchmark.allCases()
        let selected = cases.filter { Self.selects(only, $0.name, among: cases.map(\.name)) }
        var results: [EngineBenchmark.Result] = []
        if selected.count == 1 {
            // One case: here, in this process (a child runs its case this way).
            let built = selected[0].build()
            results.append((0..<runs).map { _ in benchmark.run(built) }.min { $0.cpuSeconds < $1.cpuSeconds }!)
        } else {
            // Several: each in a fresh process (see `CaseProcess`).
            for benchCase in selected {
                results.append(try CaseProcess.run(caseNamed: benchCase.name, operations: operations, runs: runs))
            }
        }
        if isChildCase {
            results.forEach { print(CaseProcess.line(for: $0)) }
            return
        }
        print(BenchReport.render(results))
        print("Each figure is the fastest of \(runs) run\(runs == 1 ? "" : "s") of its case, each on a fresh engine (--repeat)"
              + (selected.count > 1 ? ",\neach case in a process of its own." : "."))
    }

    /// Whether `--only text` runs the case `name`: an exact name (any case) picks that case
    /// alone (`--only GET` is not also `GET -P 64`); otherwise every name containing the text.
    static func selects(_ text: String?, _ name: String, among names: [String]) -> Bool {
        guard let text = text?.lowercased() else { return true }
        if names.contains(where: { $0.lowercased() == text }) { return name.lowercased() == text }
        return name.lowercased().contains(text)
    }
}
