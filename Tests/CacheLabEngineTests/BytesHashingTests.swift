import Testing
@testable import CacheLabEngine

/// `fastHash` and `lowercased` take word-at-a-time shortcuts for inline values. The keyspace's
/// SCAN order, RANDOMKEY and eviction samples depend on the exact hash, so the shortcuts must
/// give the same answers as the plain byte-by-byte definitions, for every length and byte.
@Suite struct BytesHashingTests {
    /// The hash's definition, one byte at a time.
    static func referenceHash(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var i = 0
        while i + 8 <= bytes.count {
            var word: UInt64 = 0
            for j in 0..<8 { word |= UInt64(bytes[i + j]) << (8 * UInt64(j)) }
            h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        var tail: UInt64 = 0
        for j in i..<bytes.count { tail |= UInt64(bytes[j]) << (8 * UInt64(j - i)) }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        return h
    }

    /// Seeded bytes of every value, so that high bytes and zero bytes both occur.
    static func samples() -> [[UInt8]] {
        var random = RandomSource(seed: 42)
        return (0...40).flatMap { length in
            (0..<20).map { _ in (0..<length).map { _ in UInt8(truncatingIfNeeded: random.below(256)) } }
        }
    }

    @Test func fastHashMatchesTheByteByByteDefinition() {
        for bytes in Self.samples() {
            #expect(Bytes(bytes).fastHash == Self.referenceHash(bytes), "\(bytes)")
        }
    }

    @Test func fastHashOfAKnownKeyIsStable() {
        // Pinned so that a change of the hash, which reorders SCAN and eviction samples, is a
        // deliberate one.
        #expect(Bytes("key:1").fastHash == 0x50FC_7126_0B10_F478)
        #expect(Bytes("user:1000:name").fastHash == 0x8933_3FCC_FD82_A783)
        #expect(Bytes("a longer key on the heap").fastHash == 0xF230_8AFD_0DCF_77E6)
    }

    @Test func lowercasedChangesOnlyASCIILetters() {
        for bytes in Self.samples() + [Array("GET".utf8), Array("@[`{AZaz".utf8), Array("ZADD\u{00C0}X".utf8)] {
            let expected = bytes.map { (65...90).contains($0) ? $0 + 32 : $0 }
            #expect(Bytes(bytes).lowercased == Bytes(expected), "\(bytes)")
        }
    }
}
