/// The checksum at the end of every RDB file: CRC-64 with the "Jones" polynomial, reflected,
/// starting from 0 (reveng calls it CRC-64/REDIS).
///
/// A CRC treats the file as one long binary number and keeps the remainder of dividing it by a
/// fixed polynomial. The table holds the effect of each possible byte on the remainder, so the
/// whole computation is one table lookup, one shift and one XOR per byte of the file.
public struct CRC64: Sendable {
    /// The reflected form of the polynomial 0xad93d23594c935a9.
    static let reflectedPolynomial: UInt64 = 0x95AC_9329_AC4B_C9B5

    static let table: [UInt64] = (0..<256).map { byte in
        var crc = UInt64(byte)
        for _ in 0..<8 {
            crc = (crc & 1) == 1 ? (crc >> 1) ^ reflectedPolynomial : crc >> 1
        }
        return crc
    }

    public private(set) var value: UInt64

    public init(value: UInt64 = 0) {
        self.value = value
    }

    /// Adds bytes to the running checksum.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var crc = value
        let table = Self.table
        for b in bytes {
            crc = table[Int((crc ^ UInt64(b)) & 0xFF)] ^ (crc >> 8)
        }
        value = crc
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The checksum of `bytes` from a zero start.
    public static func checksum(_ bytes: [UInt8]) -> UInt64 {
        var crc = CRC64()
        crc.update(bytes)
        return crc.value
    }
}
