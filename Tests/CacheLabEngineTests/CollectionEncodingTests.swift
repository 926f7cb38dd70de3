import Testing
@testable import CacheLabEngine

/// Encodings of sets and sorted sets, checked from the inside (OBJECT ENCODING lives in
/// another command group; `after-merge/collections-encoding.redis` checks the same against
/// Redis once it is there).
@Suite struct CollectionEncodingTests {
    final class Harness {
        let engine = Engine(clock: .manual())
        lazy var session = engine.makeSession()

        @discardableResult
        func run(_ words: String...) -> Reply {
            engine.execute(words.map { Bytes($0) }, session: session)
        }

        func encoding(_ key: String) -> String? {
            switch engine.databases[0].table[Bytes(key)]?.value {
            case .set(let s)?: return s.encoding
            case .zset(let z)?: return z.encoding
            default: return nil
            }
        }
    }

    @Test func setsAreIntsetsUntilAMemberOrTheSizeSaysOtherwise() {
        let h = Harness()
        h.run("SADD", "s", "3", "1", "2", "-9223372036854775808", "9223372036854775807")
        #expect(h.encoding("s") == "intset")
        #expect(h.run("SMEMBERS", "s") == .set(["-9223372036854775808", "1", "2", "3", "9223372036854775807"].map { .bulk(Bytes($0)) }))
        h.run("SADD", "s", "007")
        #expect(h.encoding("s") == "hashtable")
        h.run("SREM", "s", "007")
        #expect(h.encoding("s") == "hashtable")
        for member in ["1.5", "+1", " 1", "9223372036854775808", "a"] {
            h.run("SADD", "x" + member, member)
            #expect(h.encoding("x" + member) == "hashtable", "\(member)")
        }
        h.engine.config.setMaxIntsetEntries = 4
        h.run("SADD", "big", "1", "2", "3", "4")
        #expect(h.encoding("big") == "intset")
        h.run("SADD", "big", "5")
        #expect(h.encoding("big") == "hashtable")
    }

    @Test func setAlgebraResultsStartFromAnIntset() {
        let h = Harness()
        h.run("SADD", "mixed", "2", "1", "x")
        h.run("SINTERSTORE", "r1", "mixed", "mixed")
        #expect(h.encoding("r1") == "hashtable")
        h.run("SREM", "mixed", "x")
        h.run("SUNIONSTORE", "r2", "mixed")
        #expect(h.encoding("r2") == "intset")
        #expect(h.run("SMEMBERS", "r2") == .set([.bulk("1"), .bulk("2")]))
        h.run("SMOVE", "mixed", "moved", "1")
        #expect(h.encoding("moved") == "intset")
        // SPOP rebuilding the set keeps the encoding it had.
        h.engine.config.setMaxIntsetEntries = 4
        h.run("SADD", "sp", "1", "2", "3", "4", "5", "6")
        h.run("SPOP", "sp", "4")
        #expect(h.run("SCARD", "sp") == .integer(2))
        #expect(h.encoding("sp") == "hashtable")
    }

