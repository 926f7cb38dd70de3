import Testing
@testable import CacheLabEngine

/// The model of a raw string's sds buffer (`StringValue+Sds`): jemalloc's size classes by
/// index, the greedy growth, and used memory that follows every edit and comes back down.
/// (MEMORY USAGE against real Redis: Scripts/memory-usage-grown-strings.redis.)
@Suite struct StringSdsTests {
    @Test func sizeClassIndexesRoundTrip() {
        var previous = -1
        for n in 1...300_000 {
            let index = Jemalloc.classIndex(n)
            #expect(Jemalloc.classSize(index) == Jemalloc.usableSize(n), "n = \(n)")
            #expect(index == previous || index == previous + 1)
            previous = index
        }
        #expect(Jemalloc.classSize(Jemalloc.classIndex(5 << 20)) == 5 << 20)
    }

    /// `SET k hello; APPEND k world`: an exact 1-byte-header copy with no room, then a buffer
    /// for 20 bytes (3 + 20 + 1 = 24, class 32, room for 28); 20 bytes fit in it, 29 do not.
    @Test func appendGrowsGreedilyThenFits() {
        var s = StringValue("hello")
        s.appendInPlace("world")
        #expect(s.sdsIsGrown && s.sdsAllocation == 32)
        s.appendInPlace("0123456789")
        #expect(s.sdsAllocation == 32)
        s.appendInPlace("012345678")
        #expect(s.sdsAllocation == Jemalloc.usableSize(3 + 58 + 1))
    }

    @Test func usedMemoryFollowsEditsAndReturnsAfterDelete() {
        let h = StringHarness()
        func edits() {
            h.run("SET k hello")
            for _ in 0..<200 { h.run("APPEND k 0123456789") }
            h.run("SETRANGE k 9000 x")
            h.run("SETBIT k 200000 1")
            h.run("SETBIT fresh 100 1")
            h.run("SETBIT fresh 5000 1")
        }
        // Once first: each command's statistics take memory the first time it runs.
        edits()
        h.run("DEL k fresh")
        let baseline = h.engine.usedMemory
        edits()
        guard case .string(let s) = h.db.lookupRead("k") else { Issue.record("k is not a string"); return }
        #expect(s.sdsIsGrown)
        #expect(h.engine.usedMemory - baseline > RedisObjectSizes.stringBytes(s))
        h.run("DEL k fresh")
        #expect(h.engine.usedMemory == baseline)
    }

    /// COPY duplicates a raw string into a buffer sized for it.
    @Test func copiesAreExact() {
        let h = StringHarness()
        h.run("SET k hello")
        h.run("APPEND k world")
        h.run("COPY k k2")
        guard case .string(let copy) = h.db.lookupRead("k2"), case .string(let original) = h.db.lookupRead("k") else {
            Issue.record("not strings"); return
        }
        #expect(!copy.sdsIsGrown && original.sdsIsGrown)
        #expect(copy.bytes == original.bytes)
        #expect(copy.sdsAllocation < original.sdsAllocation)
    }

    /// A new HyperLogLog is an exact 18-byte sparse string (1-byte header, no room); setting
    /// its first register makes room for 3 more bytes: 2 x 21 = 42, 3 + 42 + 1 -> 48.
    @Test func hyperLogLogsGrowBeforeEachRegister() {
        var hll = HyperLogLog.empty()
        var buffer = SdsBuffer.exact(length: hll.count)
        #expect(hll.count == 18 && buffer.capacity == 18)
        _ = Bytes("a").withUnsafeBytes { HyperLogLog.add($0, to: &hll, buffer: &buffer) }
        #expect(buffer.allocation == 48 && buffer.isGrown)
        let h = StringHarness()
        h.run("PFADD k a")
        guard case .string(let s) = h.db.lookupRead("k") else { Issue.record("k is not a string"); return }
        #expect(s.sdsAllocation == 48)
    }
}
