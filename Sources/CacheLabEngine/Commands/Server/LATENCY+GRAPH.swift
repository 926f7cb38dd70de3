/// LATENCY GRAPH event: the event's recorded latency spikes as an ASCII chart, oldest on the
/// left, one column per sample (a sample is the worst latency of one second).
///
///     command - high 20 ms, low 10 ms (all time high 20 ms)
///     --------------------------------------------------------------------------------
///     #              the bars, 4 rows high: each row is split in thirds, drawn _ o #
///     |              from the bottom of the row up; a bar that passes a row fills it
///     |              with |
///     |_
///                    one blank row, then each sample's age written downwards:
///     10             "1s" and "0s" ago (s, m, h or d: seconds, minutes, hours, days)
///     ss
///
/// A bar's height is its latency's place between the lowest and the highest sample shown:
/// 12 steps in all, the lowest sample on step 0 (a `_` in the bottom row), the highest on
/// step 11. Charts wrap every 80 samples, a blank line between them. With no sample the
/// event is an error, as in Redis.
extension ServerCommands {
    static func latencyGraph(_ c: CommandContext) throws(Reply) -> Reply {
        let event = c[2]
        guard let series = c.engine.latencyMonitor.series(of: event.string), !series.samples.isEmpty else {
            throw Reply.error("ERR No samples available for event '\(event.sanitizedForError(limit: event.count))'")
        }
        let graph = LatencyGraph(event: event.string, series: series, now: c.engine.commandTime / 1000)
        return .verbatim(format: "txt", text: Bytes(graph.text))
    }
}

/// The chart of `ServerCommands.latencyGraph`.
struct LatencyGraph {
    static let columns = 80
    static let rows = 4
    /// A row's thirds, bottom to top.
    static let thirds: [Character] = ["_", "o", "#"]

    let event: String
    let series: LatencyMonitor.Series
    /// Unix seconds, to write each sample's age.
    let now: Int64

    var text: String {
        let values = series.samples.map(\.milliseconds)
        let low = values.min() ?? 0, high = values.max() ?? 0
        var out = "\(event) - high \(high) ms, low \(low) ms (all time high \(series.maximum) ms)\n"
        out += String(repeating: "-", count: Self.columns) + "\n"
        let heights = values.map { Self.height(of: $0, low: low, high: high) }
        let labels = series.samples.map { Self.age(seconds: now - $0.time) }
        var start = 0
        while start < values.count {
            if start > 0 { out += "\n" }
            let end = min(start + Self.columns, values.count)
            out += Self.chart(heights[start..<end], labels[start..<end])
            start = end
        }
        return out
    }

    /// The step, 0 to 11, of `value` between `low` and `high`: the scaled value is cut to a
    /// whole number before it is divided, as Redis computes it.
    static func height(of value: Int64, low: Int64, high: Int64) -> Int {
        let steps = rows * thirds.count
        let span = high == low ? 1.0 : Double(high - low)
        let scaled = Double(Int(Double(value - low) * Double(steps)))
        return min(max(Int(scaled / span), 0), steps - 1)
    }

    /// How long ago, in the largest unit that fits: 59s, 59m, 23h, then days.
    static func age(seconds: Int64) -> String {
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m" }
        if seconds < 86_400 { return "\(seconds / 3600)h" }
        return "\(seconds / 86_400)d"
    }

    /// The bar rows, top first, then a blank row and the labels written downwards.
    static func chart(_ heights: ArraySlice<Int>, _ labels: ArraySlice<String>) -> String {
        var out = ""
        for row in 0..<rows {
            let floor = (rows - 1 - row) * thirds.count
            out += String(heights.map { height -> Character in
                let third = height - floor
                return third < 0 ? " " : third < thirds.count ? thirds[third] : "|"
            }) + "\n"
        }
        out += String(repeating: " ", count: heights.count) + "\n"
        let letters = labels.map(Array.init)
        var line = 0
        while letters.contains(where: { $0.count > line }) {
            out += String(letters.map { $0.count > line ? $0[line] : " " }) + "\n"
            line += 1
        }
        return out
    }
}
