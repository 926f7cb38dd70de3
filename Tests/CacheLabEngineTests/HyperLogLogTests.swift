import Testing
@testable import CacheLabEngine

/// HyperLogLog internals the differential scripts cannot isolate: the hash, the sparse to
/// dense promotion, and the estimator over a wide range of cardinalities. Every expectation
/// below was recorded from a real Redis 7.0.15 (see each test for how).
@Suite struct HyperLogLogTests {
    private func run(_ engine: Engine, _ session: Session, _ args: [Bytes]) -> Reply {
        engine.execute(args, session: session)
    }

    private func stored(_ engine: Engine, _ key: Bytes) -> [UInt8] {
        guard case .string(let s)? = engine.databases[0].table[key]?.value else { return [] }
        return s.bytes.array
    }

    /// FNV-1a, 64 bits: a short fingerprint of a whole HyperLogLog string.
    private func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    /// (element, register, count) as Redis reports them: the element was added alone to a new
    /// key, and the register and its value were read with PFDEBUG DECODE (or PFDEBUG GETREG
    /// once dense) on redis-server 7.0.15.
    static let placements: [([UInt8], Int, UInt8)] = [
        ([], 5938, 2),
        ([0x61], 12711, 2),
        ([0x62], 15780, 1),
        ([0x61, 0x62], 719, 1),
        ([0x61, 0x62, 0x63], 9474, 1),
        ([0x61, 0x62, 0x63, 0x64], 11070, 8),
        ([0x61, 0x62, 0x63, 0x64, 0x65], 3726, 4),
        ([0x61, 0x62, 0x63, 0x64, 0x65, 0x66], 13647, 2),
        ([0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67], 5634, 2),
        ([0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68], 1383, 1),
        ([0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69], 6903, 1),
        ([0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f, 0x70], 9328, 1),
        ([0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f, 0x70, 0x71], 4271, 1),
        ([0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x20, 0x77, 0x6f, 0x72, 0x6c, 0x64], 9399, 4),
        ([0x00], 8840, 2),
        ([0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00], 849, 1),
        ([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 10316, 1),
        ([0x66, 0x6f, 0x6f], 7348, 5),
        ([0x62, 0x61, 0x72], 10007, 1),
        ([0x72, 0x65, 0x64, 0x69, 0x73], 9467, 2),
        ([0x43, 0x61, 0x63, 0x68, 0x65, 0x4c, 0x61, 0x62], 99, 1),
        ([0x65, 0x6c, 0x3a, 0x30], 9489, 3),
        ([0x65, 0x6c, 0x3a, 0x39, 0x39, 0x39, 0x39, 0x39], 10919, 1),
        ([0x78, 0x38, 0x37, 0x38, 0x34], 16383, 2),
        ([0x22, 0x95, 0xe7, 0x76, 0xdc, 0x15, 0xca, 0x3f], 16383, 51),
        ([0xfc, 0xe7, 0xa4, 0xa5, 0x62, 0x58, 0xcd, 0xbf], 5, 33),
        ([0x7e, 0x5c, 0xd3, 0x88, 0xd0, 0x02, 0xd0, 0x1b], 0, 40),
        (Array(0..<32), 6466, 1),
    ]

    @Test func murmurHashPlacesElementsWhereRedisDoes() {
        for (element, register, count) in Self.placements {
            let placed = element.withUnsafeBytes { HyperLogLog.pattern(of: $0) }
            #expect(placed.index == register && placed.count == count, "element \(element)")
        }
    }

    @Test func murmurHashFullValue() {
        // Redis puts this element in register 16383 with count 51, the maximum: the 50 high
        // bits of its hash are all zero, so the whole hash is exactly 16383.
        let element: [UInt8] = [0x22, 0x95, 0xe7, 0x76, 0xdc, 0x15, 0xca, 0x3f]
        #expect(element.withUnsafeBytes { MurmurHash64A.hash($0, seed: HyperLogLog.hashSeed) } == 16383)
    }

    /// (elements added, PFCOUNT, string length before PFCOUNT, FNV-1a of the string before
    /// PFCOUNT, FNV-1a after PFCOUNT), recorded from redis-server 7.0.15 by adding "el:0",
    /// "el:1", ... with PFADD (1000 per command) and calling GET, PFCOUNT, GET at each step.
    static let checkpoints: [(Int, Int64, Int, UInt64, UInt64)] = [
        (1, 1, 21, 0xdb51255458759aef, 0xcf17af4ce8329168),
        (2, 2, 24, 0xac89a1e2b52ac0ce, 0xa65a13fc8a0c355d),
        (3, 3, 27, 0x409c26860a36e58c, 0x0e80743bbe24a82b),
        (4, 4, 30, 0xcf4d8adad018ff2c, 0x9682d05476d94a8b),
        (5, 5, 33, 0x832c09847a36fe63, 0x7d3961432f316378),
        (6, 6, 36, 0xc1f347dbb6223735, 0xc3c0ca64fa00a126),
        (7, 7, 39, 0x4f76a6ff9d3bd420, 0xe8299e51455df8eb),
        (8, 8, 42, 0xd20664e90a25595c, 0xe6ee73f751028e5b),
        (9, 9, 45, 0xff3c2871a18341c8, 0x19e32bd81abd1e8f),
        (10, 10, 48, 0x7c97696322dea59b, 0xf09b0b0c434960b4),
        (20, 20, 78, 0xdd13348691fa1802, 0x7baf76da049c5574),
        (30, 30, 107, 0x7af0ecf7bb9f0e9d, 0x86dcdaa04be21ee7),
        (50, 50, 163, 0xc08e6bc0614f4132, 0xd9b1a3831ed65196),
        (75, 75, 227, 0x9830611720426b9a, 0x6bf675530997c219),
        (100, 100, 289, 0xc174318049ec8642, 0xa521bddb7ddeb587),
        (150, 151, 398, 0xb4c1a9039dc4c863, 0x878cc20a27e0a318),
        (200, 201, 505, 0x8fd2db4242ed0a57, 0xb01bd8364b45eb7d),
        (300, 303, 692, 0x1aa992077d3df496, 0x1181a21425a1039b),
        (500, 504, 1038, 0xb2979e3310d0e8b5, 0x66344e723ef27f4a),
        (750, 749, 1466, 0xf7afe379a72b57e0, 0xcbe5cf7b15742a08),
        (1000, 999, 1892, 0x895bd5b5f888abd3, 0x5037165bdd54d0fa),
        (1500, 1495, 2686, 0x2d94502cc8fdef4c, 0x0c2f012b24ae4eb6),
        (2000, 1987, 12304, 0x482c05b76cda347a, 0x9355a8cb3876c858),
        (3000, 2974, 12304, 0x2b23f32f046344db, 0x13ad61622e394caa),
        (5000, 4959, 12304, 0x1c2fc1a625f36032, 0x7c74678fbb78dab7),
        (7500, 7455, 12304, 0x58203d00374a1547, 0x1584d14403b1e199),
        (10000, 10019, 12304, 0x9288dfcf6785ecbb, 0xbcd9d99f071aad11),
        (20000, 20030, 12304, 0xf2ea9dda6cf2c44b, 0x8bc7ef4c318280bd),
        (30000, 30071, 12304, 0xe53e77007eb23775, 0xc8bfec2b59aee555),
        (50000, 49955, 12304, 0xcfd7551b74848533, 0x58ed2b4b7094bb91),
        (75000, 74584, 12304, 0xf7ee7675e6dbb192, 0xb627c86dec14f110),
        (100000, 98893, 12304, 0xf5fb91194dd0ee68, 0x44f403e1c04b3f92),
    ]

    @Test func estimatesAndBytesMatchRedisFromOneToAHundredThousand() {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        let key: Bytes = "est"
        var added = 0
        for (target, count, length, before, after) in Self.checkpoints {
            var batch: [Bytes] = ["PFADD", key]
            while added < target {
                batch.append(Bytes("el:\(added)"))
                added += 1
                if batch.count == 1002 || added == target {
                    _ = run(engine, session, batch)
                    batch = ["PFADD", key]
                }
            }
            let bytes = stored(engine, key)
            #expect(bytes.count == length, "length after \(target) elements")
            #expect(fnv1a(bytes) == before, "bytes after \(target) elements")
            #expect(run(engine, session, ["PFCOUNT", key]) == .integer(count), "PFCOUNT after \(target) elements")
            #expect(fnv1a(stored(engine, key)) == after, "bytes after PFCOUNT at \(target) elements")
        }
    }

    @Test func sparseIsPromotedWhenItWouldPassTheByteLimit() {
        // Add elements one at a time: the string stays sparse while at most 3000 bytes, and
        // the first addition that would push it past 3000 bytes converts it to 12304 bytes.
        var hll = HyperLogLog.empty()
        var registers = [UInt8](repeating: 0, count: HyperLogLog.registerCount)
        var i = 0
        while hll[4] == HyperLogLog.Encoding.sparse.rawValue {
            let previousCount = hll.count
            let element = Array("promote:\(i)".utf8)
            let (index, count) = element.withUnsafeBytes { HyperLogLog.pattern(of: $0) }
            registers[index] = max(registers[index], count)
            _ = element.withUnsafeBytes { HyperLogLog.add($0, to: &hll) }
            if hll[4] == HyperLogLog.Encoding.sparse.rawValue {
                #expect(hll.count <= HyperLogLog.defaultSparseMaxBytes)
            } else {
                #expect(hll.count == HyperLogLog.denseSize)
                #expect(previousCount + 3 > HyperLogLog.defaultSparseMaxBytes)
            }
            i += 1
        }
        // The dense registers are exactly the maxima of everything added so far.
        hll.withUnsafeBytes { raw in
            for r in 0..<HyperLogLog.registerCount {
                #expect(HyperLogLog.denseRegister(r, in: raw) == registers[r])
            }
        }
    }

    @Test func aRegisterAboveThirtyTwoForcesDense() {
        var hll = HyperLogLog.empty()
        let small: [UInt8] = [0x61]
        _ = small.withUnsafeBytes { HyperLogLog.add($0, to: &hll) }
        #expect(hll[4] == HyperLogLog.Encoding.sparse.rawValue)
        // This element's count is 33 (recorded from Redis, above): not representable sparse.
        let big: [UInt8] = [0xfc, 0xe7, 0xa4, 0xa5, 0x62, 0x58, 0xcd, 0xbf]
        #expect(big.withUnsafeBytes { HyperLogLog.add($0, to: &hll) } == .updated)
        #expect(hll.count == HyperLogLog.denseSize)
        hll.withUnsafeBytes { raw in
            #expect(HyperLogLog.denseRegister(5, in: raw) == 33)
            #expect(HyperLogLog.denseRegister(12711, in: raw) == 2)
        }
    }

    @Test func sparseOpcodesSplitAndMerge() {
        var hll = HyperLogLog.empty()
        #expect(Array(hll[16...]) == [0x7F, 0xFF])
        #expect(HyperLogLog.sparseSet(100, 3, in: &hll) == .updated)
        // XZERO 100, VAL 3x1, XZERO 16283.
        #expect(hll.withUnsafeBytes(HyperLogLog.decodeSparse) == "Z:100 v:3,1 Z:16283")
        #expect(HyperLogLog.sparseSet(101, 3, in: &hll) == .updated)
        #expect(hll.withUnsafeBytes(HyperLogLog.decodeSparse) == "Z:100 v:3,2 Z:16282")
        #expect(HyperLogLog.sparseSet(100, 2, in: &hll) == .unchanged)
        #expect(HyperLogLog.sparseSet(101, 5, in: &hll) == .updated)
        #expect(hll.withUnsafeBytes(HyperLogLog.decodeSparse) == "Z:100 v:3,1 v:5,1 Z:16282")
        #expect(HyperLogLog.sparseSet(0, 1, in: &hll) == .updated)
        #expect(hll.withUnsafeBytes(HyperLogLog.decodeSparse) == "v:1,1 Z:99 v:3,1 v:5,1 Z:16282")
        #expect(hll.withUnsafeBytes(HyperLogLog.count) == 3)
        #expect(HyperLogLog.sparseSet(16383, 33, in: &hll) == .needsDense)
    }

    @Test func estimatorEdgeCases() {
        var histogram = [Int](repeating: 0, count: 64)
        histogram[0] = HyperLogLog.registerCount
        #expect(HyperLogLog.estimate(histogram) == 0)
        #expect(HyperLogLog.sigma(1) == .infinity)
        #expect(HyperLogLog.tau(0) == 0 && HyperLogLog.tau(1) == 0)
    }

    @Test func pfaddEditsTheStringInPlace() {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        let args = (0..<3000).map { Bytes("in-place:\($0)") }
        _ = run(engine, session, ["PFADD", "h"] + args)
        func address() -> UInt? {
            guard case .string(let s)? = engine.databases[0].table["h"]?.value,
                  case .heap(let array) = s.bytes.storage else { return nil }
            return array.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        }
        let before = address()
        #expect(before != nil)
        _ = run(engine, session, ["PFADD", "h", "one more", "and another"])
        _ = run(engine, session, ["PFCOUNT", "h"])
        #expect(address() == before)
    }
}

/// Which HyperLogLog and bitmap commands tell WATCHers that a key changed: exactly those that
/// change its bytes, as Redis's `signalModifiedKey` calls go.
@Suite struct ModificationSignalTests {
    private func dirtyAfter(_ setup: [[Bytes]], _ command: [Bytes], key: Bytes) -> Bool {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        for args in setup { _ = engine.execute(args, session: session) }
        let watcher = engine.makeSession()
        engine.databases[0].watchers[key] = [watcher]
        _ = engine.execute(command, session: session)
        return watcher.transactionIsDirty
    }

