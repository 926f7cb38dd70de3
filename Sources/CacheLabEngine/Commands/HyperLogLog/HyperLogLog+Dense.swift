/// The dense encoding: 16384 registers of 6 bits each, packed least significant bit first.
///
/// Register i occupies bits 6i ... 6i+5 of the payload read as one long little-endian number:
/// it starts in byte `6i / 8` at bit `6i % 8` (0, 2, 4 or 6) and may spill into the next
/// byte. So four registers fill exactly three bytes:
///
///     byte:      |   b0    |   b1    |   b2    |
///     bit:        76543210  76543210  76543210
///     register:   1100000|0 2222|1111 333333|22     (r0 = low 6 bits of b0, and so on)
extension HyperLogLog {
    /// Register `index` of a dense HyperLogLog string (header included in `hll`).
    @inline(__always)
    static func denseRegister(_ index: Int, in hll: UnsafeRawBufferPointer) -> UInt8 {
        let bit = index * registerBits
        let byte = headerSize + bit >> 3
        let shift = bit & 7
        let low = UInt16(hll[byte])
        // The last register ends inside the last byte; never read past the string.
        let high: UInt16 = byte + 1 < hll.count ? UInt16(hll[byte + 1]) : 0
        return UInt8((low | high << 8) >> UInt16(shift) & UInt16(registerMax))
    }

    /// Writes register `index` of a dense HyperLogLog string.
    @inline(__always)
    static func setDenseRegister(_ index: Int, _ value: UInt8, in hll: UnsafeMutableRawBufferPointer) {
        let bit = index * registerBits
        let byte = headerSize + bit >> 3
        let shift = bit & 7
        let mask = UInt16(registerMax) << UInt16(shift)
        let bits = UInt16(value) << UInt16(shift)
        hll[byte] = hll[byte] & ~UInt8(truncatingIfNeeded: mask) | UInt8(truncatingIfNeeded: bits)
        if shift > 8 - registerBits {
            hll[byte + 1] = hll[byte + 1] & ~UInt8(mask >> 8) | UInt8(bits >> 8)
        }
    }

    /// Raises register `index` to `count` if it is lower; true when it changed.
    @inline(__always)
    static func denseSet(_ index: Int, _ count: UInt8, in hll: inout [UInt8]) -> Bool {
        hll.withUnsafeMutableBytes { raw in
            guard count > denseRegister(index, in: UnsafeRawBufferPointer(raw)) else { return false }
            setDenseRegister(index, count, in: raw)
            return true
        }
    }

    /// How many registers hold each value 0...63.
    static func denseHistogram(_ hll: UnsafeRawBufferPointer) -> [Int] {
        var histogram = [Int](repeating: 0, count: 64)
        // Four registers per three bytes: 4096 groups.
        var byte = headerSize
        for _ in 0..<registerCount / 4 {
            let word = UInt32(hll[byte]) | UInt32(hll[byte + 1]) << 8 | UInt32(hll[byte + 2]) << 16
            histogram[Int(word & 63)] += 1
            histogram[Int(word >> 6 & 63)] += 1
            histogram[Int(word >> 12 & 63)] += 1
            histogram[Int(word >> 18 & 63)] += 1
            byte += 3
        }
        return histogram
    }
}
