import ArgumentParser
import CacheLabEngine
import Foundation

/// `cachelab bench persistence`: SAVE and the load at start-up, beside real redis-server.
struct BenchPersistenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "persistence",
        abstract: "SAVE and start-up load of 1M small keys and of 1M-element collections, beside real redis-server."
    )

    @Option(name: .long, help: "Keys, or elements of each collection.")
    var elements = 1_000_000

    @Option(name: .long, help: "Only these datasets, comma-separated: keys, list, hash, set, zset.")
    var data: String?

    /// Its `--repeat`: runs of each SAVE and load.
    @ParentCommand var parent: BenchCommand

    @Option(name: .long, help: "Folder for the dumps (a temporary one by default; emptied afterwards).")
    var dir: String?

    @Flag(name: .long, help: "Do not start a real redis-server.")
    var noRedis = false

    func run() throws {
        #if DEBUG
        print("warning: this is a debug build; figures are not representative (use make bench)")
        #endif
        let datasets = try data.map { list in
            try list.split(separator: ",").map { name -> PersistenceBenchmark.Dataset in
                guard let d = PersistenceBenchmark.Dataset(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else {
                    throw ValidationError("unknown dataset '\(name)': use keys, list, hash, set, zset")
                }
                return d
            }
        } ?? PersistenceBenchmark.Dataset.allCases
        let root = dir ?? FileManager.default.temporaryDirectory.appendingPathComponent("cachelab-bench-\(getpid())").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { if dir == nil { try? FileManager.default.removeItem(atPath: root) } }
        let redis = noRedis ? nil : RealRedis.find()?.executable
        if !noRedis && redis == nil { print("redis-server not found on the PATH: CacheLab's figures only") }
        let bench = PersistenceBenchmark(elements: elements, redisExecutable: redis, root: root, repeats: parent.runs)
        let onTerminal = isatty(STDERR_FILENO) == 1
        var rows: [PersistenceBenchmark.Row] = []
        for dataset in datasets {
            if onTerminal { FileHandle.standardError.write(Data("\r\u{1b}[K\(dataset.title(elements))…".utf8)) }
            rows.append(try bench.run(dataset))
        }
        if onTerminal { FileHandle.standardError.write(Data("\r\u{1b}[K".utf8)) }
        print(PersistenceBenchmark.render(rows, elements: elements))
    }
}
