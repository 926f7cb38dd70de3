import Testing
@testable import CacheLabEngine

/// Hashes: encodings and their conversions under configured limits, reply order, float
/// formatting, seeded randomness, RESP3 shapes and HSCAN over a hashtable.
@Suite struct HashTests {
    let engine: Engine
    let session: Session

    init() {
        engine = Engine(clock: .manual(), seed: 42)
        session = engine.makeSession()
    }

    @discardableResult
    func run(_ words: String...) -> Reply {
        engine.execute(words.map { Bytes($0) }, session: session)
    }

    func encoding(_ key: Bytes) -> String? {
        engine.databases[0].lookupRead(key, options: [.noStats, .noTouch])?.asHash?.encoding
    }

    func bulks(_ items: String...) -> Reply { .array(items.map { .bulk(Bytes($0)) }) }

    // MARK: Encodings

    @Test func entryLimitConvertsToHashtableForGood() {
        engine.config.hashMaxListpackEntries = 3
        run("HSET", "h", "a", "1", "b", "2", "c", "3")
        #expect(encoding("h") == "listpack")
        run("HSET", "h", "b", "5")
        #expect(encoding("h") == "listpack")
        run("HSET", "h", "d", "4")
        #expect(encoding("h") == "hashtable")
        run("HDEL", "h", "a", "b", "c")
        #expect(encoding("h") == "hashtable")
        #expect(run("HGETALL", "h") == .map([.bulk("d"), .bulk("4")]))
        run("HSET", "g", "a", "1", "b", "2", "c", "3", "d", "4")
        #expect(encoding("g") == "hashtable")
    }

    @Test func zeroEntriesMeansAlwaysHashtable() {
        engine.config.hashMaxListpackEntries = 0
        run("HSET", "h", "a", "1")
        #expect(encoding("h") == "hashtable")
    }

    @Test func valueLimitAppliesToFieldsAndValuesOfEveryWrite() {
        engine.config.hashMaxListpackValue = 4
        run("HSET", "h", "a", "1234")
        #expect(encoding("h") == "listpack")
        run("HSET", "h", "abcd", "1")
        #expect(encoding("h") == "listpack")
        run("HSET", "h", "b", "12345")
        #expect(encoding("h") == "hashtable")

        run("HSET", "field", "abcde", "1")
        #expect(encoding("field") == "hashtable")

        run("HSET", "nx", "a", "1")
        run("HSETNX", "nx", "b", "12345")
        #expect(encoding("nx") == "hashtable")

        run("HSET", "incr", "a", "1")
        run("HINCRBY", "incr", "a", "9998")
        #expect(encoding("incr") == "listpack")
        run("HINCRBY", "incr", "a", "1")
        #expect(encoding("incr") == "hashtable")

        run("HSET", "longfield", "a", "1")
        run("HINCRBY", "longfield", "abcdefgh", "1")
        #expect(encoding("longfield") == "hashtable")

        run("HSET", "float", "a", "1")
        run("HINCRBYFLOAT", "float", "a", "1.25")
        #expect(encoding("float") == "listpack")
        run("HINCRBYFLOAT", "float", "a", "0.001")
        #expect(encoding("float") == "hashtable")
    }

    @Test func emptyStringsFitAZeroValueLimit() {
        engine.config.hashMaxListpackValue = 0
        run("HSET", "h", "", "")
        #expect(encoding("h") == "listpack")
        run("HSET", "h", "a", "")
        #expect(encoding("h") == "hashtable")
    }

    @Test func listpackKeepsInsertionOrderThroughUpdatesAndDeletes() {
        run("HSET", "h", "c", "1", "a", "2", "b", "3")
        run("HSET", "h", "a", "changed")
        run("HDEL", "h", "c")
        run("HSET", "h", "c", "again")
        #expect(run("HKEYS", "h") == bulks("a", "b", "c"))
        #expect(run("HVALS", "h") == bulks("changed", "3", "again"))
    }

    @Test func hashtableHoldsEveryFieldThroughGrowthAndShrinking() {
        for i in 0..<2000 { run("HSET", "h", "f\(i)", "\(i)") }
        #expect(encoding("h") == "hashtable")
        for i in stride(from: 0, to: 2000, by: 2) { run("HDEL", "h", "f\(i)") }
        #expect(run("HLEN", "h") == .integer(1000))
        #expect(run("HGET", "h", "f1999") == .bulk("1999"))
        #expect(run("HGET", "h", "f1998") == .null)
        #expect(run("HEXISTS", "h", "f1") == .one)
    }

    @Test func payloadsDoNotGrowTheValueEnum() {
        #expect(MemoryLayout<HashValue>.size <= 16)
        #expect(MemoryLayout<ListValue>.size <= 16)
    }

