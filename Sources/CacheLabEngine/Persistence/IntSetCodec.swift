/// Intset: how Redis stores a small set whose members are all integers (RDB type 11).
///
///     <width: u32 LE = 2, 4 or 8> <count: u32 LE> <count × signed integer of `width` bytes, LE>
///
/// The integers are sorted in strictly ascending order (membership is a binary search), and
/// all use the width of the widest one: adding 70000 to {1, 2} rewrites the whole set with
/// 4-byte integers.
public enum IntSetCodec {
    /// The blob for a set of integers (any order, no duplicates).
    public static func encode(_ values: [Int64]) -> [UInt8] {
        let sorted = values.sorted()
        var width = 2
        for v in sorted {
            if v < Int64(Int32.min) || v > Int64(Int32.max) { width = 8; break }
            if v < Int64(Int16.min) || v > Int64(Int16.max) { width = 4 }
        }
        var out: [UInt8] = []
        out.reserveCapacity(8 + width * sorted.count)
        func le(_ v: UInt64, _ w: Int) {
            for i in 0..<w { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) }
        }
        le(UInt64(width), 4)
        le(UInt64(sorted.count), 4)
        for v in sorted { le(UInt64(bitPattern: v), width) }
        return out
    }

    public struct DecodeError: Error, Equatable {
        public let reason: String
    }

    /// The integers of an intset blob, checking width, size and ascending order.
    public static func decode(_ blob: [UInt8]) throws(DecodeError) -> [Int64] {
        guard blob.count >= 8 else { throw DecodeError(reason: "intset is too short") }
        func le(_ at: Int, _ w: Int) -> UInt64 {
            var v: UInt64 = 0
            for i in 0..<w { v |= UInt64(blob[at + i]) << (8 * UInt64(i)) }
            return v
        }
        let width = Int(le(0, 4))
        guard width == 2 || width == 4 || width == 8 else { throw DecodeError(reason: "intset has a bad encoding \(width)") }
        let count = Int(le(4, 4))
        guard count > 0, 8 + count * width == blob.count else { throw DecodeError(reason: "intset size does not match its count") }
        var result: [Int64] = []
        result.reserveCapacity(count)
        let shift = UInt64(64 - 8 * width)
        for k in 0..<count {
            let v = Int64(bitPattern: le(8 + k * width, width) << shift) >> shift
            if let last = result.last, v <= last { throw DecodeError(reason: "intset is not strictly ascending") }
            result.append(v)
        }
        return result
    }
}
