import Foundation

/// Prints benchmark results as a table a student can read and a note can quote.
enum BenchReport {
    static func render(_ results: [EngineBenchmark.Result]) -> String {
        var lines = [pad("command", 24) + pad("ops", 10, left: true) + pad("wall s", 9, left: true)
            + pad("ops/s", 12, left: true) + pad("cpu s", 9, left: true) + pad("ops/cpu-s", 12, left: true) + "  note"]
        for r in results {
            lines.append(pad(r.name, 24) + pad(String(r.operations), 10, left: true)
                + pad(String(format: "%.3f", r.seconds), 9, left: true)
                + pad(String(format: "%.0f", r.opsPerSecond), 12, left: true)
                + pad(String(format: "%.3f", r.cpuSeconds), 9, left: true)
                + pad(String(format: "%.0f", r.opsPerCPUSecond), 12, left: true) + "  " + r.note)
        }
        return lines.joined(separator: "\n")
    }

    private static func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        let gap = String(repeating: " ", count: max(0, width - text.count))
        return left ? gap + text : text + gap
    }
}
