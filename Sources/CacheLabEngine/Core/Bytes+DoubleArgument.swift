import Foundation

extension Bytes {
    /// The value as a double under the rules of Redis's generic float argument parser
    /// (`getDoubleFromObject`), stricter than `doubleValue`: besides a leading space, trailing
    /// junk and NaN, it refuses a number too large for a double (`1e400`, where strtod
    /// overflows to infinity) and one so small it underflows to zero (`1e-400`). The words
    /// `inf`/`-inf` are fine, and so is a denormal (`1e-320`), which strtod still returns.
    public var doubleArgumentValue: Double? { parseDoubleArgument().value }

    /// `doubleArgumentValue`, with whether `strtod` reported ERANGE on the way (an overflow,
    /// an underflow, or a denormal result, which is kept): Redis's `errno` afterwards.
    public func parseDoubleArgument() -> (value: Double?, outOfRange: Bool) {
        let n = count
        if n == 0 { return (nil, false) }
        return withUnsafeBytes { raw -> (Double?, Bool) in
            // strtod reads the C string, up to a NUL byte (whose presence then fails the parse).
            let length = raw.firstIndex(of: 0) ?? n
            var buffer = [CChar](repeating: 0, count: length + 1)
            for i in 0..<length { buffer[i] = CChar(bitPattern: raw[i]) }
            return buffer.withUnsafeBufferPointer { p -> (Double?, Bool) in
                var end: UnsafeMutablePointer<CChar>? = nil
                errno = 0
                let value = strtod(p.baseAddress!, &end)
                let rangeError = errno == ERANGE
                guard let end, end - UnsafeMutablePointer(mutating: p.baseAddress!) == n else { return (nil, rangeError) }
                if isSpace(raw[0]) || value.isNaN { return (nil, rangeError) }
                if rangeError && (value.isInfinite || value == 0) { return (nil, rangeError) }
                return (value, rangeError)
            }
        }
    }
}
