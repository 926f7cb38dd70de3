import Testing
@testable import CacheLabEngine

/// Reusing a range reply's buffer must never change a reply somebody still holds: a buffer
/// is filled again only once its last reader has let go of it.
@Suite struct BulkStringsSpareTests {
    static func build(_ strings: [Bytes], reusing spare: inout BulkStrings.Spare) -> BulkStrings {
        BulkStrings(count: strings.count, byteLimit: strings.reduce(0) { $0 + $1.count }, reusing: &spare) { writer in
            for string in strings { writer.append(string) }
            return true
        }!
    }

    static func identity(_ strings: BulkStrings) -> ObjectIdentifier { ObjectIdentifier(strings.storage!) }

    @Test func aDroppedReplysBufferIsFilledAgain() {
        var spare = BulkStrings.Spare()
        let first = Self.identity(Self.build(["a", "bb", "ccc"], reusing: &spare))
        let second = Self.build(["dd", "e"], reusing: &spare)
        #expect(Self.identity(second) == first)
        #expect(Array(second) == ["dd", "e"])
    }

    @Test func aHeldReplyIsNeverTouched() {
        var spare = BulkStrings.Spare()
        let held = Self.build(["a", "bb", "ccc"], reusing: &spare)
        let next = Self.build(["x", "yy", "zzz"], reusing: &spare)
        #expect(Self.identity(next) != Self.identity(held))
        #expect(Array(held) == ["a", "bb", "ccc"])
        #expect(Array(next) == ["x", "yy", "zzz"])
    }

    @Test func aBufferWithTooLittleRoomIsReplaced() {
        var spare = BulkStrings.Spare()
        let small = Self.identity(Self.build(["a"], reusing: &spare))
        let large = Self.build(Array(repeating: "0123456789", count: 50), reusing: &spare)
        #expect(Self.identity(large) != small)
        #expect(large.count == 50 && large.allSatisfy { $0 == "0123456789" })
    }

    @Test func aHugeBufferIsNotKept() {
        var spare = BulkStrings.Spare()
        _ = Self.build(["small"], reusing: &spare)
        #expect(spare.holdsBuffer)
        let huge = Array(repeating: Bytes(Array(repeating: UInt8(ascii: "h"), count: 1000)), count: 100)
        #expect(huge.count * 1000 > BulkStrings.Spare.maximumRoom)
        let built = Self.build(huge, reusing: &spare)
        #expect(!spare.holdsBuffer)
        #expect(Array(built) == huge)
    }

    /// Every reply of a run of ZRANGEs kept to the end, then checked: the buffers behind the
    /// earlier ones were not reused while they were held.
    @Test func keptRangeRepliesStayAsTheyWere() {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        for i in 0..<300 {
            _ = engine.execute(["ZADD", "z", Bytes(integer: i), Bytes("m\(i)")], session: session)
        }
        var kept: [(reply: Reply, start: Int)] = []
        for start in stride(from: 0, to: 280, by: 7) {
            kept.append((engine.execute(["ZRANGE", "z", Bytes(integer: start), Bytes(integer: start + 9)], session: session), start))
            // A reply dropped in between, whose buffer may be reused.
            _ = engine.execute(["ZREVRANGE", "z", "0", "4"], session: session)
        }
        for (reply, start) in kept {
            #expect(reply == .array((start...start + 9).map { .bulk(Bytes("m\($0)")) }), "ZRANGE z \(start) \(start + 9)")
        }
    }
}
