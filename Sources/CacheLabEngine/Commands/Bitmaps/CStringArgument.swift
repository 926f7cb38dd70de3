/// Redis compares keywords (BYTE/BIT, AND/OR, GET/SET, WRAP/SAT/FAIL, PFDEBUG's
/// subcommands...) with C's `strcasecmp` and reads some numbers with `strlen`: both stop at the
/// first NUL byte, so `"bit\x00junk"` reads as `bit`. These helpers do the same.
enum CStringArgument {
    /// True when the bytes before the first NUL equal `keyword`, ignoring ASCII case.
    static func matches(_ argument: Bytes, _ keyword: StaticString) -> Bool {
        argument.withUnsafeBytes { raw in
            let length = raw.firstIndex(of: 0) ?? raw.count
            guard length == keyword.utf8CodeUnitCount else { return false }
            let k = keyword.utf8Start
            for i in 0..<length {
                var c = raw[i]
                if c >= 65 && c <= 90 { c += 32 }
                var d = k[i]
                if d >= 65 && d <= 90 { d += 32 }
                if c != d { return false }
            }
            return true
        }
    }

    /// The bytes before the first NUL, as C's `strlen` sees the argument.
    static func prefix(_ argument: Bytes) -> Bytes {
        argument.withUnsafeBytes { raw in
            guard let nul = raw.firstIndex(of: 0) else { return argument }
            return Bytes(UnsafeRawBufferPointer(rebasing: raw[0..<nul]))
        }
    }
}
