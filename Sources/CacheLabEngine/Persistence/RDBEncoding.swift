/// The building blocks of the RDB format, shared by the writer and the reader.
///
/// Two integer encodings live side by side in an RDB file, which is the first thing to get
/// right: *lengths* use a variable-size, big-endian form whose first two bits say how long it
/// is, while fixed-size numbers (expire times, encoded integers, listpack contents) are little
/// endian.
///
///     00xxxxxx                       a length of 0...63
///     01xxxxxx yyyyyyyy              a 14-bit length, big endian
///     10000000 + 4 bytes             a 32-bit length, big endian
///     10000001 + 8 bytes             a 64-bit length, big endian
///     11xxxxxx                       not a length: a specially encoded string follows
///                                    (xxxxxx = 0 int8, 1 int16, 2 int32, 3 LZF)
public enum RDBEncoding {
    public static let magic = Array("REDIS".utf8)
    public static let version = 10

    /// Opcodes that may stand where a value type is expected.
    public enum Opcode: UInt8 {
        case function2 = 0xF5
        case function = 0xF6
        case moduleAux = 0xF7
        case idle = 0xF8
        case freq = 0xF9
        case aux = 0xFA
        case resizeDB = 0xFB
        case expireTimeMilliseconds = 0xFC
        case expireTime = 0xFD
        case selectDB = 0xFE
        case eof = 0xFF
    }

    /// Value type codes (rdb.h).
    public enum TypeCode: UInt8 {
        case string = 0, list = 1, set = 2, zset = 3, hash = 4, zset2 = 5
        case moduleV1 = 6, moduleV2 = 7
        case hashZipmap = 9, listZiplist = 10, setIntset = 11, zsetZiplist = 12, hashZiplist = 13
        case listQuicklist = 14, streamListpacks = 15, hashListpack = 16, zsetListpack = 17
        case listQuicklist2 = 18, streamListpacks2 = 19
    }
}

/// Appends RDB-encoded items to a byte buffer.
public struct RDBBuffer {
    public var bytes: [UInt8] = []
    /// Kept across strings: see `LZF.Compressor`; and where it writes.
    private var compressor = LZF.Compressor()
    private var compressed: [UInt8] = []

    public init() {}

    public mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    public mutating func append(_ raw: [UInt8]) {
        bytes.append(contentsOf: raw)
    }

    public mutating func append(opcode: RDBEncoding.Opcode) {
        bytes.append(opcode.rawValue)
    }

    /// A length in the smallest of the four forms.
    public mutating func appendLength(_ n: UInt64) {
        if n < 64 {
            bytes.append(UInt8(n))
        } else if n < 16384 {
            bytes.append(UInt8(0x40 | (n >> 8)))
            bytes.append(UInt8(n & 0xFF))
        } else if n <= UInt64(UInt32.max) {
            bytes.append(0x80)
            appendBigEndian(UInt32(n))
        } else {
            bytes.append(0x81)
            appendBigEndian(n)
        }
    }

    public mutating func appendLength(_ n: Int) {
        appendLength(UInt64(n))
    }

    /// Inserts a length at `offset`: for a count known only once what it counts is written.
    mutating func insertLength(_ n: Int, at offset: Int) {
        var length = RDBBuffer()
        length.appendLength(n)
        bytes.insert(contentsOf: length.bytes, at: offset)
    }

    /// A string as Redis saves it: as a small integer when its text is one that fits in 32
    /// bits, LZF-compressed when longer than 20 bytes and compressible (if `compress`), else raw.
    public mutating func appendString(_ s: Bytes, compress: Bool = true) {
        if s.count <= 11, let value = s.int64Value, value >= Int64(Int32.min), value <= Int64(Int32.max) {
            if value >= Int64(Int8.min) && value <= Int64(Int8.max) {
                bytes.append(0xC0)
                bytes.append(UInt8(bitPattern: Int8(value)))
            } else if value >= Int64(Int16.min) && value <= Int64(Int16.max) {
                bytes.append(0xC1)
                appendLittleEndian(UInt16(bitPattern: Int16(value)))
            } else {
                bytes.append(0xC2)
                appendLittleEndian(UInt32(bitPattern: Int32(value)))
            }
            return
        }
        s.withUnsafeBytes { appendBlob($0, compress: compress) }
    }

    /// A binary blob (a listpack, an intset, a ziplist): never an integer; when `compress`
    /// and longer than 20 bytes, LZF-compressed if that fits in 4 bytes less (Redis's budget
    /// for the compressor, which gives up with a margin: see `LZF`), else raw.
    public mutating func appendBlob(_ blob: [UInt8], compress: Bool = true) {
        blob.withUnsafeBytes { appendBlob($0, compress: compress) }
    }

    /// `appendBlob` for bytes held elsewhere (a node being built, a string's storage).
    mutating func appendBlob(_ raw: UnsafeRawBufferPointer, compress: Bool) {
        if compress && raw.count > 20, let packed = compressor.compress(raw, into: &compressed, budget: raw.count - 4) {
            bytes.append(0xC3)
            appendLength(packed)
            appendLength(raw.count)
            compressed.withUnsafeBytes { bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[0..<packed])) }
            return
        }
        appendLength(raw.count)
        bytes.append(contentsOf: raw)
    }

    public mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        var v = value.littleEndian
        withUnsafeBytes(of: &v) { bytes.append(contentsOf: $0) }
    }

    public mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        var v = value.bigEndian
        withUnsafeBytes(of: &v) { bytes.append(contentsOf: $0) }
    }

    /// An IEEE-754 double, little endian (ZSET_2 scores).
    public mutating func appendBinaryDouble(_ value: Double) {
        appendLittleEndian(value.bitPattern)
    }
}

