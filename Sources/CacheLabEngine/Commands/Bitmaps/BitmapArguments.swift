/// Argument parsing shared by the bitmap commands, with Redis's rules and error texts.
enum BitmapArguments {
    static let bitOffsetError = Reply.error("ERR bit offset is not an integer or out of range")

    /// A bit offset (SETBIT, GETBIT, BITFIELD): a strict integer whose byte lies within
    /// `proto-max-bulk-len` (`limit`), so from 0 to 2^32-1 with the default 512 MB.
    ///
    /// With `width`, BITFIELD's `#N` form is accepted too, meaning N times the width of the
    /// field's type. Like Redis, the multiplication is done in 64 bits and wraps around on
    /// overflow before the range check (so `#2305843009213693952 i8` lands on offset 0).
    static func bitOffset(_ argument: Bytes, width: Int? = nil, limit: Int64) throws(Reply) -> Int {
        var text = argument
        var multiplier: Int64 = 1
        if let width, argument.count > 0, argument[0] == UInt8(ascii: "#") {
            text = argument[1..<argument.count]
            multiplier = Int64(width)
        }
        guard let value = text.int64Value else { throw bitOffsetError }
        let offset = value &* multiplier
        guard offset >= 0, offset >> 3 < limit else { throw bitOffsetError }
        return Int(offset)
    }
}
