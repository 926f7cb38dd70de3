import Testing
@testable import CacheLabEngine

/// INFO's `lazyfreed_objects`: which deletions Redis would free in its background thread.
/// The counts after each step are redis-server 7.0.15's (each read once its thread was idle).
@Suite struct LazyFreeTests {
    func lazyfreed(_ h: StringHarness) -> String? {
        guard case .verbatim(_, let text) = h.run("INFO memory") else { return nil }
        return text.string.split(separator: "\r\n").first { $0.hasPrefix("lazyfreed_objects:") }
            .map { String($0.dropFirst("lazyfreed_objects:".count)) }
    }

    /// SADD of `count` members `m1` ... (a hash table past 64 entries has effort > 64).
    func addSet(_ h: StringHarness, _ key: String, count: Int) {
        h.run("SADD \(key) " + (1...count).map { "m\($0)" }.joined(separator: " "))
    }

    @Test func lazyDeletionsCountBigValues() {
        let h = StringHarness(config: ScratchDirectory.config())
        h.run("MSET a 1 b 2 c 3")
        h.run("FLUSHALL ASYNC")
        #expect(lazyfreed(h) == "3")
        h.run("CONFIG RESETSTAT")
        addSet(h, "s", count: 65)
        addSet(h, "s2", count: 64)
        #expect(h.run("UNLINK s s2") == .integer(2))
        #expect(lazyfreed(h) == "1")
        addSet(h, "s", count: 65)
        h.run("DEL s")
        #expect(lazyfreed(h) == "1")
        h.run("CONFIG SET lazyfree-lazy-user-del yes")
        addSet(h, "s", count: 65)
        h.run("DEL s")
        #expect(lazyfreed(h) == "2")
        h.run("CONFIG SET lazyfree-lazy-server-del yes")
        addSet(h, "s", count: 65)
        h.run("SET s x")
        #expect(lazyfreed(h) == "3")
        addSet(h, "s3", count: 65)
        h.run("SADD s4 x")
        h.run("SINTERSTORE s3 s4 s4")
        #expect(lazyfreed(h) == "4")
        h.run("CONFIG SET lazyfree-lazy-expire yes")
        h.run("ZADD z " + (1...129).map { "\($0) m\($0)" }.joined(separator: " "))
        #expect(h.run("OBJECT ENCODING z") == .bulk("skiplist"))
        h.run("PEXPIREAT z 1")
        #expect(lazyfreed(h) == "5")
        h.run("CONFIG SET lazyfree-lazy-user-flush yes")
        h.run("MSET f1 1 f2 2")
        h.run("FLUSHDB")
        #expect(lazyfreed(h) == "10")
        h.run("SET g 1")
        h.run("FLUSHALL SYNC")
        #expect(lazyfreed(h) == "10")
    }

    @Test func freeEffortFollowsEncodings() {
        let h = StringHarness()
        addSet(h, "big", count: 100)
        h.run("SADD ints 1 2 3")
        h.run("HSET h f v")
        h.run("RPUSH l a b c")
        #expect(h.db.table[Bytes("big")]?.value.freeEffort == 100)
        #expect(h.db.table[Bytes("ints")]?.value.freeEffort == 1)
        #expect(h.db.table[Bytes("h")]?.value.freeEffort == 1)
        #expect(h.db.table[Bytes("l")]?.value.freeEffort == 1)
    }
}
