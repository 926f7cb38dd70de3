import Foundation

extension Bytes {
    /// The value as a double under the rules of Redis's generic float argument parser
    /// (`getDoubleFromObject`), stricter than `doubleValue`: besides a leading space, trailing
    /// junk and NaN, it refuses a number too large for a double (`1e400`, where strtod
    /// overflows to infinity) and one so small it underflows to zero (`1e-400`). The words
    /// `inf`/`-inf` are fine, and so is a denormal (`1e-320`), which strtod still returns.
    public var doubleArgumentValue: Double? {
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
                let rangeError = errno == ERANGE
                guard let end, end - UnsafeMutablePointer(mutating: p.baseAddress!) == n else { return nil }
                if value.isNaN { return nil }
                if rangeError && (value.isInfinite || value == 0) { return nil }
                return value
            }
        }
    }
}
