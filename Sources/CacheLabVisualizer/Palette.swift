/// How the visualizer paints: ANSI colours on a terminal, distinct plain characters otherwise.
///
/// The visualizer never looks at the terminal itself (it does no I/O). The caller decides:
/// colour on for a TTY, off with `NO_COLOR`, `--no-color` or a pipe, and passes `useColor`.
/// Every picture must stay readable without colour, so each role also has its own character.
public struct Palette: Sendable, Equatable {
    public let useColor: Bool

    public init(useColor: Bool) {
        self.useColor = useColor
    }

    /// The colours the pictures use (xterm 256-colour codes where the 16 basic ones are too coarse).
    public enum Tint: Sendable {
        case lightGrey, grey, green, red, yellow, cyan, magenta, blue, bold, dim

        var sgr: String {
            switch self {
            case .lightGrey: return "38;5;250"
            case .grey: return "38;5;240"
            case .green: return "32"
            case .red: return "31"
            case .yellow: return "33"
            case .cyan: return "36"
            case .magenta: return "35"
            case .blue: return "34"
            case .bold: return "1"
            case .dim: return "2"
            }
        }
    }

    /// `text` in `tint` when colour is on; unchanged otherwise.
    public func paint(_ text: String, _ tint: Tint) -> String {
        guard useColor, !text.isEmpty else { return text }
        return "\u{1b}[\(tint.sgr)m\(text)\u{1b}[0m"
    }

    /// The caller's usual rule: colour when writing to a terminal, unless the user said no
    /// (`--no-color`, or a non-empty `NO_COLOR` variable, see no-color.org).
    public static func shouldUseColor(isTerminal: Bool, noColorFlag: Bool, environment: [String: String]) -> Bool {
        if noColorFlag { return false }
        if let value = environment["NO_COLOR"], !value.isEmpty { return false }
        return isTerminal
    }
}

/// Text helpers shared by the pictures (monospaced, one column per character).
enum Text {
    /// `s` padded with spaces, or cut, to exactly `width` columns.
    static func fit(_ s: String, _ width: Int) -> String {
        if s.count >= width { return String(s.prefix(width)) }
        return s + String(repeating: " ", count: width - s.count)
    }

    /// `s` right-aligned in `width` columns.
    static func right(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }

    /// A number with `digits` decimals (no Foundation formatting, so output is the same everywhere).
    static func fixed(_ x: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let negative = x < 0
        let n = Int((abs(x) * scale).rounded())
        let whole = n / Int(scale)
        var result = (negative && n != 0 ? "-" : "") + String(whole)
        if digits > 0 {
            let frac = String(n % Int(scale))
            result += "." + String(repeating: "0", count: digits - frac.count) + frac
        }
        return result
    }

    /// Milliseconds as a short human duration: 850ms, 12.3s, 4.0m, 2.5h, 3.1d.
    static func duration(milliseconds ms: UInt64) -> String {
        let m = Double(ms)
        if ms < 1000 { return "\(ms)ms" }
        if m < 60_000 { return fixed(m / 1000, 1) + "s" }
        if m < 3_600_000 { return fixed(m / 60_000, 1) + "m" }
        if m < 86_400_000 { return fixed(m / 3_600_000, 1) + "h" }
        return fixed(m / 86_400_000, 1) + "d"
    }

    /// A key for display: printable ASCII kept, the rest escaped, cut to `width`.
    static func key(_ bytes: [UInt8], width: Int) -> String {
        var s = ""
        for b in bytes {
            if b >= 0x20 && b < 0x7f { s.append(Character(UnicodeScalar(b))) } else { s += "\\x" + hex(b) }
            if s.count > width { break }
        }
        if s.count > width { s = String(s.prefix(width - 1)) + "~" }
        return s
    }

    private static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
    }
}
