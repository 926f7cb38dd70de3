import DequeModule
import Testing
@testable import CacheLabEngine

/// Lists: what the differential scripts cannot reach (blocking without data, transactions,
/// WATCH signals, expiry, the value type's own bookkeeping).
@Suite struct ListTests {
    let engine = Engine(clock: .manual())
    let session: Session

    init() {
        session = engine.makeSession()
    }

    @discardableResult
    func run(_ words: String...) -> Reply {
        engine.execute(words.map { Bytes($0) }, session: session)
    }

    /// Runs a command the way EXEC runs a queued one: inside the transaction, not queued.
    func runInsideExec(_ words: String...) -> Reply {
        let argv = words.map { Bytes($0) }
        guard case .command(let command) = engine.registry.resolve(argv) else {
            Issue.record("cannot resolve \(words)")
            return .null
        }
        session.queuedCommands = []
        defer { session.queuedCommands = nil }
        return engine.call(command, argv, session: session)
    }

    // MARK: Blocking pops without data

    @Test func positiveTimeoutWithoutDataAnswersTheTimeoutReplyAfterTheTimeout() {
        let before = engine.clock.nowMilliseconds
        #expect(run("BLPOP", "a", "b", "1") == .nullArray)
        #expect(run("BRPOP", "a", "0.001") == .nullArray)
        #expect(run("BLMPOP", "5", "1", "a", "LEFT") == .nullArray)
        // Redis 7.0 sends the null array on a BLMOVE/BRPOPLPUSH timeout too.
        #expect(run("BLMOVE", "a", "b", "LEFT", "RIGHT", "2") == .nullArray)
        #expect(run("BRPOPLPUSH", "a", "b", "0.5") == .nullArray)
        // 0.0001 s rounds up to 1 ms: a real, positive timeout.
        #expect(run("BLPOP", "a", "0.0001") == .nullArray)
        // Each timeout passed on the engine's (manual) clock: 1 + 0.001 + 5 + 2 + 0.5 s + 1 ms.
        #expect(engine.clock.nowMilliseconds - before == 1000 + 1 + 5000 + 2000 + 500 + 1)
        #expect(run("LLEN", "b") == .zero)
    }

    @Test func zeroTimeoutWithoutDataIsRefusedInsteadOfHanging() {
        for reply in [run("BLPOP", "a", "0"), run("BRPOP", "a", "b", "0"), run("BLMOVE", "a", "b", "LEFT", "LEFT", "0"),
                      run("BRPOPLPUSH", "a", "b", "0"), run("BLMPOP", "0", "1", "a", "RIGHT"),
                      // -0.0001 s rounds up to 0: block forever, as in Redis.
                      run("BLPOP", "a", "-0.0001")] {
            #expect(reply == Engine.waitsForeverError)
        }
    }

    @Test func blockingPopsInsideATransactionAnswerNilEvenWithTimeoutZero() {
        #expect(runInsideExec("BLPOP", "a", "0") == .nullArray)
        #expect(runInsideExec("BRPOP", "a", "1") == .nullArray)
        #expect(runInsideExec("BLMPOP", "0", "1", "a", "LEFT") == .nullArray)
        #expect(runInsideExec("BLMOVE", "a", "b", "LEFT", "LEFT", "0") == .null)
        #expect(runInsideExec("BRPOPLPUSH", "a", "b", "0") == .null)
        // Argument errors still come first.
        #expect(runInsideExec("BLPOP", "a", "-1") == .error("ERR timeout is negative"))
        run("RPUSH", "a", "x")
        #expect(runInsideExec("BLPOP", "a", "0") == .array([.bulk("a"), .bulk("x")]))
    }

    @Test func blockingPopsWithDataActAtOnce() {
        run("RPUSH", "q", "1", "2", "3")
        #expect(run("BLPOP", "none", "q", "0") == .array([.bulk("q"), .bulk("1")]))
        #expect(run("BRPOPLPUSH", "q", "r", "0") == .bulk("3"))
        #expect(run("BLMPOP", "0", "1", "q", "LEFT", "COUNT", "5") == .array([.bulk("q"), .array([.bulk("2")])]))
        #expect(run("LLEN", "q") == .zero)
        #expect(run("LRANGE", "r", "0", "-1") == .array([.bulk("3")]))
    }

    // MARK: Keys come and go

    @Test func emptiedListsAreDeleted() {
        run("RPUSH", "l", "a", "b")
        run("LPOP", "l", "2")
        #expect(engine.databases[0].contains("l") == false)
        run("RPUSH", "l", "a")
        run("LREM", "l", "0", "a")
        #expect(engine.databases[0].contains("l") == false)
        run("RPUSH", "l", "a")
        run("LTRIM", "l", "1", "0")
        #expect(engine.databases[0].contains("l") == false)
        run("RPUSH", "l", "a")
        run("LMOVE", "l", "m", "LEFT", "LEFT")
        #expect(engine.databases[0].contains("l") == false)
        #expect(engine.databases[0].contains("m"))
    }

    @Test func expiredListIsGoneBeforeAPush() {
        run("RPUSH", "l", "old")
        let db = engine.databases[0]
        db.setExpire("l", at: engine.clock.nowMilliseconds + 1000)
        engine.clock.advance(byMilliseconds: 1000)
        #expect(run("LPUSHX", "l", "x") == .zero)
        #expect(run("RPUSH", "l", "new") == .integer(1))
        #expect(db.expireTime(of: "l") == nil)
        #expect(run("LRANGE", "l", "0", "-1") == .array([.bulk("new")]))
    }

    // MARK: WATCH