    @Test func hashValueIsCopiedOnWrite() {
        var a = HashValue()
        let limits = HashValue.Limits(maxEntries: 1, maxValueLength: 64)
        a.set("x", "1", limits: limits)
        a.set("y", "2", limits: limits)
        #expect(!a.isListpack)
        let b = a
        a.set("z", "3", limits: limits)
        a.remove("x")
        #expect(b.count == 2 && b["x"] == "1" && b["z"] == nil)
        #expect(a.count == 2 && a["x"] == nil && a["z"] == "3")
    }

    // MARK: Keys come and go

    @Test func deletingTheLastFieldDeletesTheKey() {
        run("HSET", "h", "a", "1", "b", "2")
        #expect(run("HDEL", "h", "a", "b", "a") == .integer(2))
        #expect(engine.databases[0].contains("h") == false)
        #expect(run("RPUSH", "h", "x") == .integer(1))
    }

    @Test func failedIncrementsLeaveNoKeyBehind() {
        #expect(run("HINCRBY", "h", "f", "x") == RedisError.notInteger)
        #expect(run("HINCRBYFLOAT", "h", "f", "inf") == HashCommands.incrementIsNaNOrInfinity)
        #expect(engine.databases[0].contains("h") == false)
    }

    @Test func watchersSeeChangesButNotNoOps() {
        let db = engine.databases[0]
        run("HSET", "h", "a", "1")
        db.watchers["h"] = [session]
        defer { db.watchers["h"] = nil }
        func dirtied(_ body: () -> Void) -> Bool {
            session.transactionIsDirty = false
            body()
            return session.transactionIsDirty
        }
        #expect(dirtied { run("HSET", "h", "a", "1") })
        #expect(dirtied { run("HINCRBY", "h", "n", "1") })
        #expect(!dirtied { run("HDEL", "h", "nothere") })
        #expect(!dirtied { run("HSETNX", "h", "a", "2") })
        #expect(!dirtied { run("HINCRBY", "h", "a", "9223372036854775807") })
        #expect(!dirtied { run("HGETALL", "h") })
        #expect(dirtied { run("HDEL", "h", "a") })
    }

    // MARK: HINCRBYFLOAT formatting

    @Test func incrByFloatPrintsLikeRedis() {
        #expect(run("HINCRBYFLOAT", "f", "a", "10.5") == .bulk("10.5"))
        #expect(run("HINCRBYFLOAT", "f", "a", "0.1") == .bulk("10.6"))
        #expect(run("HINCRBYFLOAT", "f", "b", "3.0e3") == .bulk("3000"))
        #expect(run("HINCRBYFLOAT", "f", "c", "-0.0") == .bulk("0"))
        #expect(run("HINCRBYFLOAT", "f", "d", "1e-20") == .bulk("0"))
        #expect(run("HINCRBYFLOAT", "f", "e", "0.1") == .bulk("0.1"))
        #expect(run("HINCRBYFLOAT", "f", "e", "0.2") == .bulk("0.3"))
        #expect(run("HINCRBYFLOAT", "f", "g", "123456789012345678901234567890") == .bulk("123456789012345678899921813504"))
        #expect(run("HINCRBYFLOAT", "f", "h", "1e4932") != HashCommands.resultIsNaNOrInfinity)
        #expect(run("HINCRBYFLOAT", "f", "h", "1e4932") == HashCommands.resultIsNaNOrInfinity)
        #expect(run("HGET", "f", "b") == .bulk("3000"))
    }

    // MARK: HRANDFIELD

    @Test func randomFieldsRepeatWithTheSameSeed() {
        func draws(seed: UInt64) -> [Reply] {
            let engine = Engine(clock: .manual(), seed: seed)
            let session = engine.makeSession()
            @discardableResult func run(_ words: String...) -> Reply { engine.execute(words.map { Bytes($0) }, session: session) }
            run("HSET", "small", "a", "1", "b", "2", "c", "3", "d", "4", "e", "5")
            for i in 0..<300 { run("HSET", "large", "f\(i)", "\(i)") }
            return [run("HRANDFIELD", "small"), run("HRANDFIELD", "small", "3"), run("HRANDFIELD", "small", "-8", "WITHVALUES"),
                    run("HRANDFIELD", "large"), run("HRANDFIELD", "large", "20"), run("HRANDFIELD", "large", "-20"),
                    run("HRANDFIELD", "large", "250", "WITHVALUES")]
        }
        #expect(draws(seed: 7) == draws(seed: 7))
        #expect(draws(seed: 7) != draws(seed: 8))
    }

