import CacheLabEngine

/// redis-cli's `N command` prefix: `3 incr counter` runs INCR three times.
///
/// The first argument counts as a repeat count when there is a command after it and the
/// whole argument is a base-10 number as C's `strtol` reads one (leading blanks and a sign
/// allowed). A count that is zero, negative or out of range is refused with redis-cli's
/// message rather than run as a command. `strtol` reads a C string, so the argument ends at
/// its first NUL byte: `"3\x00x" ping` repeats PING three times, and `"\x00" ping`, like
/// `"" ping`, is a count that converts to nothing and is refused.
public enum RepeatPrefix: Equatable, Sendable {
    /// No prefix: run the line once.
    case none
    /// Run the arguments after the first `count` times.
    case repeated(count: Int)
    /// A prefix that is a number but not a usable count.
    case invalid

    public static let invalidMessage = "Invalid redis-cli repeat command option value.\n"

    public static func parse(_ argv: [Bytes]) -> RepeatPrefix {
        guard argv.count > 1 else { return .none }
        return argv[0].withUnsafeBytes { whole -> RepeatPrefix in
            let raw = UnsafeRawBufferPointer(rebasing: whole[..<(whole.firstIndex(of: 0) ?? whole.count)])
            var i = 0
            while i < raw.count && Tokenizer.isCSpace(raw[i]) { i += 1 }
            var negative = false
            if i < raw.count && (raw[i] == UInt8(ascii: "+") || raw[i] == UInt8(ascii: "-")) {
                negative = raw[i] == UInt8(ascii: "-")
                i += 1
            }
            let digitsStart = i
            var value: Int64 = 0
            var overflow = false
            while i < raw.count && raw[i] >= UInt8(ascii: "0") && raw[i] <= UInt8(ascii: "9") {
                let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(Int64(raw[i] - UInt8(ascii: "0")))
                if o1 || o2 { overflow = true } else { value = sum }
                i += 1
            }
            // strtol stops at the first non-digit; only a fully numeric argument is a count.
            // With no digits at all strtol converts nothing and its end pointer is the start.
            if digitsStart == i {
                return raw.isEmpty ? .invalid : .none
            }
            guard i == raw.count else { return .none }
            if overflow || negative || value == 0 { return .invalid }
            return .repeated(count: Int(value))
        }
    }
}
