import Testing
@testable import CacheLabEngine

/// The memory model: jemalloc classes, per-key sizes measured on Redis 7.0.15, and the
/// running total staying equal to a recount.
@Suite struct MemoryModelTests {
    @Test func jemallocSizeClasses() {
        let expected = [(1, 8), (8, 8), (9, 16), (17, 32), (24, 32), (33, 48), (104, 112), (129, 160),
                        (257, 320), (306, 320), (1006, 1024), (1025, 1280), (5006, 5120)]
        for (n, size) in expected { #expect(Jemalloc.usableSize(n) == size, "\(n)") }
    }

    /// MEMORY USAGE figures read from redis-server 7.0.15 for key "k".
    @Test func memoryUsageOfStringsMatchesRedis() {
        let h = StringHarness()
        let cases: [(Int, Int64)] = [(3, 64), (20, 80), (44, 96), (45, 112), (100, 160), (1000, 1072), (5000, 5168)]
        for (length, bytes) in cases {
            h.run([Bytes("SET"), Bytes("k"), Bytes(String(repeating: "a", count: length))])
            #expect(h.run("MEMORY USAGE k") == .integer(bytes), "length \(length)")
        }
        h.run("SET k 123456789012")
        #expect(h.run("MEMORY USAGE k") == .integer(48))
        h.run([Bytes("SET"), Bytes(String(repeating: "a", count: 300)), Bytes("x")])
        #expect(h.run([Bytes("MEMORY"), Bytes("USAGE"), Bytes(String(repeating: "a", count: 300))]) == .integer(376))
        #expect(h.run("MEMORY USAGE nokey") == .null)
        #expect(h.run("MEMORY USAGE k SAMPLES -1") == .error("ERR syntax error"))
        #expect(h.run("MEMORY USAGE k SAMPLES x") == .error("ERR value is not an integer or out of range"))
        #expect(h.run("MEMORY USAGE k foo") == .error("ERR syntax error"))
        #expect(h.run("MEMORY USAGE k SAMPLES 0") == .integer(48))
    }

    @Test func ledgerEqualsRecountAfterMixedWrites() {
        let h = StringHarness()
        for i in 0..<300 {
            h.run("SET key:\(i) \(String(repeating: "v", count: i % 70))")
            if i % 3 == 0 { h.run("EXPIRE key:\(i) 100") }
            if i % 7 == 0 { h.run("APPEND key:\(i) more") }
            if i % 11 == 0 { h.run("DEL key:\(i / 2)") }
            if i % 13 == 0 { h.run("PERSIST key:\(i - 3)") }
            if i % 17 == 0 { h.run("INCR n:\(i)") }
        }
        let share = h.engine.memory.share(of: 0)
        #expect(share == h.db.recountedMemory())
        h.run("FLUSHDB")
        #expect(h.engine.memory.share(of: 0) == .init())
        #expect(h.engine.usedMemory == MemoryLedger.startupBytes + h.engine.clientMemory
            + h.engine.serverState.latencyHistograms * MemoryLedger.latencyHistogramBytes)
    }

    @Test func bucketsGrowLikeRedisDicts() {
        #expect(MemoryLedger.DatabaseShare.buckets(0, for: 1) == 4)
        #expect(MemoryLedger.DatabaseShare.buckets(4, for: 5) == 8)
        #expect(MemoryLedger.DatabaseShare.buckets(2048, for: 2000) == 2048)
        #expect(MemoryLedger.DatabaseShare.buckets(2048, for: 100) == 128)
    }
}

/// The ledger follows list and hash writes made through their one-lookup paths.
@Suite struct CollectionMemoryLedgerTests {
    @Test func ledgerEqualsRecountAfterListAndHashWrites() {
        let h = StringHarness()
        for i in 0..<200 {
            h.run("RPUSH l\(i % 7) a\(i) b\(i)")
            h.run("HSET h\(i % 5) f\(i) v\(i)")
            if i % 4 == 0 { h.run("LPOP l\(i % 7)") }
            if i % 6 == 0 { h.run("HDEL h\(i % 5) f\(i - 6)") }
        }
        #expect(h.engine.memory.share(of: 0) == h.db.recountedMemory())
    }
}