    @Test func positiveCountsAreDistinctAndListpackSamplesKeepOrder() {
        run("HSET", "small", "a", "1", "b", "2", "c", "3", "d", "4", "e", "5")
        for _ in 0..<50 {
            guard case .array(let items) = run("HRANDFIELD", "small", "3") else { Issue.record("not an array"); return }
            let fields = items.compactMap { if case .bulk(let b) = $0 { return b.string } else { return nil } }
            #expect(fields.count == 3 && Set(fields).count == 3 && fields == fields.sorted())
        }
        for i in 0..<300 { run("HSET", "large", "f\(i)", "\(i)") }
        for count in ["2", "150", "299"] {
            guard case .array(let items) = run("HRANDFIELD", "large", count) else { Issue.record("not an array"); return }
            #expect(items.count == Int(count)! && Set(items).count == items.count)
        }
    }

    @Test func withValuesIsFlatInRESP2AndPairsInRESP3() {
        run("HSET", "h", "only", "v")
        #expect(run("HRANDFIELD", "h", "-2", "WITHVALUES") == bulks("only", "v", "only", "v"))
        session.protocolVersion = 3
        let pair = Reply.array([.bulk("only"), .bulk("v")])
        #expect(run("HRANDFIELD", "h", "-2", "WITHVALUES") == .array([pair, pair]))
        #expect(run("HRANDFIELD", "h", "5", "WITHVALUES") == .array([pair]))
        #expect(run("HRANDFIELD", "h", "5") == bulks("only"))
        let wire = RESPEncoder(protocolVersion: 3).encode(run("HRANDFIELD", "h", "1", "WITHVALUES"))
        #expect(wire == Array("*1\r\n*2\r\n$4\r\nonly\r\n$1\r\nv\r\n".utf8))
        #expect(RESPEncoder(protocolVersion: 3).encode(run("HGETALL", "h")) == Array("%1\r\n$4\r\nonly\r\n$1\r\nv\r\n".utf8))
        #expect(RESPEncoder(protocolVersion: 3).encode(run("HRANDFIELD", "nokey")) == Array("_\r\n".utf8))
    }

    // MARK: HSCAN over a hashtable

    func scanAll(_ key: String, _ options: String...) -> (fields: [String: String], calls: Int) {
        var fields: [String: String] = [:]
        var cursor = "0"
        var calls = 0
        repeat {
            let argv = ["HSCAN", key, cursor] + options
            guard case .array(let parts) = engine.execute(argv.map { Bytes($0) }, session: session),
                  case .bulk(let next) = parts[0], case .array(let items) = parts[1] else {
                Issue.record("bad HSCAN reply")
                break
            }
            for i in stride(from: 0, to: items.count, by: 2) {
                if case .bulk(let f) = items[i], case .bulk(let v) = items[i + 1] { fields[f.string] = v.string }
            }
            cursor = next.string
            calls += 1
        } while cursor != "0" && calls < 100_000
        return (fields, calls)
    }

    @Test func scanVisitsEveryFieldOfAHashtable() {
        for i in 0..<1000 { run("HSET", "h", "f\(i)", "v\(i)") }
        let all = scanAll("h")
        #expect(all.fields.count == 1000)
        #expect(all.fields["f123"] == "v123")
        #expect(all.calls > 10)
        let big = scanAll("h", "COUNT", "5000")
        #expect(big.fields.count == 1000 && big.calls == 1)
        let huge = scanAll("h", "COUNT", "9223372036854775807")
        #expect(huge.fields.count == 1000 && huge.calls == 1)
        let matched = scanAll("h", "MATCH", "f1?", "COUNT", "50")
        #expect(Set(matched.fields.keys) == Set((10...19).map { "f\($0)" }))
    }

    @Test func scanSurvivesGrowthBetweenCalls() {
        for i in 0..<200 { run("HSET", "h", "f\(i)", "v") }
        var seen = Set<String>()
        var cursor = "0"
        var round = 0
        repeat {
            guard case .array(let parts) = run("HSCAN", "h", cursor), case .bulk(let next) = parts[0],
                  case .array(let items) = parts[1] else { Issue.record("bad reply"); return }
            for i in stride(from: 0, to: items.count, by: 2) { if case .bulk(let f) = items[i] { seen.insert(f.string) } }
            // Grow the table half-way through.
            if round == 3 { for i in 200..<2000 { run("HSET", "h", "f\(i)", "v") } }
            cursor = next.string
            round += 1
        } while cursor != "0"
        #expect((0..<200).allSatisfy { seen.contains("f\($0)") })
    }

    @Test func scanCursorParsesLikeStrtoul() {
        #expect(ScanCursor.parse("") == 0)
        #expect(ScanCursor.parse("-1") == UInt64.max)
        #expect(ScanCursor.parse("+7") == 7)
        #expect(ScanCursor.parse("7\u{0}junk") == 7)
        #expect(ScanCursor.parse("18446744073709551616") == nil)
        #expect(ScanCursor.parse(" 1") == nil)
        #expect(ScanCursor.parse("-") == nil)
        #expect(ScanCursor.parse("1x") == nil)
    }
}
