import Foundation

/// Runs one case of `cachelab bench` in a process of its own.
///
/// Why. Each case builds a million argument vectors and an engine holding a million keys or
/// elements, then frees them all. Run one after another in one process, a case inherits the
/// allocator's state of the cases before it: its argument vectors land scattered through
/// the holes they left instead of side by side, and every command's arguments cost the
/// harness a cache miss that a server, parsing them fresh from its socket buffer, never pays.
/// ZRANGE 0 99 measured 1.7-1.9M ops/CPU-s after the other cases and 2.2-2.5M alone. A fresh
/// process per case measures every command the same way, whatever ran before it.
///
/// The child is this same executable, told to run the one case (`--only NAME`, an exact name)
/// and to print its result as one marked line, which the parent reads back.
enum CaseProcess {
    static let marker = "cachelab-bench-result"

    /// The line a child prints for its result: the marker and the fields, tab-separated.
    static func line(for result: EngineBenchmark.Result) -> String {
        [marker, result.name, "\(result.operations)", "\(result.seconds)", "\(result.cpuSeconds)", result.note]
            .joined(separator: "\t")
    }

    /// The result in a child's output, or nil when it printed none.
    static func result(in output: String) -> EngineBenchmark.Result? {
        for line in output.split(separator: "\n") where line.hasPrefix(marker + "\t") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 6, let operations = Int(fields[2]), let seconds = Double(fields[3]),
                  let cpuSeconds = Double(fields[4]) else { return nil }
            return EngineBenchmark.Result(name: fields[1], operations: operations, seconds: seconds,
                                          cpuSeconds: cpuSeconds, note: fields[5])
        }
        return nil
    }

    struct ChildFailed: Error, CustomStringConvertible {
        let caseName: String
        let output: String
        var description: String { "bench case '\(caseName)' gave no result; its output:\n\(output)" }
    }

    /// Runs the case called `name` in a child process and returns its result.
    static func run(caseNamed name: String, operations: Int, runs: Int) throws -> EngineBenchmark.Result {
        let child = Process()
        child.executableURL = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        child.arguments = ["bench", "--only", name, "--operations", "\(operations)", "--repeat", "\(runs)", "--child-case"]
        let output = Pipe()
        child.standardOutput = output
        try child.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        child.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard child.terminationStatus == 0, let result = result(in: text) else {
            throw ChildFailed(caseName: name, output: text)
        }
        return result
    }
}
