/// The hit-ratio chart: one marker per algorithm and cache size, on a grid that fits 80
/// columns, then the legend, the table of numbers and how each cache was sized. The x axis
/// is linear in cache size; each point sits at the number of keys its cache really held
/// (the requested size, except for memcached, which holds whole 1 MB pages of items).
///
///      75% ┤                                          E X
///          │                        E X 5         5 3
///          │            E X 5 3                 F
///      ...
///          └──────────┬───────────────┬──────────────────
///                    500            1000             2000   cache size (keys)
///
/// The y axis spans the measured range, rounded out to whole 5%, so small differences
/// between algorithms stay visible. Where two markers fall on the same cell, the series listed
/// first in the legend wins (exact LRU is drawn on top).
public struct HitRateChart {
    public let palette: Palette
    public var height = 16
    static let plotWidth = 64

    public init(palette: Palette) {
        self.palette = palette
    }

    static let tints: [Palette.Tint] = [.bold, .cyan, .blue, .green, .magenta, .yellow, .red]

    public func render(_ result: HitRateExperiment.Result) -> String {
        var out = "hit ratio vs cache size — \(result.title)\n\n"
        let all = result.ratios.flatMap { $0 }
        guard !all.isEmpty, !result.sizes.isEmpty else { return out + "(no data)\n" }
        let low = (all.min()! * 20).rounded(.down) / 20
        var high = (all.max()! * 20).rounded(.up) / 20
        if high <= low { high = low + 0.05 }
        let columns = Self.plotWidth
        // Points sit at the number of keys each cache really held (memcached holds whole
        // pages), so the x range covers those as well as the requested sizes.
        let xs = result.sizes + result.capacities.flatMap { $0 }
        let smallest = xs.min()!, largest = xs.max()!
        func column(_ value: Int) -> Int {
            guard largest > smallest else { return columns / 2 }
            return 1 + (value - smallest) * (columns - 3) / (largest - smallest)
        }
        func row(_ ratio: Double) -> Int {
            Int(((ratio - low) / (high - low) * Double(height - 1)).rounded())
        }
        var grid = Array(repeating: Array(repeating: " ", count: columns), count: height)
        for s in result.series.indices.reversed() {
            let series = result.series[s]
            for (i, ratio) in result.ratios[s].enumerated() {
                let r = height - 1 - row(ratio)
                grid[r][column(result.capacities[s][i])] = palette.paint(String(series.marker), Self.tints[s % Self.tints.count])
            }
        }
        for r in 0..<height {
            let value = high - Double(r) / Double(height - 1) * (high - low)
            let label = (r == 0 || r == height - 1 || r == height / 2) ? Text.right(Text.fixed(value * 100, 0) + "%", 5) + " ┤" : "      │"
            out += (palette.useColor ? label : label.replacingOccurrences("┤", "+").replacingOccurrences("│", "|"))
            out += grid[r].joined().trimmedRight + "\n"
        }
        var axis = Array(repeating: palette.useColor ? "─" : "-", count: columns)
        var labels = Array(repeating: Character(" "), count: columns + 8)
        for size in result.sizes {
            let c = column(size)
            axis[c] = palette.useColor ? "┬" : "+"
            let text = Array(String(size))
            let start = max(0, min(labels.count - text.count, c - text.count / 2))
            if labels[start..<(start + text.count)].allSatisfy({ $0 == " " }) && (start == 0 || labels[start - 1] == " ") {
                for (j, ch) in text.enumerated() { labels[start + j] = ch }
            }
        }
        out += (palette.useColor ? "      └" : "      +") + axis.joined() + "\n"
        out += "       " + String(labels).trimmedRight + "\n"
        out += "       cache size (keys)\n\n"
        out += legend(result) + "\n" + table(result)
        if !result.sizing.isEmpty {
            out += "\nhow each cache was sized for N keys:\n" + result.sizing.map { "  " + $0 + "\n" }.joined()
        }
        return out
    }

    private func legend(_ result: HitRateExperiment.Result) -> String {
        var out = ""
        var line = ""
        for (s, series) in result.series.enumerated() {
            let item = palette.paint(String(series.marker), Self.tints[s % Self.tints.count]) + " " + series.name
            let visible = 2 + series.name.count
            if line.count > 0 && lineWidth(line) + visible + 3 > 78 {
                out += line + "\n"
                line = ""
            }
            line += (line.isEmpty ? "  " : "   ") + item
        }
        return out + line + "\n"
    }

    /// Columns of `s` without its colour escapes.
    private func lineWidth(_ s: String) -> Int {
        var width = 0
        var escaping = false
        for ch in s {
            if escaping { if ch == "m" { escaping = false }; continue }
            if ch == "\u{1b}" { escaping = true; continue }
            width += 1
        }
        return width
    }

    /// The numbers: one row per series, one column per size, hit ratio in percent.
    public func table(_ result: HitRateExperiment.Result) -> String {
        let nameWidth = max(22, (result.series.map(\.name.count).max() ?? 0) + 2)
        let cell = max(7, (result.sizes.map { String($0).count }.max() ?? 0) + 2)
        var out = Text.fit("hit %  (size in keys)", nameWidth)
        for size in result.sizes { out += Text.right(String(size), cell) }
        out += "\n"
        for (s, series) in result.series.enumerated() {
            out += Text.fit(String(series.marker) + " " + series.name, nameWidth)
            for ratio in result.ratios[s] { out += Text.right(Text.fixed(ratio * 100, 1), cell) }
            out += "\n"
            if result.capacities[s] != result.sizes {
                out += Text.fit("  keys it held", nameWidth)
                for held in result.capacities[s] { out += Text.right(String(held), cell) }
                out += "\n"
            }
        }
        return out
    }
}

extension String {
    /// Every occurrence of `target` replaced (no Foundation).
    func replacingOccurrences(_ target: Character, _ replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
