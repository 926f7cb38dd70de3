import Testing
@testable import CacheLabEngine

/// The Keys group on a manual clock: what the differential scripts cannot reach (expiry
/// timing, access bits, seeded randomness, SCAN across table changes).
@Suite struct KeysTests {
    private let engine = Engine(clock: .manual(), config: ScratchDirectory.config())
    private let session: Session

    init() {
        session = engine.makeSession()
    }

    @discardableResult
    private func run(_ args: String...) -> Reply {
        engine.execute(args.map { Bytes($0) }, session: session)
    }

    private func db(_ id: Int = 0) -> Database { engine.databases[id] }

    /// Stores a string directly (the Strings group is not needed), with an optional TTL.
    private func put(_ key: String, _ value: String = "v", in id: Int = 0, ttl: Int64? = nil) {
        db(id).set(Bytes(key), .string(Bytes(value)))
        if let ttl { db(id).setExpire(Bytes(key), at: engine.clock.nowMilliseconds + ttl) }
    }

    private func keys(_ reply: Reply) -> Set<Bytes> {
        guard case .array(let items) = reply else { return [] }
        return Set(items.compactMap { if case .bulk(let b) = $0 { return b } else { return nil } })
    }

    // MARK: Existence and types

    @Test func existsCountsRepeatsAndTypeNamesEveryType() {
        put("s")
        db().set("l", .list(ListValue(["a"])))
        db().set("h", .hash(HashValue(["f": "v"])))
        db().set("z", .zset(SortedSetValue(["m": 1])))
        db().set("t", .set(SetValue(["1"])))
        db().set("x", .stream(StreamValue()))
        #expect(run("EXISTS", "s", "s", "nokey", "l") == .integer(3))
        #expect(run("TYPE", "s") == .status("string"))
        #expect(run("TYPE", "l") == .status("list"))
        #expect(run("TYPE", "h") == .status("hash"))
        #expect(run("TYPE", "z") == .status("zset"))
        #expect(run("TYPE", "t") == .status("set"))
        #expect(run("TYPE", "x") == .status("stream"))
        #expect(run("TYPE", "nokey") == .status("none"))
    }

    @Test func existsAndTypeCountHitsAndMisses() {
        put("k")
        run("EXISTS", "k", "nokey")
        run("TYPE", "k")
        #expect(engine.stats.keyspaceHits == 2)
        #expect(engine.stats.keyspaceMisses == 1)
    }

    // MARK: Expired keys

    @Test func expiredKeysAreInvisibleToEveryCommand() {
        put("dead", ttl: 1000)
        put("alive")
        engine.clock.advance(byMilliseconds: 1000)
        #expect(run("DBSIZE") == .integer(2), "DBSIZE counts keys not yet collected, as Redis does")
        #expect(keys(run("KEYS", "*")) == ["alive"])
        #expect(run("DBSIZE") == .integer(2), "KEYS skips expired keys without deleting them")
        #expect(run("EXISTS", "dead") == .integer(0))
        #expect(run("DBSIZE") == .integer(1))
        #expect(engine.stats.expiredKeys == 1)
    }

    @Test func randomKeyCollectsExpiredKeysItDraws() {
        for i in 0..<50 { put("k\(i)", ttl: 10) }
        engine.clock.advance(byMilliseconds: 10)
        #expect(run("RANDOMKEY") == .null)
        #expect(db().count == 0)
        #expect(engine.stats.expiredKeys == 50)
    }

    @Test func randomKeyIsSeeded() {
        func draws(seed: UInt64) -> [Reply] {
            let engine = Engine(clock: .manual(), seed: seed)
            let session = engine.makeSession()
            for i in 0..<100 { engine.databases[0].set(Bytes("key:\(i)"), .string("v")) }
            return (0..<20).map { _ in engine.execute(["RANDOMKEY"], session: session) }
        }
        #expect(draws(seed: 7) == draws(seed: 7))
        #expect(draws(seed: 7) != draws(seed: 8))
        #expect(Set(draws(seed: 7)).count > 1)
    }