    @Test func sortedSetsAreListpacksWithinBothLimits() {
        let h = Harness()
        let long = String(repeating: "c", count: 65)
        h.run("ZADD", "z", "1", "a", "2", "b")
        #expect(h.encoding("z") == "listpack")
        h.run("ZADD", "z", "3", long)
        #expect(h.encoding("z") == "skiplist")
        h.run("ZREM", "z", long)
        #expect(h.encoding("z") == "skiplist")
        h.run("ZADD", "z2", "1", String(repeating: "c", count: 64))
        #expect(h.encoding("z2") == "listpack")
        h.engine.config.zsetMaxListpackEntries = 3
        h.run("ZADD", "z4", "1", "a", "2", "b", "3", "c")
        #expect(h.encoding("z4") == "listpack")
        h.run("ZADD", "z4", "XX", "5", "a")
        #expect(h.encoding("z4") == "listpack")
        h.run("ZADD", "z4", "4", "d")
        #expect(h.encoding("z4") == "skiplist")
        h.run("ZPOPMIN", "z4", "3")
        #expect(h.encoding("z4") == "skiplist")
        // Stored results pick their encoding from their final size.
        h.run("ZUNIONSTORE", "u1", "1", "z4")
        #expect(h.encoding("u1") == "listpack")
        h.run("ZADD", "many", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e")
        h.run("ZRANGESTORE", "u2", "many", "0", "1")
        #expect(h.encoding("u2") == "listpack")
        h.run("ZRANGESTORE", "u3", "many", "0", "-1")
        #expect(h.encoding("u3") == "skiplist")
        h.run("ZINTERSTORE", "u4", "2", "many", "many")
        #expect(h.encoding("u4") == "skiplist")
        h.engine.config.zsetMaxListpackEntries = 0
        h.run("ZADD", "zero", "1", "a")
        #expect(h.encoding("zero") == "skiplist")
        // SORT converts its input to a skiplist, even SORT_RO.
        h.engine.config.zsetMaxListpackEntries = 128
        h.run("ZADD", "zs", "1", "a", "2", "b")
        #expect(h.encoding("zs") == "listpack")
        h.run("SORT_RO", "zs", "ALPHA")
        #expect(h.encoding("zs") == "skiplist")
    }

    @Test func aListpackStoresMinusZeroAsZero() {
        let h = Harness()
        #expect(h.run("ZADD", "nz", "INCR", "-0", "a") == .double(-0.0))
        #expect(h.run("ZSCORE", "nz", "a") == .double(0))
        h.run("ZADD", "nz", "1", String(repeating: "b", count: 80))
        h.run("ZADD", "nz", "-0", "c")
        guard case .double(let score) = h.run("ZSCORE", "nz", "c") else { Issue.record("no score"); return }
        #expect(score == 0 && score.sign == .minus)
    }

    @Test func emptiedCollectionsAreDeleted() {
        let h = Harness()
        h.run("SADD", "s", "a")
        h.run("SREM", "s", "a")
        #expect(h.encoding("s") == nil)
        h.run("ZADD", "z", "1", "a", "2", "b")
        h.run("ZREMRANGEBYSCORE", "z", "-inf", "+inf")
        #expect(h.engine.databases[0].table[Bytes("z")] == nil)
        h.run("SADD", "p", "1", "2")
        h.run("SPOP", "p", "5")
        #expect(h.engine.databases[0].table[Bytes("p")] == nil)
        h.run("ZADD", "xx", "XX", "1", "a")
        #expect(h.engine.databases[0].table[Bytes("xx")] == nil)
    }

    @Test func intsetStaysSortedUnderRandomInsertsAndRemovals() {
        var random = RandomSource(seed: 7)
        var set = IntSet()
        var model = Set<Int64>()
        for _ in 0..<5000 {
            let v = Int64(random.below(2000)) - 1000
            if random.below(3) == 0 {
                #expect(set.remove(v) == model.remove(v).map { _ in true } ?? false)
            } else {
                #expect(set.insert(v) == model.insert(v).inserted)
            }
        }
        #expect(set.values == model.sorted())
    }
}

/// What a single in-process session does where Redis would block, and WATCH signalling.
@Suite struct CollectionSignalTests {
    @Test func blockingPopsAnswerAtOnce() {
        let h = CollectionEncodingTests.Harness()
        #expect(h.run("BZPOPMIN", "nokey", "0") == Engine.waitsForeverError)
        #expect(h.run("BZMPOP", "0", "1", "nokey", "MIN") == Engine.waitsForeverError)
        // Like Redis, a timeout is rounded up to whole milliseconds: 0.0001 waits 1 ms.
        #expect(h.run("BZPOPMAX", "nokey", "0.0001") == .nullArray)
        #expect(h.run("BZPOPMIN", "nokey", "0.5") == .nullArray)
        h.run("ZADD", "z", "1", "a")
        #expect(h.run("BZPOPMIN", "z", "0") == .array([.bulk("z"), .bulk("a"), .double(1)]))
    }

    @Test func onlyRealChangesSignalWatchers() {
        let h = CollectionEncodingTests.Harness()
        let db = h.engine.databases[0]
        h.run("SADD", "s", "1", "2")
        h.run("ZADD", "z", "1", "a")
        db.watchers[Bytes("s")] = [h.session]
        db.watchers[Bytes("z")] = [h.session]
        for noop in [["SREM", "s", "9"], ["SADD", "s", "1"], ["SMOVE", "s", "t", "9"], ["ZADD", "z", "1", "a"],
                     ["ZREM", "z", "b"], ["ZADD", "z", "NX", "5", "a"], ["ZREMRANGEBYSCORE", "z", "10", "20"],
                     ["ZINCRBY", "z", "0", "a"], ["SPOP", "s", "0"], ["SORT", "z"]] {
            _ = h.engine.execute(noop.map { Bytes($0) }, session: h.session)
            #expect(!h.session.transactionIsDirty, "\(noop)")
        }
        h.run("ZINCRBY", "z", "1", "a")
        #expect(h.session.transactionIsDirty)
        h.session.transactionIsDirty = false
        h.run("SREM", "s", "1")
        #expect(h.session.transactionIsDirty)
    }
}

/// Writes mutate the stored collection in place: its arrays keep their buffers.
@Suite struct CollectionInPlaceTests {
    @Test func writesDoNotCopyStorage() {
        let h = CollectionEncodingTests.Harness()
        for i in 0..<1000 {
            h.run("ZADD", "z", String(i), "m\(i)")
            h.run("SADD", "s", "m\(i)")
        }
        func zsetBuffers() -> [UnsafeRawPointer?] {
            guard case .zset(let z)? = h.engine.databases[0].table[Bytes("z")]?.value else { return [] }
            return [z.list.slots.withUnsafeBytes { $0.baseAddress }, z.list.links.withUnsafeBytes { $0.baseAddress },
                    z.scores.keys.withUnsafeBytes { $0.baseAddress }]
        }
        func setBuffer() -> UnsafeRawPointer? {
            guard case .set(let s)? = h.engine.databases[0].table[Bytes("s")]?.value else { return nil }
            return s.table.keys.withUnsafeBytes { $0.baseAddress }
        }
        let zBefore = zsetBuffers()
        let sBefore = setBuffer()
        h.run("ZADD", "z", "5000", "m1")
        h.run("ZINCRBY", "z", "1", "m2")
        h.run("ZREM", "z", "m3")
        h.run("ZADD", "z", "3", "m3")
        h.run("SREM", "s", "m1")
        h.run("SADD", "s", "m1")
        #expect(zsetBuffers() == zBefore)
        #expect(setBuffer() == sBefore)
    }
}