/// Reads RDB-encoded items from a byte array, reporting where the data went wrong.
public struct RDBCursor {
    public let bytes: [UInt8]
    public private(set) var offset: Int

    public init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let reason: String
        public let offset: Int
        public var description: String { "\(reason) at offset \(offset)" }
    }

    public var isAtEnd: Bool { offset >= bytes.count }
    public var remaining: Int { bytes.count - offset }

    func fail(_ reason: String) -> Failure {
        Failure(reason: reason, offset: offset)
    }

    public mutating func readByte() throws(Failure) -> UInt8 {
        guard offset < bytes.count else { throw fail("Unexpected EOF reading RDB file") }
        defer { offset += 1 }
        return bytes[offset]
    }

    public mutating func readBytes(_ n: Int) throws(Failure) -> ArraySlice<UInt8> {
        guard n >= 0, n <= bytes.count - offset else { throw fail("Unexpected EOF reading RDB file") }
        defer { offset += n }
        return bytes[offset..<offset + n]
    }

    public mutating func readLittleEndian<T: FixedWidthInteger>(_: T.Type) throws(Failure) -> T {
        let raw = try readBytes(MemoryLayout<T>.size)
        var value: T = 0
        for (i, b) in raw.enumerated() { value |= T(truncatingIfNeeded: b) << (8 * i) }
        return value
    }

    public mutating func readBigEndian<T: FixedWidthInteger>(_: T.Type) throws(Failure) -> T {
        let raw = try readBytes(MemoryLayout<T>.size)
        var value: T = 0
        for b in raw { value = value << 8 | T(truncatingIfNeeded: b) }
        return value
    }

    /// A length, or the kind of special string encoding that follows (`isEncoded`).
    public mutating func readLength() throws(Failure) -> (value: UInt64, isEncoded: Bool) {
        let first = try readByte()
        switch first >> 6 {
        case 0: return (UInt64(first & 0x3F), false)
        case 1: return (UInt64(first & 0x3F) << 8 | UInt64(try readByte()), false)
        case 3: return (UInt64(first & 0x3F), true)
        default:
            if first == 0x80 { return (UInt64(try readBigEndian(UInt32.self)), false) }
            if first == 0x81 { return (try readBigEndian(UInt64.self), false) }
            offset -= 1
            throw fail("Unknown length encoding \(first) in rdbLoadLen()")
        }
    }

    /// A plain length that must fit in memory; absurd values are refused, not allocated.
    public mutating func readCount(limit: Int = 1 << 32) throws(Failure) -> Int {
        let (value, encoded) = try readLength()
        guard !encoded else { throw fail("Unexpected string encoding where a length was expected") }
        guard value <= UInt64(limit) else { throw fail("Length \(value) is out of range") }
        return Int(value)
    }

    /// A string in any of its encodings.
    public mutating func readString() throws(Failure) -> Bytes {
        // A plain string (the common case) straight from the file's bytes: one copy.
        let start = offset
        let (value, encoded) = try readLength()
        if !encoded {
            guard value <= UInt64(remaining) else { throw fail("Unexpected EOF reading RDB file") }
            let n = Int(value)
            defer { offset += n }
            return bytes.withUnsafeBytes { Bytes(UnsafeRawBufferPointer(rebasing: $0[offset..<offset + n])) }
        }
        offset = start
        return Bytes(try readStringBytes())
    }

    public mutating func readStringBytes() throws(Failure) -> [UInt8] {
        let start = offset
        let (value, encoded) = try readLength()
        if !encoded {
            guard value <= UInt64(remaining) else { throw fail("Unexpected EOF reading RDB file") }
            return Array(try readBytes(Int(value)))
        }
        switch value {
        case 0: return Bytes(integer: Int64(Int8(bitPattern: try readByte()))).array
        case 1: return Bytes(integer: Int64(Int16(bitPattern: try readLittleEndian(UInt16.self)))).array
        case 2: return Bytes(integer: Int64(Int32(bitPattern: try readLittleEndian(UInt32.self)))).array
        case 3:
            let compressed = try readCount()
            let length = try readCount(limit: 1 << 31)
            let body = try readBytes(compressed)
            // One 3-byte back reference yields at most 264 bytes: a larger claimed length is
            // a lie, refused before anything is allocated for it.
            guard length <= compressed * 88 else { throw Failure(reason: "Invalid LZF compressed string", offset: start) }
            do {
                return try LZF.decompress(body, length: length)
            } catch {
                throw Failure(reason: "Invalid LZF compressed string", offset: start)
            }
        default:
            throw Failure(reason: "Unknown RDB string encoding type \(value)", offset: start)
        }
    }

    public mutating func readBinaryDouble() throws(Failure) -> Double {
        Double(bitPattern: try readLittleEndian(UInt64.self))
    }
}
