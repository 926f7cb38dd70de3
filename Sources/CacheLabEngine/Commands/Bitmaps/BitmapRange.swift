/// The `start end [BYTE|BIT]` range of BITCOUNT and BITPOS, and the bit scans over it.
///
/// Indexes count bytes by default, or bits with `BIT`; negative ones count from the end (-1 is
/// the last byte or bit). Out-of-range indexes are clamped to the string, as Redis does, so a
/// range is always resolved to an inclusive interval of *bit* positions inside the string, or
/// to nothing. Working in bits throughout keeps BYTE and BIT ranges on one code path: a byte
/// range `s..e` is simply the bit range `8s ... 8e+7`.
struct BitmapRange {
    /// First and last bit of the range, inclusive, both inside the string.
    let firstBit: Int
    let lastBit: Int

    enum Unit { case byte, bit }

    /// The unit keyword: `BYTE` or `BIT` in any case (compared as a C string), else a syntax error.
    static func unit(_ argument: Bytes) throws(Reply) -> Unit {
        if argument.matchesOption("bit") { return .bit }
        if argument.matchesOption("byte") { return .byte }
        throw RedisError.syntax
    }

    /// Resolves `start`/`end` against a string of `length` bytes: negative indexes count from
    /// the end, then both are clamped into the string. Nil when the range is empty.
    static func resolve(start: Int64, end: Int64, length: Int, unit: Unit) -> BitmapRange? {
        let total = unit == .bit ? Int64(length) * 8 : Int64(length)
        var s = start, e = end
        if s < 0 { s += total }
        if e < 0 { e += total }
        if s < 0 { s = 0 }
        if e < 0 { e = 0 }
        if e >= total { e = total - 1 }
        guard s <= e else { return nil }
        switch unit {
        case .bit: return BitmapRange(firstBit: Int(s), lastBit: Int(e))
        case .byte: return BitmapRange(firstBit: Int(s) * 8, lastBit: Int(e) * 8 + 7)
        }
    }

    /// The whole string of `length` bytes, or nil when it is empty.
    static func whole(length: Int) -> BitmapRange? {
        length == 0 ? nil : BitmapRange(firstBit: 0, lastBit: length * 8 - 1)
    }

    /// The bits of the first byte that lie before the range (high bits: bit 0 is the MSB).
    var headMask: UInt8 { UInt8(truncatingIfNeeded: 0xFF00 >> (firstBit & 7)) }
    /// The bits of the last byte that lie after the range (low bits).
    var tailMask: UInt8 { UInt8((1 << (7 - (lastBit & 7))) - 1) }

    /// The number of set bits of `bytes` inside the range.
    func populationCount(of bytes: UnsafeRawBufferPointer) -> Int {
        let first = firstBit >> 3, last = lastBit >> 3
        var count = BitmapRange.populationCount(UnsafeRawBufferPointer(rebasing: bytes[first...last]))
        count -= (bytes[first] & headMask).nonzeroBitCount
        count -= (bytes[last] & tailMask).nonzeroBitCount
        return count
    }

    /// Set bits in a buffer, eight bytes at a time.
    static func populationCount(_ bytes: UnsafeRawBufferPointer) -> Int {
        var count = 0
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            count += bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self).nonzeroBitCount
            i += 8
        }
        while i < n {
            count += bytes[i].nonzeroBitCount
            i += 1
        }
        return count
    }

    /// The position of the first bit equal to `bit` inside the range, or nil.
    ///
    /// Bits of the edge bytes outside the range are forced to the opposite value so they can
    /// never match; whole bytes that cannot contain a match (0x00 when looking for a 1, 0xFF
    /// when looking for a 0) are skipped, eight at a time in the middle of the range.
    func firstPosition(of bit: Int, in bytes: UnsafeRawBufferPointer) -> Int? {
        let first = firstBit >> 3, last = lastBit >> 3
        let skip: UInt64 = bit == 1 ? 0 : ~0
        var i = first
        while i <= last {
            var byte = bytes[i]
            if i == first || i == last {
                var outside: UInt8 = 0
                if i == first { outside |= headMask }
                if i == last { outside |= tailMask }
                byte = bit == 1 ? byte & ~outside : byte | outside
            } else if i + 8 <= last, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) == skip {
                i += 8
                continue
            }
            let candidates = bit == 1 ? byte : ~byte
            if candidates != 0 { return i * 8 + candidates.leadingZeroBitCount }
            i += 1
        }
        return nil
    }
}
