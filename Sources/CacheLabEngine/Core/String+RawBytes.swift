/// Text that may carry bytes which are not UTF-8.
///
/// Error replies are Swift strings, yet Redis copies the client's own bytes into some of them:
/// `ERR unknown command '\xff'` holds the byte 0xFF itself, and redis-cli prints it as it
/// came. A Swift string cannot hold such a byte; decoding it the usual way would replace it
/// with U+FFFD, three other bytes. So every byte that is not part of valid UTF-8 is kept as a
/// code point of its own, taken from a private-use block, and turned back into that byte when
/// the text is written out (RESP, redis-cli's renderings):
///
///     bytes:    'a'  0xFF  0xC3 0xA9 ('é')
///     string:   "a"  U+10FEFF  "é"              (0x80...0xFF  ↔  U+10FE80...U+10FEFF)
///     written:  'a'  0xFF  0xC3 0xA9
///
/// The round trip is exact for every input: the valid UTF-8 spelling of one of those 128 code
/// points is itself kept as four escaped bytes, so it never comes back as a single byte.
extension String {
    /// The first of the 128 code points standing for bytes 0x80...0xFF.
    private static var escapedByteBase: UInt32 { 0x10FE00 }

    /// The text of `bytes`: valid UTF-8 as it is, any other byte escaped (see above).
    public init<C: Collection>(preservingBytes bytes: C) where C.Element == UInt8 {
        if bytes.allSatisfy({ $0 < 0x80 }) {
            self = String(decoding: bytes, as: UTF8.self)
            return
        }
        let raw = Array(bytes)
        var scalars = String.UnicodeScalarView()
        var i = 0
        while i < raw.count {
            if let (scalar, length) = Self.scalar(in: raw, at: i), !Self.isEscapedByte(scalar) {
                scalars.append(scalar)
                i += length
            } else {
                scalars.append(Unicode.Scalar(Self.escapedByteBase + UInt32(raw[i]))!)
                i += 1
            }
        }
        self = String(scalars)
    }

    /// The bytes this text stands for: its UTF-8, with each escaped byte turned back into
    /// the byte itself.
    public var preservedBytes: [UInt8] {
        // Every escaped byte's UTF-8 starts with 0xF4; most texts have none.
        if !utf8.contains(0xF4) { return Array(utf8) }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            if Self.isEscapedByte(scalar) {
                out.append(UInt8(truncatingIfNeeded: scalar.value - Self.escapedByteBase))
            } else {
                out.append(contentsOf: String(scalar).utf8)
            }
        }
        return out
    }

    private static func isEscapedByte(_ scalar: Unicode.Scalar) -> Bool {
        (escapedByteBase + 0x80...escapedByteBase + 0xFF).contains(scalar.value)
    }

    /// The code point whose well-formed UTF-8 starts at `raw[i]`, and its length in bytes;
    /// nil when the bytes there are not well-formed (a stray continuation byte, a truncated
    /// or overlong sequence, a surrogate, a value past U+10FFFF).
    private static func scalar(in raw: [UInt8], at i: Int) -> (Unicode.Scalar, Int)? {
        let lead = raw[i]
        let length: Int
        var value: UInt32
        // The second byte's allowed range excludes overlong forms, surrogates and values
        // past U+10FFFF, as the Unicode standard's table of well-formed sequences does.
        var second: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0x00...0x7F: return (Unicode.Scalar(lead), 1)
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0: length = 3; value = 0; second = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xED: length = 3; value = 0x0D; second = 0x80...0x9F
        case 0xF0: length = 4; value = 0; second = 0x90...0xBF
        case 0xF1...0xF3: length = 4; value = UInt32(lead & 0x07)
        case 0xF4: length = 4; value = 4; second = 0x80...0x8F
        default: return nil
        }
        guard i + length <= raw.count, second.contains(raw[i + 1]) else { return nil }
        for k in 1..<length {
            let byte = raw[i + k]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return Unicode.Scalar(value).map { ($0, length) }
    }
}
