/// Listpack: the compact, one-allocation sequence Redis 7 uses for small hashes, small sorted
/// sets, every list node and every stream node. In an RDB file a listpack is saved as one
/// string blob, exactly as it sits in memory.
///
///     <total bytes: u32 LE> <element count: u16 LE> <entry> <entry> ... <0xFF>
///     entry = <encoding + data> <backlen>
///
/// Each entry starts with an encoding byte that says whether it is an integer or a string
/// and how big:
///
///     0xxxxxxx                    integer 0...127 in the byte itself
///     10xxxxxx <data>             string of 0...63 bytes
///     110xxxxx yyyyyyyy           13-bit signed integer (-4096...4095), high bits first
///     1110xxxx yyyyyyyy <data>    string of up to 4095 bytes (12-bit length, high bits first)
///     11110000 <u32 LE> <data>    string with a 32-bit length
///     0xF1 / F2 / F3 / F4         16 / 24 / 32 / 64-bit signed integer, little endian
///
/// `backlen` is the size of `encoding + data`, written in 1 to 5 bytes so that it can be read
/// from right to left (each byte holds 7 bits; every byte but the leftmost has bit 7 set):
/// that is how Redis walks a listpack backwards from its end. The count field saturates at
/// 65535, which means "count them".
///
/// A string that is a canonical 64-bit integer ("42", "-7", not "042" or "+1") is stored as an
/// integer with the smallest encoding that holds it, and reads back as its decimal text.
public enum Listpack {
    /// Builds a listpack blob entry by entry.
    public struct Encoder {
        public private(set) var bytes: [UInt8]
        public private(set) var count = 0

        public init() {
            bytes = [0, 0, 0, 0, 0, 0]
        }

        /// An encoder whose blob will not need to grow below `capacity` bytes.
        public init(reservingCapacity capacity: Int) {
            bytes = [0, 0, 0, 0, 0, 0]
            bytes.reserveCapacity(capacity)
        }

        /// Appends `element` unless the listpack already holds something and a quicklist
        /// filled by `fill` would start a new node for it (`QuicklistFill.allowsPush`).
        /// Returns whether it was added.
        mutating func append(_ element: Bytes, fill: QuicklistFill) -> Bool {
            guard count == 0 || fill.allowsPush(length: element.count, ontoNodeOf: finishedSize, holding: count) else { return false }
            append(element)
            return true
        }

        /// Size the blob will have once finished (with its end byte).
        public var finishedSize: Int { bytes.count + 1 }

        /// How many bytes `element` takes as an entry, backlen included.
        public static func entrySize(of element: Bytes) -> Int {
            if element.count <= 20, let v = element.int64Value {
                let body = v >= 0 && v <= 127 ? 1 : v >= -4096 && v <= 4095 ? 2 : v >= Int64(Int16.min) && v <= Int64(Int16.max) ? 3
                    : v >= -(1 << 23) && v < (1 << 23) ? 4 : v >= Int64(Int32.min) && v <= Int64(Int32.max) ? 5 : 9
                return body + 1
            }
            let n = element.count
            let body = (n < 64 ? 1 : n < 4096 ? 2 : 5) + n
            return body + (body <= 127 ? 1 : body < 16383 ? 2 : body < 2_097_151 ? 3 : body < 268_435_455 ? 4 : 5)
        }

        public mutating func append(_ element: Bytes) {
            if element.count <= 20, let value = element.int64Value {
                append(integer: value)
            } else {
                element.withUnsafeBytes { appendString($0) }
            }
        }

        public mutating func append(integer value: Int64) {
            let start = bytes.count
            if value >= 0 && value <= 127 {
                bytes.append(UInt8(value))
            } else if value >= -4096 && value <= 4095 {
                let v = UInt16(bitPattern: Int16(value)) & 0x1FFF
                bytes.append(0xC0 | UInt8(v >> 8))
                bytes.append(UInt8(v & 0xFF))
            } else if value >= Int64(Int16.min) && value <= Int64(Int16.max) {
                bytes.append(0xF1)
                appendLittleEndian(UInt64(bitPattern: value), width: 2)
            } else if value >= -(1 << 23) && value < (1 << 23) {
                bytes.append(0xF2)
                appendLittleEndian(UInt64(bitPattern: value), width: 3)
            } else if value >= Int64(Int32.min) && value <= Int64(Int32.max) {
                bytes.append(0xF3)
                appendLittleEndian(UInt64(bitPattern: value), width: 4)
            } else {
                bytes.append(0xF4)
                appendLittleEndian(UInt64(bitPattern: value), width: 8)
            }
            appendBacklen(bytes.count - start)
        }

