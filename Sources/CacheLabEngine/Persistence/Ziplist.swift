/// Ziplist and zipmap: the compact encodings of Redis before 7.0, which CacheLab only reads
/// (from RDB files of version 9 and older; Redis 7 converts them to listpacks on load).
///
/// Ziplist:
///
///     <total bytes: u32 LE> <offset of last entry: u32 LE> <count: u16 LE> <entry>* <0xFF>
///     entry = <previous entry length: 1 byte, or 0xFE + u32 LE> <encoding> <data>
///
///     00pppppp                       string, 6-bit length
///     01pppppp qqqqqqqq              string, 14-bit length, big endian
///     10000000 + u32 BE              string, 32-bit length
///     C0 / D0 / E0 / F0 / FE         int16 / int32 / int64 / int24 / int8, little endian
///     F1 ... FD                      the integers 0 ... 12 in the byte itself
///
/// Unlike a listpack, each entry records the length of the one *before* it, so the list can be
/// walked backwards from the tail offset in the header.
///
/// Zipmap (Redis 2.4 hashes): `<count byte> (<len> key <len> <free byte> value <free bytes>)* FF`,
/// where a length is one byte below 254, or 254 followed by a u32 LE.
enum Ziplist {
    struct DecodeError: Error {
        let reason: String
    }

    static func decode(_ blob: [UInt8]) throws(DecodeError) -> [Bytes] {
        let n = blob.count
        guard n >= 11 else { throw DecodeError(reason: "ziplist is too short") }
        func le(_ at: Int, _ w: Int) -> UInt64 {
            var v: UInt64 = 0
            for i in 0..<w { v |= UInt64(blob[at + i]) << (8 * UInt64(i)) }
            return v
        }
        guard le(0, 4) == UInt64(n) else { throw DecodeError(reason: "ziplist total bytes differ from its size") }
        guard blob[n - 1] == 0xFF else { throw DecodeError(reason: "ziplist does not end with 0xFF") }
        var items: [Bytes] = []
        var i = 10
        func need(_ k: Int) throws(DecodeError) {
            guard i + k <= n - 1 else { throw DecodeError(reason: "ziplist entry overruns the blob") }
        }
        while i < n - 1 {
            try need(1)
            i += blob[i] == 0xFE ? 5 : 1
            try need(1)
            let e = blob[i]
            func signed(_ w: Int) -> Int64 {
                let shift = UInt64(64 - 8 * w)
                return Int64(bitPattern: le(i + 1, w) << shift) >> shift
            }
            switch e >> 6 {
            case 0, 1, 2:
                var length = 0
                var header = 1
                if e >> 6 == 0 {
                    length = Int(e & 0x3F)
                } else if e >> 6 == 1 {
                    try need(2)
                    length = Int(e & 0x3F) << 8 | Int(blob[i + 1])
                    header = 2
                } else {
                    guard e == 0x80 else { throw DecodeError(reason: "bad ziplist string encoding") }
                    try need(5)
                    length = Int(blob[i + 1]) << 24 | Int(blob[i + 2]) << 16 | Int(blob[i + 3]) << 8 | Int(blob[i + 4])
                    header = 5
                }
                try need(header + length)
                items.append(Bytes(Array(blob[(i + header)..<(i + header + length)])))
                i += header + length
            default:
                let width: Int
                switch e {
                case 0xC0: width = 2
                case 0xD0: width = 4
                case 0xE0: width = 8
                case 0xF0: width = 3
                case 0xFE: width = 1
                case 0xF1...0xFD:
                    items.append(Bytes(integer: Int64(e & 0x0F) - 1))
                    i += 1
                    continue
                default: throw DecodeError(reason: "bad ziplist integer encoding")
                }
                try need(1 + width)
                items.append(Bytes(integer: signed(width)))
                i += 1 + width
            }
        }
        let declared = Int(le(8, 2))
        guard declared == 65535 || declared == items.count else { throw DecodeError(reason: "ziplist count does not match") }
        return items
    }

    /// The key/value pairs of a zipmap, flattened.
    static func decodeZipmap(_ blob: [UInt8]) throws(DecodeError) -> [Bytes] {
        var i = 1
        var items: [Bytes] = []
        func length() throws(DecodeError) -> Int {
            guard i < blob.count else { throw DecodeError(reason: "zipmap is truncated") }
            let b = blob[i]
            if b < 254 { i += 1; return Int(b) }
            guard b == 254, i + 5 <= blob.count else { throw DecodeError(reason: "bad zipmap length") }
            defer { i += 5 }
            return Int(blob[i + 1]) | Int(blob[i + 2]) << 8 | Int(blob[i + 3]) << 16 | Int(blob[i + 4]) << 24
        }
        func take(_ k: Int) throws(DecodeError) -> Bytes {
            guard k <= blob.count - i else { throw DecodeError(reason: "zipmap entry overruns the blob") }
            defer { i += k }
            return Bytes(Array(blob[i..<(i + k)]))
        }
        while true {
            guard i < blob.count else { throw DecodeError(reason: "zipmap is truncated") }
            if blob[i] == 0xFF { break }
            items.append(try take(try length()))
            let valueLength = try length()
            guard i < blob.count else { throw DecodeError(reason: "zipmap is truncated") }
            let free = Int(blob[i])
            i += 1
            items.append(try take(valueLength))
            _ = try take(free)
        }
        guard i == blob.count - 1 else { throw DecodeError(reason: "zipmap has bytes after its end") }
        return items
    }
}
