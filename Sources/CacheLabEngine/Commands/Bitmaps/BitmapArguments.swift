/// Argument parsing shared by the bitmap commands, with Redis's rules and error texts.
enum BitmapArguments {
    static let bitOffsetError = Reply.error("ERR bit offset is not an integer or out of range")

    /// Redis's `proto-max-bulk-len` default (512 MB): no string may grow past it, so a bit
    /// offset must stay below 2^32. CacheLab has no such config knob; this is the default.
    static let maxStringLength: Int64 = 512 * 1024 * 1024

    /// A bit offset (SETBIT, GETBIT, BITFIELD): a strict integer from 0 to 2^32-1.
    ///
    /// With `width`, BITFIELD's `#N` form is accepted too, meaning N times the width of the
    /// field's type. Like Redis, the multiplication is done in 64 bits and wraps around on
    /// overflow before the range check (so `#2305843009213693952 i8` lands on offset 0).
    static func bitOffset(_ argument: Bytes, width: Int? = nil) throws(Reply) -> Int {
        var text = argument
        var multiplier: Int64 = 1
        if let width, argument.count > 0, argument[0] == UInt8(ascii: "#") {
            text = argument[1..<argument.count]
            multiplier = Int64(width)
        }
        guard let value = text.int64Value else { throw bitOffsetError }
        let offset = value &* multiplier
        guard offset >= 0, offset >> 3 < maxStringLength else { throw bitOffsetError }
        return Int(offset)
    }
}

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
