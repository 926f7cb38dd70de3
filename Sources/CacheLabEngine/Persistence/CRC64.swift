/// The checksum at the end of every RDB file: CRC-64 with the "Jones" polynomial, reflected,
/// starting from 0 (reveng calls it CRC-64/REDIS).
///
/// A CRC treats the file as one long binary number and keeps the remainder of dividing it by a
/// fixed polynomial. A table holds the effect of each possible byte on the remainder, so the
/// simple form is one lookup, one shift and one XOR per byte.
///
/// Slicing by 8, as Redis's `crcspeed` does: eight tables, where table k holds the effect of
/// a byte followed by k zero bytes. Eight input bytes are XORed into the remainder at once and
/// their eight effects looked up independently, which lets the processor overlap the lookups:
/// several times faster than byte by byte on the megabytes of a dump.
public struct CRC64: Sendable {
    /// The reflected form of the polynomial 0xad93d23594c935a9.
    static let reflectedPolynomial: UInt64 = 0x95AC_9329_AC4B_C9B5

    /// `tables[k * 256 + b]`: table k, byte b.
    static let tables: [UInt64] = {
        var t = [UInt64](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt64(byte)
            for _ in 0..<8 {
                crc = (crc & 1) == 1 ? (crc >> 1) ^ reflectedPolynomial : crc >> 1
            }
            t[byte] = crc
        }
        for k in 1..<8 {
            for byte in 0..<256 {
                let previous = t[(k - 1) * 256 + byte]
                t[k * 256 + byte] = (previous >> 8) ^ t[Int(previous & 0xFF)]
            }
        }
        return t
    }()

    public private(set) var value: UInt64

    public init(value: UInt64 = 0) {
        self.value = value
    }

    /// Adds bytes to the running checksum.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        var crc = value
        var i = 0
        let n = bytes.count
        Self.tables.withUnsafeBufferPointer { t in
            while i + 8 <= n {
                crc ^= UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                crc = t[7 * 256 + Int(crc & 0xFF)] ^ t[6 * 256 + Int((crc >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((crc >> 16) & 0xFF)] ^ t[4 * 256 + Int((crc >> 24) & 0xFF)]
                    ^ t[3 * 256 + Int((crc >> 32) & 0xFF)] ^ t[2 * 256 + Int((crc >> 40) & 0xFF)]
                    ^ t[256 + Int((crc >> 48) & 0xFF)] ^ t[Int(crc >> 56)]
                i += 8
            }
            while i < n {
                crc = t[Int((crc ^ UInt64(base.load(fromByteOffset: i, as: UInt8.self))) & 0xFF)] ^ (crc >> 8)
                i += 1
            }
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