    // MARK: SCAN

    /// Iterates a whole SCAN, calling `between` after every call.
    private func fullScan(_ extra: [String] = [], between: (Int) -> Void = { _ in }) -> (keys: [Bytes], calls: Int) {
        var cursor = "0"
        var seen: [Bytes] = []
        var calls = 0
        repeat {
            let reply = engine.execute(["SCAN", Bytes(cursor)] + extra.map { Bytes($0) }, session: session)
            guard case .array(let parts) = reply, parts.count == 2, case .bulk(let next) = parts[0],
                  case .array(let items) = parts[1] else {
                Issue.record("unexpected SCAN reply \(reply)")
                return (seen, calls)
            }
            for case .bulk(let key) in items { seen.append(key) }
            cursor = next.string
            calls += 1
            between(calls)
        } while cursor != "0" && calls < 100_000
        return (seen, calls)
    }

    @Test func scanReturnsEveryKeyWhileTheTableGrowsAndShrinks() {
        for i in 0..<1000 { put("stable:\(i)") }
        for i in 0..<500 { put("gone:\(i)") }
        var added = 0
        let result = fullScan(["COUNT", "7"]) { call in
            // Rehash both ways during the iteration: grow a lot, then shrink.
            if call == 3 { for i in 0..<3000 { put("new:\(i)") }; added = 3000 }
            if call == 30 { for i in 0..<3000 { db().delete(Bytes("new:\(i)")) }; for i in 0..<500 { db().delete(Bytes("gone:\(i)")) } }
        }
        #expect(added == 3000)
        let seen = Set(result.keys)
        for i in 0..<1000 { #expect(seen.contains(Bytes("stable:\(i)"))) }
        #expect(result.calls > 10)
    }

    @Test func scanCountBoundsTheWorkOfOneCall() {
        for i in 0..<1000 { put("k\(i)") }
        guard case .array(let parts) = run("SCAN", "0", "COUNT", "5"), case .array(let items) = parts[1] else {
            Issue.record("bad reply")
            return
        }
        #expect(items.count >= 5 && items.count < 40, "collects about COUNT keys, a bucket at a time")
        #expect(parts[0] != .bulk("0"))
        let everything = run("SCAN", "0", "COUNT", "100000")
        guard case .array(let all) = everything, case .array(let allItems) = all[1] else { return }
        #expect(all[0] == .bulk("0"))
        #expect(allItems.count == 1000)
    }

    @Test func scanFiltersAndCollectsExpiredKeys() {
        put("a", ttl: 5)
        put("b")
        db().set("l", .list(ListValue(["x"])))
        engine.clock.advance(byMilliseconds: 5)
        #expect(Set(fullScan(["COUNT", "1000"]).keys) == ["b", "l"])
        #expect(db().count == 2, "the expired key was deleted on the way")
        #expect(Set(fullScan(["TYPE", "LIST"]).keys) == ["l"])
        #expect(Set(fullScan(["MATCH", "[ab]"]).keys) == ["b"])
    }

    @Test func scanCursorParsing() {
        #expect(ScanCursor.parse("") == 0)
        #expect(ScanCursor.parse("-1") == UInt64.max)
        #expect(ScanCursor.parse("+5") == 5)
        #expect(ScanCursor.parse("007") == 7)
        #expect(ScanCursor.parse("18446744073709551615") == UInt64.max)
        #expect(ScanCursor.parse("5\u{0}x") == 5, "C stops reading at the NUL byte")
        #expect(ScanCursor.parse("18446744073709551616") == nil)
        #expect(ScanCursor.parse(" 1") == nil)
        #expect(ScanCursor.parse("1 ") == nil)
        #expect(ScanCursor.parse("-") == nil)
        #expect(ScanCursor.parse("0x1") == nil)
        #expect(run("SCAN", "x") == .error("ERR invalid cursor"))
    }

    // MARK: RENAME, MOVE, COPY

    @Test func renameMovesTheTTLAndOverwrites() {
        put("a", "1", ttl: 5000)
        put("b", "2", ttl: 9000)
        #expect(run("RENAME", "a", "b") == .ok)
        #expect(db().expireTime(of: "b") == engine.clock.nowMilliseconds + 5000)
        #expect(db().expireTime(of: "a") == nil)
        put("c")
        #expect(run("RENAME", "c", "b") == .ok)
        #expect(db().expireTime(of: "b") == nil, "the overwritten key's TTL goes with it")
        #expect(run("RENAMENX", "b", "b") == .zero)
        #expect(run("RENAME", "nokey", "nokey") == .error("ERR no such key"))
    }

    @Test func renameOfAnExpiredSourceIsNoSuchKey() {
        put("a", ttl: 1)
        engine.clock.advance(byMilliseconds: 1)
        #expect(run("RENAME", "a", "b") == .error("ERR no such key"))
        #expect(engine.stats.expiredKeys == 1)
    }

    @Test func moveKeepsTheTTLAndRefusesExistingTargets() {
        put("k", "src", ttl: 3000)
        #expect(run("MOVE", "k", "1") == .one)
        #expect(db(1).expireTime(of: "k") == engine.clock.nowMilliseconds + 3000)
        #expect(db(0).count == 0)
        put("k", "again")
        #expect(run("MOVE", "k", "1") == .zero)
        #expect(db(0).count == 1)
        // An expired key in the target does not block the move.
        put("e")
        put("e", "stale", in: 1, ttl: 1)
        engine.clock.advance(byMilliseconds: 1)
        #expect(run("MOVE", "e", "1") == .one)
    }

    @Test func copyIsIndependentOfItsSource() {
        db().set("l", .list(ListValue(["a", "b"])))
        #expect(run("COPY", "l", "l2", "DB", "3") == .one)
        db(3).update("l2") { value in
            if case .list(var list) = value {
                list.push("c", atHead: false)
                value = .list(list)
            }
        }
        guard case .list(let original)? = db().lookupRead("l"), case .list(let copy)? = db(3).lookupRead("l2") else {
            Issue.record("missing lists")
            return
        }
        #expect(Array(original.items) == ["a", "b"])
        #expect(Array(copy.items) == ["a", "b", "c"])
    }

    // MARK: Databases

    @Test func swapdbSwapsContentsNotSessions() {
        put("in0", in: 0, ttl: 1000)
        put("in1", in: 1)
        #expect(run("SWAPDB", "0", "1") == .ok)
        #expect(session.databaseIndex == 0)
        #expect(run("EXISTS", "in1") == .one)
        #expect(db(1).expireTime(of: "in0") != nil, "expire times travel with their keys")
        #expect(db(0).id == 0 && db(1).id == 1)
    }

    @Test func flushallEmptiesEveryDatabase() {
        for id in [0, 3, 15] { put("k", in: id, ttl: 100) }
        #expect(run("FLUSHALL", "ASYNC") == .ok)
        #expect(engine.databases.allSatisfy { $0.count == 0 && $0.volatileCount == 0 })
    }

    @Test func selectOutOfRangeDependsOnTheDatabaseCount() {
        let config = Config()
        config.databases = 4
        let engine = Engine(clock: .manual(), config: config)
        let session = engine.makeSession()
        #expect(engine.execute(["SELECT", "3"], session: session) == .ok)
        #expect(engine.execute(["SELECT", "4"], session: session) == .error("ERR DB index is out of range"))
        #expect(session.databaseIndex == 3)
    }

    // MARK: OBJECT

    @Test func idleTimeFollowsTheLRUClock() {
        put("k")
        engine.clock.advance(byMilliseconds: 12_500)
        #expect(run("OBJECT", "IDLETIME", "k") == .integer(12))
        #expect(run("OBJECT", "IDLETIME", "k") == .integer(12), "OBJECT does not refresh the access time")
        run("TOUCH", "k")
        #expect(run("OBJECT", "IDLETIME", "k") == .integer(0))
    }

    @Test func idleTimeAcrossTheLRUClockWrapAround() {
        put("k")
        let now = engine.lruClock
        // A reading ahead of the clock means the 24-bit clock wrapped since the access: Redis
        // estimates now + (LRU_CLOCK_MAX - lru) units, here of one second.
        let then = now + 10
        #expect(then <= Engine.lruClockMax)
        let p = db().table.position(of: "k")!
        db().table.withValue(at: p) { $0.lru = then }
        #expect(run("OBJECT", "IDLETIME", "k") == .integer(Int64(Engine.lruClockMax) - 10))
        engine.config.lruClockResolutionMilliseconds = 10
        let fine = engine.lruClock
        db().table.withValue(at: p) { $0.lru = fine - 250 }
        #expect(run("OBJECT", "IDLETIME", "k") == .integer(2), "250 units of 10 ms")
    }

    @Test func idleTimeAndFreqDependOnThePolicy() {
        put("k")
        #expect(run("OBJECT", "FREQ", "k").errorMessage?.hasPrefix("ERR An LFU maxmemory policy is not selected") == true)
        #expect(run("OBJECT", "FREQ", "nokey") == .null)
        engine.config.maxmemoryPolicy = "allkeys-lfu"
        #expect(run("OBJECT", "IDLETIME", "k").errorMessage?.hasPrefix("ERR An LFU maxmemory policy is selected") == true)
        #expect(run("OBJECT", "IDLETIME", "nokey") == .null)
    }

    @Test func freqDecaysOnePerDecayPeriod() {
        engine.config.maxmemoryPolicy = "volatile-lfu"
        put("k")
        let minutes = UInt32((engine.clock.nowMilliseconds / 60_000) & 0xFFFF)
        let p = db().table.position(of: "k")!
        db().table.withValue(at: p) { $0.lru = ((minutes - 3) << 8) | 10 }
        #expect(run("OBJECT", "FREQ", "k") == .integer(7))
        engine.config.lfuDecayTime = 2
        #expect(run("OBJECT", "FREQ", "k") == .integer(9))
        engine.config.lfuDecayTime = 0
        #expect(run("OBJECT", "FREQ", "k") == .integer(10))
        engine.config.lfuDecayTime = 1
        db().table.withValue(at: p) { $0.lru = ((minutes - 200) << 8) | 10 }
        #expect(run("OBJECT", "FREQ", "k") == .integer(0))
    }

    @Test func refcountOfSharedIntegers() {
        put("small", "42")
        put("big", "10000")
        put("text", "abc")
        #expect(run("OBJECT", "REFCOUNT", "small") == .integer(2_147_483_647))
        #expect(run("OBJECT", "REFCOUNT", "big") == .one)
        #expect(run("OBJECT", "REFCOUNT", "text") == .one)
        engine.config.maxmemoryPolicy = "allkeys-lru"
        #expect(run("OBJECT", "REFCOUNT", "small") == .integer(2_147_483_647), "maxmemory 0: still shared")
        engine.config.maxmemory = 1 << 30
        #expect(run("OBJECT", "REFCOUNT", "small") == .one)
        engine.config.maxmemoryPolicy = "allkeys-random"
        #expect(run("OBJECT", "REFCOUNT", "small") == .integer(2_147_483_647))
    }

    @Test func encodingsOfEveryType() {
        put("i", "12")
        put("e", "hello")
        put("r", String(repeating: "x", count: 45))
        db().set("l", .list(ListValue(["a"])))
        db().set("is", .set(SetValue(["1", "2"])))
        db().set("hs", .set(SetValue(["a"])))
        db().set("h", .hash(HashValue(["f": "v"])))
        db().set("z", .zset(SortedSetValue(["m": 1])))
        db().set("x", .stream(StreamValue()))
        let expected = ["i": "int", "e": "embstr", "r": "raw", "l": "quicklist", "is": "intset",
                        "hs": "hashtable", "h": "listpack", "z": "listpack", "x": "stream"]
        for (key, encoding) in expected {
            #expect(run("OBJECT", "ENCODING", key) == .bulk(Bytes(encoding)), "\(key)")
        }
    }
}
