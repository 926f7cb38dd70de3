/// A cheap test that rules out most strings before the int64 parse of the memory model.
///
/// Sizing a string value (`RedisObjectSizes.stringBytes`) asks whether Redis would store it
/// with the `int` encoding, which takes a full `int64Value` parse. Eviction sizes every victim,
/// and most values are not numbers: one look at the first byte settles those.
extension Bytes {
    /// False when `int64Value` is certainly nil: empty, over 20 bytes, or a first byte that is
    /// neither a digit nor '-'. True says only that the parse is worth trying.
    @inline(__always)
    var mayBeInteger: Bool {
        switch storage {
        case .inline(let words):
            guard words.3 > 0 else { return false }
            // Byte 0 of the data is the lowest-addressed byte of the first word.
            return Self.mayStartInteger(UInt8(truncatingIfNeeded: words.0.littleEndian))
        case .heap(let array):
            guard array.count <= 20, let first = array.first else { return false }
            return Self.mayStartInteger(first)
        }
    }

    @inline(__always)
    private static func mayStartInteger(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "-") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}
