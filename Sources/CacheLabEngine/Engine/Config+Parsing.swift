import Foundation

/// Why CONFIG SET refused a value: the text Redis puts after
/// `CONFIG SET failed (possibly related to argument 'x') - `.
public struct ConfigValueError: Error, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

/// Checking a new value against its parameter's kind, and writing it the way CONFIG GET
/// shows it afterwards (`YES` becomes `yes`, `1kb` becomes `1024`, `KEA` becomes `AKE`).
extension ConfigParameter {
    /// The value as CONFIG GET will show it once set, or why it is refused. `current` is the
    /// present value, for parameters whose new value only changes part of it.
    public func normalize(_ value: Bytes, current: Bytes) throws(ConfigValueError) -> Bytes {
        switch kind {
        case .bool:
            if value.equalsIgnoringCase("yes") { return "yes" }
            if value.equalsIgnoringCase("no") { return "no" }
            throw ConfigValueError("argument must be 'yes' or 'no'")
        case .integer(let min, let max):
            guard var number = value.int64Value else {
                throw ConfigValueError("argument couldn't be parsed into an integer")
            }
            try Self.check(number, min, max)
            // Redis keeps the configured hz within 1...500 (CONFIG_MIN_HZ, CONFIG_MAX_HZ).
            if binding == .hz { number = Swift.min(Swift.max(number, 1), 500) }
            return Bytes(integer: number)
        case .memory(let min, let max):
            guard let bytes = ConfigSyntax.memory(value) else { throw ConfigValueError("argument must be a memory value") }
            // A count above 2^63-1 is negative to Redis's signed configs and too big for its
            // unsigned ones: either way it is out of bounds.
            guard bytes <= UInt64(max), bytes >= UInt64(Swift.max(min, 0)) else { throw Self.boundsError(min, max) }
            // Redis never keeps a replication backlog under 16 kB (CONFIG_REPL_BACKLOG_MIN_SIZE).
            if name == "repl-backlog-size" { return Bytes(String(Swift.max(bytes, 16 * 1024))) }
            return Bytes(String(bytes))
        case .unsignedMemory:
            guard let bytes = ConfigSyntax.memory(value) else { throw ConfigValueError("argument must be a memory value") }
            return Bytes(String(bytes))
        case .memoryOrPercent(let maxPercent):
            return try Self.memoryOrPercent(value, maxPercent: maxPercent)
        case .enumeration(let words):
            for word in words {
                let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
                if value.equalsIgnoringCase(parts[0]) { return Bytes(parts.last!) }
            }
            throw Self.enumerationError(words.map { String($0.prefix { $0 != "=" }) })
        case .flagSet(let options):
            return try Self.flagSet(value, options)
        case .string:
            return value
        case .special(let special):
            return try special.normalize(value, current: current)
        }
    }

    static func check(_ number: Int64, _ min: Int64, _ max: Int64) throws(ConfigValueError) {
        guard number >= min, number <= max else { throw boundsError(min, max) }
    }

    static func boundsError(_ min: Int64, _ max: Int64) -> ConfigValueError {
        ConfigValueError("argument must be between \(min) and \(max) inclusive")
    }

    static func enumerationError(_ names: [String]) -> ConfigValueError {
        ConfigValueError("argument(s) must be one of the following: " + names.joined(separator: ", "))
    }

    /// maxmemory-clients: bytes, or a percentage of maxmemory (kept as a negative number by
    /// Redis, which is why a huge byte count wraps around to read `1%`).
    static func memoryOrPercent(_ value: Bytes, maxPercent: Int64) throws(ConfigValueError) -> Bytes {
        var number: Int64
        if let bytes = ConfigSyntax.memory(value) {
            number = Int64(bitPattern: bytes)
        } else if value.count > 1, value[value.count - 1] == UInt8(ascii: "%"),
                  let percent = value[0..<(value.count - 1)].int64Value, percent >= 0 {
            number = -percent
        } else {
            throw ConfigValueError("argument must be a memory or percent value")
        }
        if number < 0 {
            guard number >= -maxPercent else {
                throw ConfigValueError("percentage argument must be less or equal to \(maxPercent)")
            }
            return Bytes("\(-number)%")
        }
        return Bytes(integer: number)
    }