        mutating func appendString(_ raw: UnsafeRawBufferPointer) {
            let start = bytes.count
            let n = raw.count
            if n < 64 {
                bytes.append(0x80 | UInt8(n))
            } else if n < 4096 {
                bytes.append(0xE0 | UInt8(n >> 8))
                bytes.append(UInt8(n & 0xFF))
            } else {
                bytes.append(0xF0)
                appendLittleEndian(UInt64(n), width: 4)
            }
            bytes.append(contentsOf: raw)
            appendBacklen(bytes.count - start)
        }

        private mutating func appendLittleEndian(_ value: UInt64, width: Int) {
            for i in 0..<width { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
        }

        /// The entry length, most significant 7-bit group first.
        private mutating func appendBacklen(_ length: Int) {
            count += 1
            let l = UInt64(length)
            if l <= 127 {
                bytes.append(UInt8(l))
            } else if l < 16383 {
                bytes.append(UInt8(l >> 7))
                bytes.append(UInt8(l & 127) | 128)
            } else if l < 2_097_151 {
                bytes.append(UInt8(l >> 14))
                bytes.append(UInt8((l >> 7) & 127) | 128)
                bytes.append(UInt8(l & 127) | 128)
            } else if l < 268_435_455 {
                bytes.append(UInt8(l >> 21))
                bytes.append(UInt8((l >> 14) & 127) | 128)
                bytes.append(UInt8((l >> 7) & 127) | 128)
                bytes.append(UInt8(l & 127) | 128)
            } else {
                bytes.append(UInt8(l >> 28))
                bytes.append(UInt8((l >> 21) & 127) | 128)
                bytes.append(UInt8((l >> 14) & 127) | 128)
                bytes.append(UInt8((l >> 7) & 127) | 128)
                bytes.append(UInt8(l & 127) | 128)
            }
        }

        /// The finished blob: header filled in, end byte added.
        public mutating func finish() -> [UInt8] {
            var out = bytes
            bytes = []
            out.append(0xFF)
            let total = UInt32(truncatingIfNeeded: out.count)
            for i in 0..<4 { out[i] = UInt8(truncatingIfNeeded: total >> (8 * UInt32(i))) }
            let n = UInt16(min(count, 65535))
            out[4] = UInt8(n & 0xFF)
            out[5] = UInt8(n >> 8)
            return out
        }
    }

    /// One decoded element: integers stay integers so that stream nodes can read their
    /// numbers without going through text.
    public enum Element: Equatable {
        case integer(Int64)
        case string(Bytes)

        public var bytes: Bytes {
            switch self {
            case .integer(let v): return Bytes(integer: v)
            case .string(let s): return s
            }
        }

        public var integer: Int64? {
            switch self {
            case .integer(let v): return v
            case .string(let s): return s.int64Value
            }
        }
    }

    public struct DecodeError: Error, Equatable {
        public let reason: String
    }

    /// Every element of a listpack blob, checking the header, each entry's bounds and
    /// backlen, the element count and the end byte.
    public static func decode(_ blob: [UInt8]) throws(DecodeError) -> [Element] {
        var result: [Element] = []
        try decode(blob, reserve: { result.reserveCapacity($0) }) { result.append($0) }
        return result
    }

    /// Visits every element of a listpack blob, with the checks of `decode(_:)`; `reserve`
    /// hears the declared element count first (bounded by the blob's size). Always inlined,
    /// so that each caller gets its own loop with `visit` folded in (a quicklist node's
    /// elements then go straight into the list being loaded, see `appendListNode`).
    @inline(__always)
    static func decode(_ blob: [UInt8], reserve: (Int) -> Void, _ visit: (Element) -> Void) throws(DecodeError) {
        var visited = 0
        try blob.withUnsafeBufferPointer { (p: UnsafeBufferPointer<UInt8>) throws(DecodeError) in
            let n = p.count
            guard n >= 7 else { throw DecodeError(reason: "listpack is too short") }
            let total = Int(p[0]) | Int(p[1]) << 8 | Int(p[2]) << 16 | Int(p[3]) << 24
            guard total == n else { throw DecodeError(reason: "listpack total bytes \(total) differ from its size \(n)") }
            guard p[n - 1] == 0xFF else { throw DecodeError(reason: "listpack does not end with 0xFF") }
            let declared = Int(p[4]) | Int(p[5]) << 8
            reserve(min(declared, n / 2))
            var i = 6
            while i < n - 1 {
                let start = i
                let (element, next) = try decodeEntry(p, at: i, end: n - 1)
                i = next
                let length = i - start
                let backlenSize = length <= 127 ? 1 : length < 16383 ? 2 : length < 2_097_151 ? 3 : length < 268_435_455 ? 4 : 5
                guard i + backlenSize <= n - 1 else { throw DecodeError(reason: "listpack entry overruns the blob") }
                var decoded = 0
                for k in 0..<backlenSize {
                    let b = p[i + k]
                    guard (k == 0) == (b & 128 == 0) else { throw DecodeError(reason: "bad listpack backlen") }
                    decoded = decoded << 7 | Int(b & 127)
                }
                guard decoded == length else { throw DecodeError(reason: "listpack backlen does not match its entry") }
                i += backlenSize
                visit(element)
                visited += 1
            }
            guard declared == 65535 || declared == visited else {
                throw DecodeError(reason: "listpack declares \(declared) elements but holds \(visited)")
            }
        }
    }

