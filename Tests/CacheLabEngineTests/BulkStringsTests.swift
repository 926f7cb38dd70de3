import Testing
@testable import CacheLabEngine

/// `BulkStrings`, the compact reply of range reads, against the plain array of bulk strings
/// it stands for: same strings, same equality and hash, same bytes on the wire.
@Suite struct BulkStringsTests {
    /// Strings of every length from empty to well past the 14 bytes kept inline.
    static let strings: [Bytes] = (0...40).map { length in Bytes((0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ length) }) }

    @Test func holdsEachStringInOrder() {
        let compact = BulkStrings(Self.strings)
        #expect(compact.count == Self.strings.count)
        #expect(compact.byteCount == Self.strings.reduce(0) { $0 + $1.count })
        #expect(Array(compact) == Self.strings)
        #expect(BulkStrings([Bytes()]).count == 1)
        #expect(BulkStrings([Bytes()])[0] == Bytes())
        #expect(BulkStrings().isEmpty)
        #expect(BulkStrings([Bytes]()) == BulkStrings())
    }

    /// The padded copy reads a short string straight from the value's memory: this fails if
    /// Swift ever lays `Bytes` out differently.
    @Test func paddedCopyCopiesEveryLength() {
        for string in Self.strings {
            var buffer = [UInt8](repeating: 0xEE, count: string.count + Bytes.copyPadding)
            var source = string
            let copied = buffer.withUnsafeMutableBytes { out in
                withUnsafePointer(to: &source) { Bytes.copy(at: $0, toPadded: out.baseAddress!) }
            }
            #expect(copied == string.count)
            #expect(Bytes(buffer[0..<copied]) == string)
            let byValue = buffer.withUnsafeMutableBytes { string.copy(toPadded: $0.baseAddress!) }
            #expect(byValue == string.count)
        }
    }

    @Test func equalsAndHashesAsTheArrayItStandsFor() {
        let compact = Reply.bulkStrings(BulkStrings(Self.strings))
        let array = Reply.array(Self.strings.map(Reply.bulk))
        #expect(compact == array)
        #expect(array == compact)
        #expect(compact.hashValue == array.hashValue)
        #expect(Set([compact, array]).count == 1)
        #expect(compact != .array(Self.strings.dropLast().map(Reply.bulk)))
        #expect(compact != .set(Self.strings.map(Reply.bulk)))
        #expect(Reply.bulkStrings(BulkStrings()) == .emptyArray)
        #expect(Reply.bulkStrings(BulkStrings(["a"])) != .array([.status("a")]))
        // Nested, as in an EXEC reply.
        #expect(Reply.array([compact, .integer(1)]) == .array([array, .integer(1)]))
    }

    @Test func encodesAsTheArrayOnTheWire() {
        for version in [2, 3] {
            let encoder = RESPEncoder(protocolVersion: version)
            #expect(encoder.encode(.bulkStrings(BulkStrings(Self.strings))) == encoder.encode(.array(Self.strings.map(Reply.bulk))))
            #expect(encoder.encode(.bulkStrings(BulkStrings())) == Array("*0\r\n".utf8))
        }
    }

    /// ZRANGE and ZREVRANGE by rank (which build `BulkStrings` straight from the skiplist)
    /// against a sorted model, over ranges of every kind: on short members only (read in
    /// one pass up to `onePassLimit`, longer ranges exactly) and with long ones mixed in
    /// (where the one pass gives up).
    @Test(arguments: [(1200, 0), (300, 30), (40, 1)])
    func rankRangesMatchAModel(size: Int, longest padding: Int) {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        var model: [(score: Double, member: Bytes)] = []
        var random = RandomSource(seed: 7)
        for i in 0..<size {
            let member = Bytes("m\(i)" + String(repeating: "x", count: padding == 0 ? 0 : random.below(padding)))
            let score = Double(random.below(50))
            model.append((score, member))
            _ = engine.execute([Bytes("ZADD"), "z", Bytes(DoubleFormat.reply(score)), member], session: session)
        }
        model.sort { $0.score < $1.score || ($0.score == $1.score && $0.member < $1.member) }
        let reversedModel = Array(model.reversed())
        let n = model.count
        let bounds = [0, 1, 5, 13, n / 2, n - 2, n - 1, n, 5000, -1, -2, -n / 2, -n + 1, -n, -n - 1, -5000]
        for start in bounds {
            for end in bounds {
                let ranks = Self.ranks(start, end, count: n)
                let forward = engine.execute([Bytes("ZRANGE"), "z", Bytes(integer: start), Bytes(integer: end)], session: session)
                let backward = engine.execute([Bytes("ZREVRANGE"), "z", Bytes(integer: start), Bytes(integer: end)],
                                              session: session)
                #expect(forward == .array(ranks.map { .bulk(model[$0].member) }), "ZRANGE z \(start) \(end)")
                #expect(backward == .array(ranks.map { .bulk(reversedModel[$0].member) }), "ZREVRANGE z \(start) \(end)")
            }
        }
    }

    /// Redis's clamping of a rank range, written out plainly.
    static func ranks(_ start: Int, _ end: Int, count: Int) -> [Int] {
        var s = start < 0 ? count + start : start
        var e = end < 0 ? count + end : end
        if s < 0 { s = 0 }
        if e >= count { e = count - 1 }
        return s > e || s >= count ? [] : Array(s...e)
    }
}