    @Test func pfcountSignalsOnlyWhenItRefreshesTheCache() {
        #expect(dirtyAfter([["PFADD", "h", "a"]], ["PFCOUNT", "h"], key: "h"))
        #expect(!dirtyAfter([["PFADD", "h", "a"], ["PFCOUNT", "h"]], ["PFCOUNT", "h"], key: "h"))
        #expect(!dirtyAfter([["PFADD", "h", "a"]], ["PFCOUNT", "h", "h"], key: "h"))
    }

    @Test func pfaddSignalsOnlyOnChange() {
        #expect(dirtyAfter([["PFADD", "h", "a"]], ["PFADD", "h", "b"], key: "h"))
        #expect(!dirtyAfter([["PFADD", "h", "a"]], ["PFADD", "h", "a"], key: "h"))
        #expect(dirtyAfter([], ["PFADD", "h"], key: "h"))
        #expect(dirtyAfter([["PFADD", "h", "a"]], ["PFMERGE", "h"], key: "h"))
    }

    @Test func bitfieldSignalsWhenItWrites() {
        #expect(!dirtyAfter([["SETBIT", "b", "7", "1"]], ["BITFIELD", "b", "GET", "u8", "0"], key: "b"))
        #expect(dirtyAfter([["SETBIT", "b", "7", "1"]], ["BITFIELD", "b", "SET", "u8", "0", "2"], key: "b"))
        // Redis 7.0.15 signals only when a write changed a field or grew the string: writing
        // the value already there, or a write refused by OVERFLOW FAIL, tells nobody.
        #expect(!dirtyAfter([["SETBIT", "b", "7", "1"]], ["BITFIELD", "b", "SET", "u8", "0", "1"], key: "b"))
        #expect(!dirtyAfter([["SETBIT", "b", "7", "1"]], ["BITFIELD", "b", "OVERFLOW", "FAIL", "SET", "u8", "0", "256"], key: "b"))
        #expect(dirtyAfter([["SETBIT", "b", "7", "1"]], ["BITFIELD", "b", "SET", "u8", "8", "0"], key: "b"))
        #expect(dirtyAfter([["SETBIT", "a", "7", "1"]], ["BITOP", "NOT", "b", "a"], key: "b"))
        #expect(!dirtyAfter([], ["BITOP", "AND", "b", "x", "y"], key: "b"))
    }
}

/// PFSELFTEST's checks, at a size a debug build runs quickly (the command itself adds ten
/// million elements, as Redis's does).
@Suite struct HyperLogLogSelfTestTests {
    @Test func selfTestPassesOnCacheLabsHyperLogLog() throws {
        var random = RandomSource(seed: 7)
        #expect(throws: Never.self) {
            try HyperLogLogCommands.selfTest(random: &random, sparseMaxBytes: 3000, registerRounds: 3, elements: 100_000)
        }
        // With a sparse limit too small for ten elements, the sparse check speaks up.
        #expect(throws: Reply.error("TESTFAILED sparse encoding not used")) {
            try HyperLogLogCommands.selfTest(random: &random, sparseMaxBytes: 40, registerRounds: 1, elements: 1000)
        }
    }

    @Test func commandIsRegistered() {
        let h = StringHarness()
        #expect(CommandRegistry().command(named: "PFSELFTEST") != nil)
        #expect(h.run("PFSELFTEST x") == RedisError.wrongArity("pfselftest"))
    }
}
