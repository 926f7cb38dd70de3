#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CacheLabEngine

extension ColonCommand {
    /// `:clock` shows the engine's time; `:clock +90s` moves it, so TTLs run out without
    /// waiting: the engine reads only its own clock.
    public static let clock = ColonCommand(
        name: "clock", usage: ":clock [+90s]",
        summary: "show the engine clock, or move it (ms, s, m, h, d; - goes back)"
    ) { arguments, repl in
        let clock = repl.engine.clock
        if let first = arguments.first {
            guard arguments.count == 1, let delta = ClockShift.parse(first) else {
                return .failure("usage: :clock [+N|-N][ms|s|m|h|d], e.g. :clock +90s\n")
            }
            clock.advance(byMilliseconds: delta)
        }
        return .output(ClockShift.describe(clock) + "\n")
    }
}

/// Parsing and printing the amounts `:clock` works with.
public enum ClockShift {
    /// Milliseconds per unit.
    static let units: [(suffix: String, milliseconds: Int64)] = [
        ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000),
    ]

    /// `+90s` → 90000, `-5m` → -300000, `250ms` → 250; nil for anything else. A unit is
    /// required so that `:clock 90` cannot mean seconds to one user and milliseconds to another.
    public static func parse(_ text: String) -> Int64? {
        var rest = Substring(text.lowercased())
        var sign: Int64 = 1
        if rest.first == "+" {
            rest = rest.dropFirst()
        } else if rest.first == "-" {
            sign = -1
            rest = rest.dropFirst()
        }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        let suffix = rest.dropFirst(digits.count)
        guard !digits.isEmpty, let amount = Int64(digits),
              let unit = units.first(where: { $0.suffix == suffix }) else { return nil }
        let (product, overflow) = amount.multipliedReportingOverflow(by: unit.milliseconds)
        return overflow ? nil : sign * product
    }

    /// `90000` → `1m30s`; the largest units first, down to milliseconds.
    public static func format(milliseconds: Int64) -> String {
        if milliseconds == 0 { return "0s" }
        var rest = milliseconds.magnitude
        var text = milliseconds < 0 ? "-" : ""
        for (suffix, size) in units.reversed() where rest >= UInt64(size) {
            text += "\(rest / UInt64(size))\(suffix)"
            rest %= UInt64(size)
        }
        return text
    }

    /// A date-time with milliseconds: `2025-01-31 12:00:00.250 UTC`, in local time unless `utc`.
    public static func dateTime(milliseconds: Int64, utc: Bool = false) -> String {
        var seconds = time_t(milliseconds.floorDividedBy(1000))
        let millis = milliseconds - Int64(seconds) * 1000
        var parts = tm()
        if utc { gmtime_r(&seconds, &parts) } else { localtime_r(&seconds, &parts) }
        var buffer = [CChar](repeating: 0, count: 64)
        let length = strftime(&buffer, buffer.count, "%Y-%m-%d %H:%M:%S", &parts)
        let base = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var zone = [CChar](repeating: 0, count: 16)
        let zoneLength = utc ? 0 : strftime(&zone, zone.count, "%Z", &parts)
        let zoneName = utc ? "UTC" : String(decoding: zone[0..<zoneLength].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let fraction = String(millis + 1000).dropFirst()
        return "\(base).\(fraction) \(zoneName)"
    }

    /// What `:clock` prints: the time, unix milliseconds, and how far it was moved.
    public static func describe(_ clock: Clock, utc: Bool = false) -> String {
        let now = clock.nowMilliseconds
        var text = "\(dateTime(milliseconds: now, utc: utc)) (unix ms \(now))"
        switch clock.source {
        case .manual:
            text += ", manual clock"
        case .system:
            let offset = clock.offsetMicros / 1000
            if offset != 0 {
                text += ", \(offset > 0 ? "+" : "")\(format(milliseconds: offset)) from the system clock"
            }
        }
        return text
    }
}

extension Int64 {
    /// Division rounding towards minus infinity (times before 1970 stay in the right second).
    func floorDividedBy(_ divisor: Int64) -> Int64 {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}
