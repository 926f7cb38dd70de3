/// A SCAN cursor (SCAN, HSCAN, SSCAN, ZSCAN), read as Redis reads it.
public enum ScanCursor {
    /// The cursor as C's `strtoul` reads it in base 10, with Redis's extra checks: no leading
    /// space, nothing after the digits, no overflow. Like `strtoul`, an empty string reads as
    /// 0, a sign is allowed and a negative number wraps around (`-1` is the largest cursor).
    public static func parse(_ text: Bytes) -> UInt64? {
        text.withUnsafeBytes { raw -> UInt64? in
            // C sees the string up to its first NUL byte.
            var end = raw.count
            if let nul = raw.firstIndex(of: 0) { end = nul }
            if end == 0 { return 0 }
            if isSpace(raw[0]) { return nil }
            var i = 0
            var negative = false
            if raw[0] == UInt8(ascii: "+") || raw[0] == UInt8(ascii: "-") {
                negative = raw[0] == UInt8(ascii: "-")
                i = 1
            }
            guard i < end else { return nil }  // a lone sign: no digits were read
            var value: UInt64 = 0
            while i < end {
                let d = raw[i]
                guard d >= 48 && d <= 57 else { return nil }
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.addingReportingOverflow(UInt64(d - 48))
                if o1 || o2 { return nil }
                value = s
                i += 1
            }
            return negative ? 0 &- value : value
        }
    }
}
