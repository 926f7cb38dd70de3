import Foundation

// Numbers inside byte strings, parsed and printed exactly as Redis does.

extension Bytes {
    /// The decimal text of `value`, as Redis prints integers.
    public init(integer value: Int64) {
        // Render right to left into a small stack buffer: no String, no allocation.
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)
        self = Swift.withUnsafeMutableBytes(of: &buffer) { raw in
            var position = raw.count
            var magnitude = value.magnitude
            repeat {
                position -= 1
                raw[position] = UInt8(48 + magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                position -= 1
                raw[position] = 45  // "-"
            }
            return Bytes(UnsafeRawBufferPointer(rebasing: raw[position...]))
        }
    }

    public init<I: BinaryInteger>(integer value: I) {
        self.init(integer: Int64(value))
    }

    /// The value as a 64-bit integer under Redis's strict rules (`string2ll`): optional minus
    /// sign, then digits, no leading zeros, no plus sign, no spaces, no overflow. Nil otherwise.
    @inlinable public var int64Value: Int64? {
        withUnsafeBytes { raw -> Int64? in
            let n = raw.count
            if n == 0 || n > 20 { return nil }
            if n == 1 && raw[0] == 48 { return 0 }
            var i = 0
            var negative = false
            if raw[0] == 45 {
                negative = true
                i = 1
                if n == 1 { return nil }
            }
            // The first digit must be 1-9.
            guard raw[i] >= 49 && raw[i] <= 57 else { return nil }
            var magnitude: UInt64 = 0
            while i < n {
                let c = raw[i]
                guard c >= 48 && c <= 57 else { return nil }
                let (m1, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (m2, o2) = m1.addingReportingOverflow(UInt64(c - 48))
                if o1 || o2 { return nil }
                magnitude = m2
                i += 1
            }
            if negative {
                if magnitude > UInt64(Int64.max) + 1 { return nil }
                return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
            }
            if magnitude > UInt64(Int64.max) { return nil }
            return Int64(magnitude)
        }
    }

    /// The value as a double, as Redis reads scores and float arguments (`strtod` over the
    /// whole string, no leading space, NaN refused). Accepts `inf`, `+inf`, `-inf`.
    public var doubleValue: Double? {
        let n = count
        if n == 0 || n > 5000 { return nil }
        return withUnsafeBytes { raw -> Double? in
            if isSpace(raw[0]) { return nil }
            var buffer = [CChar](repeating: 0, count: n + 1)
            for i in 0..<n {
                if raw[i] == 0 { return nil }
                buffer[i] = CChar(bitPattern: raw[i])
            }
            return buffer.withUnsafeBufferPointer { p -> Double? in
                var end: UnsafeMutablePointer<CChar>? = nil
                errno = 0
                let value = strtod(p.baseAddress!, &end)
                guard let end, end - UnsafeMutablePointer(mutating: p.baseAddress!) == n else { return nil }
                if value.isNaN { return nil }
                if errno == ERANGE && !value.isInfinite && value != 0 {
                    // Overflow yields ±HUGE_VAL (infinite) which Redis accepts; other range
                    // errors (denormals) are accepted too, as strtod returns a usable value.
                }
                return value
            }
        }
    }

    /// The value as an x87 long double, as INCRBYFLOAT and HINCRBYFLOAT read it (`strtold`).
    public var longDoubleValue: Float80? {
        let n = count
        if n == 0 || n >= 5120 { return nil }
        return withUnsafeBytes { raw -> Float80? in
            if isSpace(raw[0]) { return nil }
            var buffer = [CChar](repeating: 0, count: n + 1)
            for i in 0..<n {
                if raw[i] == 0 { return nil }
                buffer[i] = CChar(bitPattern: raw[i])
            }
            return buffer.withUnsafeBufferPointer { p -> Float80? in
                var end: UnsafeMutablePointer<CChar>? = nil
                errno = 0
                let value = strtold(p.baseAddress!, &end)
                guard let end, end - UnsafeMutablePointer(mutating: p.baseAddress!) == n else { return nil }
                if value.isNaN { return nil }
                if errno == ERANGE && (value.isInfinite || value == 0) { return nil }
                return value
            }
        }
    }
}

@inlinable func isSpace(_ c: UInt8) -> Bool {
    c == 32 || (c >= 9 && c <= 13)
}

/// Formats doubles as Redis 7.0 prints them in replies.
public enum DoubleFormat {
    /// `%.17g`, with `inf` and `-inf`: how Redis 7.0 sends a score (ZSCORE, WITHSCORES).
    public static func reply(_ value: Double) -> String {
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return cFormat("%.17g", value)
    }

    /// Formats one double with a printf format.
    public static func cFormat(_ format: String, _ value: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        let length = withVaList([value]) { vsnprintf(&buffer, buffer.count, format, $0) }
        return String(decoding: buffer[0..<Int(max(0, min(length, 511)))].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// How INCRBYFLOAT and HINCRBYFLOAT print a long double: `%.17Lf` with trailing zeros (and
    /// a trailing point) removed, so 1.5 prints as `1.5` and 3.0 as `3`.
    public static func humanLongDouble(_ value: Float80) -> String {
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        var buffer = [CChar](repeating: 0, count: 5200)
        let length = withVaList([value]) { vsnprintf(&buffer, buffer.count, "%.17Lf", $0) }
        var text = String(decoding: buffer[0..<Int(max(0, min(length, 5199)))].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if text == "-0" { text = "0" }
        return text
    }
}
