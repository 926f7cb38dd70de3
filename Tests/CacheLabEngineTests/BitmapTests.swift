import Testing
@testable import CacheLabEngine

/// Bitmap internals: bitfield arithmetic, range resolution, in-place editing, and when a
/// command signals WATCHers.
@Suite struct BitmapTests {
    @Test func signedOverflow() {
        typealias I = BitfieldInteger
        #expect(I.signedSum(100, 27, bits: 8, overflow: .wrap) == (127, false))
        #expect(I.signedSum(100, 28, bits: 8, overflow: .wrap) == (-128, true))
        #expect(I.signedSum(100, 28, bits: 8, overflow: .sat) == (127, true))
        #expect(I.signedSum(-100, -29, bits: 8, overflow: .sat) == (-128, true))
        #expect(I.signedSum(-100, -29, bits: 8, overflow: .wrap) == (127, true))
        #expect(I.signedSum(.max, 1, bits: 64, overflow: .wrap) == (.min, true))
        #expect(I.signedSum(.max, 1, bits: 64, overflow: .sat) == (.max, true))
        #expect(I.signedSum(.min, -1, bits: 64, overflow: .sat) == (.min, true))
        #expect(I.signedSum(-1, .min, bits: 64, overflow: .sat) == (.min, true))
        #expect(I.signedSum(0, 0, bits: 1, overflow: .sat) == (0, false))
        #expect(I.signedSum(1, 0, bits: 1, overflow: .wrap) == (-1, true))
        // SET passes its value with a zero increment.
        #expect(I.signedSum(200, 0, bits: 8, overflow: .wrap) == (-56, true))
        #expect(I.signedSum(-256, 0, bits: 8, overflow: .sat) == (-128, true))
        // Redis's wrapping headroom: a hugely negative SET saturates to the maximum.
        #expect(I.signedSum(.min, 0, bits: 39, overflow: .sat) == ((1 << 38) - 1, true))
        #expect(I.signedSum(.min + 127, 0, bits: 8, overflow: .sat) == (127, true))
        #expect(I.signedSum(.min + 128, 0, bits: 8, overflow: .sat) == (-128, true))
    }

    @Test func unsignedOverflow() {
        typealias I = BitfieldInteger
        #expect(I.unsignedSum(250, 5, bits: 8, overflow: .wrap) == (255, false))
        #expect(I.unsignedSum(250, 6, bits: 8, overflow: .wrap) == (0, true))
        #expect(I.unsignedSum(250, 6, bits: 8, overflow: .sat) == (255, true))
        #expect(I.unsignedSum(5, -6, bits: 8, overflow: .sat) == (0, true))
        #expect(I.unsignedSum(5, -6, bits: 8, overflow: .wrap) == (255, true))
        #expect(I.unsignedSum(5, .min, bits: 63, overflow: .wrap) == (5, true))
        // SET u8 0 -1 is 2^64-1: above the maximum, so SAT gives 255, not 0, as in Redis.
        #expect(I.unsignedSum(UInt64(bitPattern: -1), 0, bits: 8, overflow: .sat) == (255, true))
        #expect(I.unsignedSum(UInt64(Int64.max), 1, bits: 63, overflow: .wrap) == (0, true))
    }

    @Test func fieldsAreReadAndWrittenMostSignificantBitFirst() {
        var bytes: [UInt8] = [0, 0, 0]
        bytes.withUnsafeMutableBytes { BitfieldInteger.write(0b101, to: $0, offset: 6, bits: 3) }
        #expect(bytes == [0b0000_0010, 0b1000_0000, 0])
        bytes.withUnsafeBytes { raw in
            #expect(BitfieldInteger.read(raw, offset: 6, bits: 3) == 5)
            #expect(BitfieldInteger.readSigned(raw, offset: 6, bits: 3) == -3)
            // Past the end reads as zero.
            #expect(BitfieldInteger.read(raw, offset: 20, bits: 64) == 0)
        }
    }

    @Test func rangesResolveLikeRedis() {
        // "foobar" is 6 bytes.
        #expect(BitmapRange.resolve(start: 0, end: -1, length: 6, unit: .byte).map { [$0.firstBit, $0.lastBit] } == [0, 47])
        #expect(BitmapRange.resolve(start: -100, end: 100, length: 6, unit: .byte).map { [$0.firstBit, $0.lastBit] } == [0, 47])
        #expect(BitmapRange.resolve(start: 5, end: 30, length: 6, unit: .bit).map { [$0.firstBit, $0.lastBit] } == [5, 30])
        #expect(BitmapRange.resolve(start: 3, end: 2, length: 6, unit: .byte) == nil)
        #expect(BitmapRange.resolve(start: 0, end: 0, length: 0, unit: .byte) == nil)
    }

    @Test func setbitEditsInPlaceAndSignalsOnlyChanges() {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        let watcher = engine.makeSession()
        let db = engine.databases[0]
        _ = engine.execute(["SETBIT", "b", "1000", "1"], session: session)
        func address() -> UInt? {
            guard case .string(let s)? = db.table["b"]?.value, case .heap(let array) = s.bytes.storage else { return nil }
            return array.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        }
        let before = address()
        #expect(before != nil)

        db.watchers["b"] = [watcher]
        #expect(engine.execute(["SETBIT", "b", "1000", "1"], session: session) == .one)
        #expect(!watcher.transactionIsDirty)
        #expect(engine.execute(["SETBIT", "b", "3", "0"], session: session) == .zero)
        #expect(!watcher.transactionIsDirty)
        #expect(engine.execute(["SETBIT", "b", "3", "1"], session: session) == .zero)
        #expect(watcher.transactionIsDirty)
        #expect(address() == before)

        guard case .string(let s)? = db.table["b"]?.value else { Issue.record("no string"); return }
        #expect(s.isRaw)
        #expect(s.bytes.count == 126)
    }

    @Test func setbitIsFastEnoughToEditLargeBitmaps() {
        // A 1 MB bitmap edited 100000 times must not be copied on each edit (which would take
        // minutes): this finishes in well under a second even in a debug build.
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        _ = engine.execute(["SETBIT", "big", "8388607", "1"], session: session)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for i in 0..<100_000 {
                _ = engine.execute(["SETBIT", "big", Bytes(integer: (i &* 7919) % 8_388_608), "1"], session: session)
            }
        }
        #expect(elapsed < .seconds(20))
        #expect(engine.execute(["BITCOUNT", "big"], session: session) != .zero)
    }
}
