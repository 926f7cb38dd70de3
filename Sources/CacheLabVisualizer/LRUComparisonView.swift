/// Draws the four panels of the LRU comparison two by two in 80 columns: one character per
/// key, row by row, old keys in access order then the new keys.
///
///   colour        no colour   meaning
///   light grey ●      .       an old key that was evicted
///   grey ●            o       an old key that was kept
///   green ●           +       a new key (kept)
///   green ○           x       a new key that was evicted (a bad decision)
///
/// Under exact LRU the picture is three clean bands; the more the light and dark grey
/// interleave, the further the algorithm is from LRU, as the error score in each title says.
public struct LRUComparisonView {
    public let palette: Palette
    public static let panelWidth = 38
    static let gap = "    "

    public init(palette: Palette) {
        self.palette = palette
    }

    public func render(_ panels: [LRUComparison.Panel], keys: Int, seed: UInt64) -> String {
        var out = "LRU comparison: \(keys) keys filled, all read in order, 50% more added "
        out += "(allkeys-lru, 1 ms LRU clock, seed \(seed))\n\n"
        var index = 0
        while index < panels.count {
            let left = lines(panels[index])
            let right = index + 1 < panels.count ? lines(panels[index + 1]) : []
            for row in 0..<max(left.count, right.count) {
                let l = row < left.count ? left[row] : (text: "", width: 0)
                var line = l.text
                if row < right.count {
                    line += String(repeating: " ", count: Self.panelWidth - l.width) + Self.gap + right[row].text
                }
                out += line + "\n"
            }
            out += "\n"
            index += 2
        }
        out += legend()
        return out
    }

    /// A panel as lines, each with its visible width (colour escapes excluded).
    func lines(_ panel: LRUComparison.Panel) -> [(text: String, width: Int)] {
        let title = Text.fit("\(panel.title): error \(Text.fixed(panel.errorPercent, 1))%", Self.panelWidth).trimmedRight
        var result = [(text: palette.paint(title, .bold), width: title.count)]
        var start = 0
        while start < panel.states.count {
            let row = panel.states[start..<min(panel.states.count, start + Self.panelWidth)]
            result.append((text: row.map(glyph).joined(), width: row.count))
            start += Self.panelWidth
        }
        return result
    }

    func glyph(_ state: LRUComparison.KeyState) -> String {
        if !palette.useColor {
            switch state {
            case .oldEvicted: return "."
            case .oldKept: return "o"
            case .newKept: return "+"
            case .newEvicted: return "x"
            }
        }
        switch state {
        case .oldEvicted: return palette.paint("●", .lightGrey)
        case .oldKept: return palette.paint("●", .grey)
        case .newKept: return palette.paint("●", .green)
        case .newEvicted: return palette.paint("○", .green)
        }
    }

    func legend() -> String {
        var out = "  \(glyph(.oldEvicted)) old key evicted   \(glyph(.oldKept)) old key kept   "
        out += "\(glyph(.newKept)) new key   \(glyph(.newEvicted)) new key evicted\n"
        out += "  error: 0% = exact LRU, 100% = evicting the most recently used keys; each wrong\n"
        out += "  decision weighs its distance from the exact-LRU boundary (see ErrorScore).\n"
        return out
    }
}
