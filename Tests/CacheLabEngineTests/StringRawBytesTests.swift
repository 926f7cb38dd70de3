import Testing
@testable import CacheLabEngine

/// `String(preservingBytes:)` and `preservedBytes`: error texts that quote bytes which are
/// not UTF-8 must give back exactly those bytes.
@Suite struct StringRawBytesTests {
    @Test func validUTF8StaysText() {
        #expect(String(preservingBytes: Array("abc é €".utf8)) == "abc é €")
        #expect(String(preservingBytes: [UInt8]()) == "")
    }

    @Test func strayBytesRoundTrip() {
        let samples: [[UInt8]] = [
            [0xFF], [0xC3], [0x61, 0xE9, 0x62], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80],
            [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82], [0xC3, 0xA9, 0xFF],
            // The UTF-8 of a code point used for escaping must not collapse into one byte.
            [0xF4, 0x8F, 0xBB, 0xBF], [0xF4, 0x8F, 0xBA, 0x80],
        ]
        for bytes in samples {
            #expect(String(preservingBytes: bytes).preservedBytes == bytes, "\(bytes)")
        }
    }

    @Test func everyByteRoundTrips() {
        // Half the bytes come from lead and continuation bytes of real sequences, so that
        // valid, truncated and overlong ones all turn up.
        let pool: [UInt8] = [0x61, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, 0xF4, 0x8F, 0xBA, 0xBF, 0xED, 0xC0]
        var random = RandomSource(seed: 7)
        for _ in 0..<2_000 {
            let bytes = (0..<random.below(12)).map { _ in
                random.below(2) == 0 ? pool[random.below(pool.count)] : UInt8(truncatingIfNeeded: random.next())
            }
            #expect(String(preservingBytes: bytes).preservedBytes == bytes)
        }
    }

    @Test func strayByteIsOneCharacter() {
        let text = String(preservingBytes: [0x61, 0xFF, 0x62])
        #expect(text.unicodeScalars.count == 3)
        #expect(text.hasPrefix("a") && text.hasSuffix("b"))
    }

    @Test func unknownCommandQuotesRawBytes() {
        let reply = RedisError.unknownCommand([Bytes([0xFF, 0xFE]), Bytes([0xC3])])
        #expect(reply.errorMessage.map { Array($0.preservedBytes) }
            == Array("ERR unknown command '".utf8) + [0xFF, 0xFE] + Array("', with args beginning with: '".utf8) + [0xC3] + Array("' ".utf8))
        #expect(RESPEncoder().encode(reply) == [UInt8(ascii: "-")] + reply.errorMessage!.preservedBytes + [13, 10])
    }
}