    /// Marks `key` as watched by the session and reports whether `body` dirtied it.
    func dirties(_ key: Bytes, _ body: () -> Void) -> Bool {
        let db = engine.databases[0]
        session.transactionIsDirty = false
        db.watchers[key] = [session]
        defer { db.watchers[key] = nil }
        body()
        return session.transactionIsDirty
    }

    @Test func writesSignalWatchersAndFailedOrNoOpCommandsDoNot() {
        run("RPUSH", "l", "a", "b", "c")
        run("HSET", "h", "f", "v")
        #expect(dirties("l") { run("RPUSH", "l", "d") })
        #expect(dirties("l") { run("LSET", "l", "0", "z") })
        #expect(dirties("l") { run("LREM", "l", "1", "z") })
        #expect(dirties("l") { run("LTRIM", "l", "0", "-1") })
        #expect(dirties("m") { run("LMOVE", "l", "m", "LEFT", "LEFT") })
        #expect(!dirties("l") { run("LREM", "l", "0", "nothere") })
        #expect(!dirties("l") { run("LSET", "l", "100", "x") })
        #expect(!dirties("l") { run("LINSERT", "l", "BEFORE", "nothere", "x") })
        #expect(!dirties("l") { run("LPOP", "l", "-1") })
        #expect(!dirties("h") { run("LPUSH", "h", "x") })
        #expect(!dirties("h") { run("LMOVE", "l", "h", "LEFT", "LEFT") })
        #expect(!dirties("l") { run("LMOVE", "l", "h", "LEFT", "LEFT") })
        #expect(!dirties("l") { run("LRANGE", "l", "0", "-1") })
    }

    // MARK: The value type

    @Test func listValueKeepsItsByteTotal() {
        // Listpack entries: a string of n < 64 bytes takes n + 2, a small integer 2.
        var list = ListValue(["ab", "cde"])
        #expect(list.entryBytes == 9)
        list.push("fghi", atHead: true)
        list.push("", atHead: false)
        #expect(list.entryBytes == 17)
        _ = list.pop(atHead: true)
        #expect(list.entryBytes == 11)
        list.replace(at: 0, with: "x")
        list.insert("yy", at: 1)
        #expect(list.entryBytes == 14)
        #expect(Array(list.items) == ["x", "yy", "cde", ""])
        list.remove(at: 3)
        list.trim(head: 1, tail: 0)
        #expect(Array(list.items) == ["yy", "cde"])
        #expect(list.entryBytes == 9)
        #expect(list.encoding == "quicklist")
    }

    @Test func removeAllTakesBothPathsAndKeepsOrder() {
        // Few matches near the ends: removed one by one.
        var list = ListValue(Deque((0..<100).map { Bytes(integer: $0 % 50 == 0 ? -1 : $0) }))
        #expect(list.removeAll(equalTo: "-1", limit: .max, fromHead: true) == 2)
        #expect(list.count == 98)
        // Many matches in the middle: rebuilt in one pass.
        var many = ListValue(Deque((0..<1000).map { Bytes(integer: $0 % 2) }))
        #expect(many.removeAll(equalTo: "1", limit: 300, fromHead: false) == 300)
        #expect(many.count == 700)
        let items = Array(many.items)
        #expect(items.prefix(400).filter { $0 == "1" }.count == 200)
        #expect(items.suffix(300).allSatisfy { $0 == "0" })
        #expect(many.entryBytes == 1400)
    }

    @Test func nodeEstimateFollowsTheFillSetting() {
        let list = ListValue(Deque((0..<1000).map { _ in Bytes("0123456789") }))
        #expect(list.estimatedNodeCount(fill: 128) == 8)
        #expect(list.estimatedNodeCount(fill: 1) == 1000)
        // 12-byte entries: 681 fit in an 8 KB node, 340 in a 4 KB node.
        #expect(list.estimatedNodeCount(fill: -2) == 2)
        #expect(list.estimatedNodeCount(fill: -1) == 3)
        #expect(ListValue().estimatedNodeCount(fill: -2) == 0)
        let config = Config()
        config.listMaxListpackSize = 100
        #expect(list.estimatedQuicklist(config) == (10, 0))
        config.listCompressDepth = 2
        #expect(list.estimatedQuicklist(config) == (10, 6))
        config.listCompressDepth = 9
        #expect(list.estimatedQuicklist(config) == (10, 0))
    }

    @Test func timeoutParsingFollowsRedis() throws {
        func timeout(_ text: String) -> Result<Int64, Reply> {
            let argv: [Bytes] = ["BLPOP", "k", Bytes(text)]
            let context = CommandContext(engine: engine, session: session, argv: argv, command: CommandMetadata.all.first { $0.name == "blpop" }!)
            do throws(Reply) { return .success(try BlockingTimeout(context, at: 2).milliseconds) } catch { return .failure(error) }
        }
        #expect(timeout("1") == .success(1000))
        #expect(timeout("0.0001") == .success(1))
        #expect(timeout("-0.0001") == .success(0))
        #expect(timeout("1.5") == .success(1500))
        #expect(timeout("0x10") == .success(16000))
        #expect(timeout("1e-4940") == .success(1))
        #expect(timeout("9223372036854775") == .success(9_223_372_036_854_775_000))
        #expect(timeout("inf") == .failure(BlockingTimeout.negative))
        #expect(timeout("9223372036854775807") == .failure(BlockingTimeout.negative))
        #expect(timeout("-1") == .failure(BlockingTimeout.negative))
        #expect(timeout("nan") == .failure(BlockingTimeout.notAFloat))
        #expect(timeout("1e5000") == .failure(BlockingTimeout.notAFloat))
        #expect(timeout(" 1") == .failure(BlockingTimeout.notAFloat))
    }
}
