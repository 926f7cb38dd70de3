/// A binary-safe byte string: every key, value, argument and bulk reply in CacheLab.
///
/// Redis keys and values are bytes, not text: `SET k "a\x00b"` must round-trip, and a value may
/// be half of a UTF-8 sequence. Swift's `String` would normalise or reject such data, so the
/// engine never uses it for user data.
///
/// Most keys and values are short (`user:42`, `value:1000`), so `Bytes` keeps up to 14 bytes
/// inline in its own 16 bytes of storage and only allocates for longer strings. A million
/// short keys then cost no heap allocations at all, which is how CacheLab stays within the
/// memory of a real Redis holding the same data.
public struct Bytes: Sendable {
    /// Bytes 0...13 hold the data, byte 14 the length; unused bytes are always zero so that two
    /// inline values compare equal exactly when their words do.
    @usableFromInline typealias InlineWords = (UInt64, UInt32, UInt16, UInt8)

    @usableFromInline enum Storage: Sendable {
        case inline(InlineWords)
        case heap([UInt8])
    }

    @usableFromInline var storage: Storage

    /// How many bytes fit without a heap allocation.
    public static let inlineCapacity = 14

    @inlinable public init() {
        storage = .inline((0, 0, 0, 0))
    }

    /// Copies the bytes of a buffer.
    @inlinable public init(_ buffer: UnsafeRawBufferPointer) {
        if buffer.count <= Bytes.inlineCapacity {
            var words: InlineWords = (0, 0, 0, UInt8(buffer.count))
            withUnsafeMutableBytes(of: &words) { raw in
                if let base = buffer.baseAddress, buffer.count > 0 {
                    raw.baseAddress!.copyMemory(from: base, byteCount: buffer.count)
                }
            }
            storage = .inline(words)
        } else {
            storage = .heap(Array(buffer))
        }
    }

    /// Takes ownership of an array of bytes.
    @inlinable public init(_ array: [UInt8]) {
        if array.count <= Bytes.inlineCapacity {
            self = array.withUnsafeBytes { Bytes($0) }
        } else {
            storage = .heap(array)
        }
    }

    @inlinable public init<S: Sequence>(_ sequence: S) where S.Element == UInt8 {
        self.init(Array(sequence))
    }

    /// The UTF-8 bytes of a string.
    @inlinable public init(_ string: String) {
        var copy = string
        self = copy.withUTF8 { Bytes(UnsafeRawBufferPointer($0)) }
    }

    @inlinable public var count: Int {
        switch storage {
        case .inline(let words): return Int(words.3)
        case .heap(let array): return array.count
        }
    }

    @inlinable public var isEmpty: Bool { count == 0 }

    /// Calls `body` with the bytes, without copying them.
    @inlinable public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch storage {
        case .inline(var words):
            let length = Int(words.3)
            return try Swift.withUnsafeBytes(of: &words) { raw in
                try body(UnsafeRawBufferPointer(rebasing: raw[0..<length]))
            }
        case .heap(let array):
            return try array.withUnsafeBytes(body)
        }
    }

    /// The bytes as an array (a copy for inline values, shared storage otherwise).
    @inlinable public var array: [UInt8] {
        switch storage {
        case .inline: return withUnsafeBytes { Array($0) }
        case .heap(let array): return array
        }
    }

    @inlinable public subscript(index: Int) -> UInt8 {
        precondition(index >= 0 && index < count, "Bytes index out of range")
        return withUnsafeBytes { $0[index] }
    }

    /// The bytes in `range`, which must lie within the string.
    @inlinable public subscript(range: Range<Int>) -> Bytes {
        withUnsafeBytes { Bytes(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    /// The bytes decoded as UTF-8, with invalid sequences replaced. For messages, never for data.
    public var string: String {
        withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// This string followed by `other`.
    public static func + (lhs: Bytes, rhs: Bytes) -> Bytes {
        var result = lhs.array
        rhs.withUnsafeBytes { result.append(contentsOf: $0) }
        return Bytes(result)
    }

    /// The bytes with ASCII letters in lower case (command names, option names). Short
    /// strings are folded inline, without touching the heap: this runs for every command.
    @inlinable public var lowercased: Bytes {
        switch storage {
        case .inline(var words):
            // Eight letters at a time; the zero bytes past the end stay zero.
            words.0 = Self.asciiLowercased(words.0)
            let rest = Self.asciiLowercased(UInt64(words.1) | UInt64(words.2) << 32)
            words.1 = UInt32(truncatingIfNeeded: rest)
            words.2 = UInt16(truncatingIfNeeded: rest >> 32)
            return Bytes(storage: .inline(words))
        case .heap(let array):
            return Bytes(array.map { ($0 >= 65 && $0 <= 90) ? $0 + 32 : $0 })
        }
    }

    /// An inline string's 16 bytes of storage as two words: bytes 0...7, then bytes 8...13 with
    /// the length in byte 14; nil for a string on the heap. Two inline strings are equal
    /// exactly when their words are, so a short string can be a key of two integers.
    @inlinable var inlineWords: (UInt64, UInt64)? {
        guard case .inline(let words) = storage else { return nil }
        return (words.0, UInt64(words.1) | UInt64(words.2) << 32 | UInt64(words.3) << 48)
    }

    /// Lower-cases the ASCII letters among eight bytes at once, leaving every other byte as
    /// it is. For each byte, bit 7 of `atLeastA` says "low seven bits >= 'A'", bit 7 of
    /// `aboveZ` says "low seven bits > 'Z'" (the additions never carry into the next byte),
    /// and a byte with bit 7 set is not ASCII at all. The bytes that are upper-case letters
    /// then gain 0x20, the difference between 'A' and 'a'.
    @inlinable static func asciiLowercased(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits = ones &* 0x80
        let sevenBits = word & ~highBits
        let atLeastA = sevenBits &+ ones &* (0x80 - 0x41)
        let aboveZ = sevenBits &+ ones &* (0x80 - 0x5B)
        let isUpper = atLeastA & ~aboveZ & ~word & highBits
        return word | (isUpper >> 2)
    }

    @inlinable init(storage: Storage) {
        self.storage = storage
    }
}
