import Foundation

// MARK: - Equatable and Hashable

extension Bytes: Equatable {
    @inlinable public static func == (lhs: Bytes, rhs: Bytes) -> Bool {
        // Two short strings, the common case (every key lookup ends here), are compared as
        // words without copying either: matching both storages as a pair would copy them,
        // and a copy of an enum that may hold an array is a call.
        if case .inline(let a) = lhs.storage, case .inline(let b) = rhs.storage {
            return a.0 == b.0 && a.1 == b.1 && a.2 == b.2 && a.3 == b.3
        }
        return heapEqual(lhs, rhs)
    }

    /// `==` when either string is on the heap.
    @usableFromInline static func heapEqual(_ lhs: Bytes, _ rhs: Bytes) -> Bool {
        switch (lhs.storage, rhs.storage) {
        case (.heap(let a), .heap(let b)):
            return a == b
        default:
            // A heap value is always longer than any inline one.
            return false
        }
    }
}

extension Bytes: Hashable {
    /// Hashes the same way as `fastHash` so that Swift collections and the keyspace agree.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(fastHash)
    }

    /// A deterministic 64-bit hash of the bytes.
    ///
    /// The keyspace uses its own hash rather than Swift's per-process randomised `Hasher`, so
    /// that SCAN order, RANDOMKEY and eviction samples are the same on every run with the same
    /// seed: tests and lessons depend on that.
    ///
    /// The bytes are read as little-endian 64-bit words; the last, partial word is padded
    /// with zeros. Every word is mixed in with a multiply and a shift, and the result goes
    /// through a final avalanche so that keys differing in one byte land far apart.
    @inlinable public var fastHash: UInt64 {
        switch storage {
        case .inline(let words):
            // An inline value keeps its bytes in these very words, zero beyond its length:
            // bytes 0...7 are `words.0`, bytes 8...13 are `words.1` and `words.2`. So the
            // words can be mixed as they are, with no byte loop, and the hash is the same as
            // the byte-by-byte one below.
            let count = UInt64(words.3)
            var h = Self.hashSeed ^ count
            var tail = words.0
            if count >= 8 {
                h = Self.mixWord(h, words.0)
                tail = UInt64(words.1) | UInt64(words.2) << 32
            }
            return Self.finishHash(h, tail: tail)
        case .heap:
            return withUnsafeBytes { raw in
                let n = raw.count
                var h = Self.hashSeed ^ UInt64(n)
                var i = 0
                while i + 8 <= n {
                    h = Self.mixWord(h, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                    i += 8
                }
                var tail: UInt64 = 0
                var shift: UInt64 = 0
                while i < n {
                    tail |= UInt64(raw[i]) << shift
                    shift += 8
                    i += 1
                }
                return Self.finishHash(h, tail: tail)
            }
        }
    }

    @usableFromInline static var hashSeed: UInt64 { 0x9E37_79B9_7F4A_7C15 }

    @inlinable @inline(__always) static func mixWord(_ h: UInt64, _ word: UInt64) -> UInt64 {
        let mixed = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
        return mixed ^ (mixed >> 31)
    }

    @inlinable @inline(__always) static func finishHash(_ h: UInt64, tail: UInt64) -> UInt64 {
        var h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        return h
    }
}

// MARK: - Comparable: byte-wise, as memcmp then length, the order Redis uses for members

extension Bytes: Comparable {
    public static func < (lhs: Bytes, rhs: Bytes) -> Bool {
        compare(lhs, rhs) < 0
    }

    /// Negative, zero or positive, as C's memcmp extended to different lengths.
    public static func compare(_ lhs: Bytes, _ rhs: Bytes) -> Int {
        lhs.withUnsafeBytes { a in
            rhs.withUnsafeBytes { b in
                let common = min(a.count, b.count)
                if common > 0 {
                    let c = memcmp(a.baseAddress!, b.baseAddress!, common)
                    if c != 0 { return Int(c) }
                }
                return a.count - b.count
            }
        }
    }
}

// MARK: - Literals and printing

extension Bytes: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        self.init(value)
    }
}

extension Bytes: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String { string }
    public var debugDescription: String { "Bytes(\(string.debugDescription))" }
}


// MARK: - Case-insensitive comparison for option names

extension Bytes {
    /// True when the bytes equal `keyword` ignoring ASCII case. `keyword` must be ASCII.
    @inlinable public func equalsIgnoringCase(_ keyword: StaticString) -> Bool {
        guard count == keyword.utf8CodeUnitCount else { return false }
        return withUnsafeBytes { raw in
            let k = keyword.utf8Start
            for i in 0..<raw.count {
                var c = raw[i]
                if c >= 65 && c <= 90 { c += 32 }
                var d = k[i]
                if d >= 65 && d <= 90 { d += 32 }
                if c != d { return false }
            }
            return true
        }
    }

    /// True when the bytes equal `keyword` ignoring ASCII case.
    ///
    /// Option parsing calls this for every argument it looks at (`NX`, `WITHSCORES`, ...), so
    /// it walks the keyword's UTF-8 view in place rather than copying it into an array.
    @inlinable public func equalsIgnoringCase(_ keyword: String) -> Bool {
        let utf8 = keyword.utf8
        guard count == utf8.count else { return false }
        return withUnsafeBytes { raw in
            var i = 0
            for d in utf8 {
                var c = raw[i]
                if c >= 65 && c <= 90 { c += 32 }
                let folded = d >= 65 && d <= 90 ? d + 32 : d
                if c != folded { return false }
                i += 1
            }
            return true
        }
    }
}