    /// shutdown-on-sigint and friends: words of a list, combined.
    static func flagSet(_ value: Bytes, _ options: [(name: String, bit: Int)]) throws(ConfigValueError) -> Bytes {
        let words = ConfigSyntax.split(value)
        guard !words.isEmpty else { throw enumerationError(options.map(\.name)) }
        var bits = 0
        for word in words {
            guard let option = options.first(where: { word.equalsIgnoringCase($0.name) }) else {
                throw enumerationError(options.map(\.name))
            }
            bits |= option.bit
        }
        let save = options.first { $0.name == "save" }?.bit ?? 0
        let nosave = options.first { $0.name == "nosave" }?.bit ?? 0
        if save != 0, bits & save != 0, bits & nosave != 0 {
            throw ConfigValueError("shutdown options SAVE and NOSAVE can't be used simultaneously")
        }
        if bits == 0 { return Bytes(options.first { $0.bit == 0 }?.name ?? "") }
        let names = options.filter { $0.bit != 0 && bits & $0.bit == $0.bit }.map(\.name)
        return Bytes(names.joined(separator: " "))
    }
}

/// The low-level syntax Redis uses for configuration values.
enum ConfigSyntax {
    /// A byte count as Redis's `memtoull` reads it: digits followed by an optional unit, any
    /// case: b (1), k (1000), kb (1024), m, mb, g, gb. Nothing else is allowed: no sign, no
    /// spaces, no fraction. Like Redis, an empty count reads 0, a count too large for 64 bits
    /// saturates, and the unit multiplication wraps around.
    static func memory(_ value: Bytes) -> UInt64? {
        let text = cString(value)
        var digitsEnd = 0
        while digitsEnd < text.count, text[digitsEnd] >= 48, text[digitsEnd] <= 57 { digitsEnd += 1 }
        let unit = Bytes(text[digitsEnd...])
        let multiplier: UInt64
        if unit.isEmpty || unit.equalsIgnoringCase("b") {
            multiplier = 1
        } else if unit.equalsIgnoringCase("k") {
            multiplier = 1000
        } else if unit.equalsIgnoringCase("kb") {
            multiplier = 1024
        } else if unit.equalsIgnoringCase("m") {
            multiplier = 1_000_000
        } else if unit.equalsIgnoringCase("mb") {
            multiplier = 1024 * 1024
        } else if unit.equalsIgnoringCase("g") {
            multiplier = 1_000_000_000
        } else if unit.equalsIgnoringCase("gb") {
            multiplier = 1024 * 1024 * 1024
        } else {
            return nil
        }
        guard digitsEnd < 128 else { return nil }
        var number: UInt64 = 0
        for digit in text[0..<digitsEnd] {
            let (times10, overflow1) = number.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit - 48))
            if overflow1 || overflow2 { number = .max; break }
            number = sum
        }
        return number &* multiplier
    }

    /// A value split on single spaces, as Redis splits multi-argument parameters: an empty
    /// value has no words, and two spaces in a row make an empty word.
    static func split(_ value: Bytes) -> [Bytes] {
        guard !value.isEmpty else { return [] }
        return value.array.split(separator: 32, omittingEmptySubsequences: false).map { Bytes($0) }
    }

    /// The bytes up to the first NUL: what Redis's C-string parsers see.
    static func cString(_ value: Bytes) -> [UInt8] {
        let bytes = value.array
        if let nul = bytes.firstIndex(of: 0) { return Array(bytes[..<nul]) }
        return bytes
    }

    /// C's `strtoll(s, &end, 10)`, and whether it consumed the whole string (Redis's `*end == '\0'`
    /// check): leading white space and a sign are allowed, an empty string reads 0, overflow
    /// saturates.
    static func strtoll(_ value: Bytes) -> (value: Int64, complete: Bool) {
        var text = cString(value).map { CChar(bitPattern: $0) }
        text.append(0)
        return text.withUnsafeMutableBufferPointer { buffer in
            var end: UnsafeMutablePointer<CChar>? = nil
            let number = Foundation.strtoll(buffer.baseAddress!, &end, 10)
            return (Int64(number), end?.pointee == 0)
        }
    }

    /// Redis's `string2d`: strtod over the whole text, no leading space, no NaN, no overflow
    /// to infinity from a finite-looking number or underflow to zero.
    static func string2d(_ value: Bytes) -> Double? {
        guard !value.isEmpty, !isSpace(value[0]) else { return nil }
        var text = value.array.map { CChar(bitPattern: $0) }
        text.append(0)
        return text.withUnsafeMutableBufferPointer { buffer -> Double? in
            var end: UnsafeMutablePointer<CChar>? = nil
            errno = 0
            let number = strtod(buffer.baseAddress!, &end)
            guard let end, end - buffer.baseAddress! == value.count else { return nil }
            if errno == ERANGE && (number.isInfinite || number == 0) { return nil }
            if number.isNaN { return nil }
            return number
        }
    }

    /// `%f` without trailing zeros (Redis's `trimDoubleString`): 99.9, 50, 1.234568.
    static func trimmedDouble(_ number: Double) -> String {
        var text = String(format: "%f", number)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
