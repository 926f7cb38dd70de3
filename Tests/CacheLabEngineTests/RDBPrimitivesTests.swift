import Testing
@testable import CacheLabEngine

@Suite struct RDBPrimitivesTests {
    @Test func crc64MatchesRedisTestVector() {
        #expect(CRC64.checksum(Array("123456789".utf8)) == 0xE9C6_D914_C4B8_D9CA)
        #expect(CRC64.checksum([]) == 0)
    }

    @Test func lzfRoundTripsSeededData() throws {
        var random = RandomSource(seed: 7)
        for trial in 0..<300 {
            let length = random.below(3000) + 1
            // Mix runs and noise so both literals and back references occur.
            var input: [UInt8] = []
            while input.count < length {
                if random.below(2) == 0 {
                    input += [UInt8](repeating: UInt8(random.below(4) + 97), count: random.below(40) + 1)
                } else {
                    input.append(UInt8(random.below(256)))
                }
            }
            input = Array(input.prefix(length))
            if let packed = LZF.compress(input) {
                #expect(packed.count < input.count)
                #expect(try LZF.decompress(packed[...], length: input.count) == input, "trial \(trial)")
            }
        }
    }

    /// One compressor reused across inputs (its table then holds positions from earlier
    /// inputs), with repeats longer than one reference can copy (264 bytes) and repeats
    /// near the farthest a reference reaches (8192 bytes back).
    @Test func lzfRoundTripsWithAReusedCompressor() throws {
        var random = RandomSource(seed: 11)
        var compressor = LZF.Compressor()
        var compressed = 0
        for trial in 0..<40 {
            let block = (0..<(random.below(600) + 4)).map { _ in UInt8(random.below(256)) }
            var input: [UInt8] = []
            while input.count < 20_000 {
                input += random.below(3) == 0 ? block : (0..<random.below(8200)).map { _ in UInt8(random.below(256)) }
                if random.below(4) == 0 { input += [UInt8](repeating: 9, count: random.below(1000)) }
            }
            // Mostly noise, some trials do not shrink: then there is nothing to decode.
            guard let packed = input.withUnsafeBytes({ compressor.compress($0) }) else { continue }
            compressed += 1
            #expect(try LZF.decompress(packed[...], length: input.count) == input, "trial \(trial)")
        }
        #expect(compressed >= 20)
    }

    @Test func lzfCompressesRepetitiveText() throws {
        let input = [UInt8](repeating: 120, count: 1000)
        let packed = try #require(LZF.compress(input))
        #expect(packed.count < 30)
        #expect(try LZF.decompress(packed[...], length: 1000) == input)
    }

    /// Redis's compressed bytes for three strings (from `DUMP` on redis-server 7.0.15); the
    /// 21-byte one does not fit in its budget of 17, so Redis stores it raw.
    @Test(arguments: [
        (String(repeating: "x", count: 1000), [0x01, 0x78, 0x78, 0xE0, 0xFF, 0x00, 0xE0, 0xFF, 0x00, 0xE0, 0xFF, 0x00, 0xE0, 0xC3, 0x00, 0x01, 0x78, 0x78] as [UInt8]),
        ("abcabcabcabcabcabcabcabc-abcabc", [0x03, 0x61, 0x62, 0x63, 0x61, 0xE0, 0x0B, 0x02, 0x00, 0x2D, 0x40, 0x15, 0x01, 0x62, 0x63]),
        ("123456789012345678901", []),
    ])
    func lzfMakesRedisChoices(input: String, expected: [UInt8]) {
        let bytes = Array(input.utf8)
        var compressor = LZF.Compressor()
        var out: [UInt8] = []
        let size = bytes.withUnsafeBytes { compressor.compress($0, into: &out, budget: bytes.count - 4) }
        #expect(size.map { Array(out.prefix($0)) } == (expected.isEmpty ? nil : expected))
    }

    @Test func lzfRejectsMalformedStreams() {
        #expect(throws: LZF.DecompressError.invalid) { try LZF.decompress([0x20, 0x05][...], length: 10) }
        #expect(throws: LZF.DecompressError.invalid) { try LZF.decompress([0x05, 1, 2][...], length: 6) }
        #expect(throws: LZF.DecompressError.invalid) { try LZF.decompress([0x00, 65][...], length: 2) }
        #expect(throws: LZF.DecompressError.invalid) { try LZF.decompress([0x00, 65][...], length: 0) }
        #expect(throws: LZF.DecompressError.invalid) { try LZF.decompress([0x00, 65, 0x40, 0x01][...], length: 5) }
    }

    @Test func lzfEdgeCases() throws {
        #expect(try LZF.decompress([][...], length: 0) == [])
        // A literal "A", then a back reference one byte back for 4 bytes: it reads what it writes.
        #expect(try LZF.decompress([0x00, 65, 0x40, 0x00][...], length: 5) == Array("AAAAA".utf8))
        // "ab" then 7 bytes two back (overlapping), then a 20-byte literal run.
        let literal = (0..<20).map { UInt8(100 + $0) }
        #expect(try LZF.decompress([0x01, 97, 98, 0xA0, 0x01, 0x13] + literal[...], length: 29)
                == Array("ababababa".utf8) + literal)
    }

    @Test func lengthsUseTheSmallestForm() throws {
        for (value, size) in [(0, 1), (63, 1), (64, 2), (16383, 2), (16384, 5), (Int(UInt32.max), 5), (Int(UInt32.max) + 1, 9)] {
            var buffer = RDBBuffer()
            buffer.appendLength(value)
            #expect(buffer.bytes.count == size, "length \(value)")
            var cursor = RDBCursor(buffer.bytes)
            #expect(try cursor.readLength() == (UInt64(value), false))
        }
    }

    @Test func stringsUseIntegerAndLZFEncodings() throws {
        let cases: [(Bytes, UInt8?)] = [("12", 0xC0), ("-129", 0xC1), ("100000", 0xC2), ("123456789012", nil), ("012", nil),
                                        (Bytes(String(repeating: "ab", count: 50)), 0xC3), ("hello", nil)]
        for (text, prefix) in cases {
            var buffer = RDBBuffer()
            buffer.appendString(text)
            if let prefix { #expect(buffer.bytes.first == prefix, "\(text)") }
            var cursor = RDBCursor(buffer.bytes)
            #expect(try cursor.readString() == text)
            #expect(cursor.isAtEnd)
        }
    }

    @Test func truncatedInputReportsTheOffset() {
        var cursor = RDBCursor([0x05, 65, 66])
        #expect(throws: RDBCursor.Failure.self) { try cursor.readString() }
    }
}