    /// A string of at most `Bytes.inlineCapacity` bytes at `from`, built with two 8-byte
    /// loads rather than a copy of its length: the blob always has room for them after a
    /// short string (its backlen and end byte follow), and when it does not this says nil.
    /// The bytes past the string are masked off, as inline `Bytes` require.
    @inline(__always)
    static func inlineBytes(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ length: Int) -> Bytes? {
        #if _endian(little)
        guard length <= Bytes.inlineCapacity, from + 16 <= p.count else { return nil }
        let base = UnsafeRawPointer(p.baseAddress! + from)
        func mask(_ n: Int) -> UInt64 { n >= 8 ? ~0 : (1 << (8 * UInt64(n))) - 1 }
        let low = base.loadUnaligned(as: UInt64.self) & mask(length)
        let high = length > 8 ? base.loadUnaligned(fromByteOffset: 8, as: UInt64.self) & mask(length - 8) : 0
        var b = Bytes()
        b.storage = .inline((low, UInt32(truncatingIfNeeded: high), UInt16(truncatingIfNeeded: high >> 32), UInt8(length)))
        return b
        #else
        return nil
        #endif
    }

    @inline(__always)
    private static func decodeEntry(_ p: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) throws(DecodeError) -> (Element, Int) {
        let b = p[i]
        func need(_ k: Int) throws(DecodeError) {
            guard i + k <= end else { throw DecodeError(reason: "listpack entry overruns the blob") }
        }
        func signed(_ from: Int, width: Int) -> Int64 {
            var v: UInt64 = 0
            for k in 0..<width { v |= UInt64(p[from + k]) << (8 * UInt64(k)) }
            let shift = UInt64(64 - 8 * width)
            return Int64(bitPattern: v << shift) >> shift
        }
        func string(_ from: Int, _ length: Int) throws(DecodeError) -> (Element, Int) {
            guard length >= 0, from + length <= end else { throw DecodeError(reason: "listpack string overruns the blob") }
            if let short = inlineBytes(p, from, length) { return (.string(short), from + length) }
            return (.string(Bytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: p[from..<from + length])))), from + length)
        }
        if b & 0x80 == 0 { return (.integer(Int64(b)), i + 1) }
        if b & 0xC0 == 0x80 { return try string(i + 1, Int(b & 0x3F)) }
        if b & 0xE0 == 0xC0 {
            try need(2)
            let raw = Int64(b & 0x1F) << 8 | Int64(p[i + 1])
            return (.integer(raw >= 4096 ? raw - 8192 : raw), i + 2)
        }
        if b & 0xF0 == 0xE0 {
            try need(2)
            return try string(i + 2, Int(b & 0x0F) << 8 | Int(p[i + 1]))
        }
        switch b {
        case 0xF0:
            try need(5)
            let length = Int(p[i + 1]) | Int(p[i + 2]) << 8 | Int(p[i + 3]) << 16 | Int(p[i + 4]) << 24
            return try string(i + 5, length)
        case 0xF1: try need(3); return (.integer(signed(i + 1, width: 2)), i + 3)
        case 0xF2: try need(4); return (.integer(signed(i + 1, width: 3)), i + 4)
        case 0xF3: try need(5); return (.integer(signed(i + 1, width: 4)), i + 5)
        case 0xF4: try need(9); return (.integer(signed(i + 1, width: 8)), i + 9)
        default: throw DecodeError(reason: "bad listpack entry encoding \(b)")
        }
    }
}
