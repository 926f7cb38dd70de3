import Testing
@testable import CacheLabEngine

/// MULTI/EXEC/WATCH with several sessions and a manual clock: stale keys, expiry between WATCH
/// and EXEC, and the bookkeeping behind WATCH.
@Suite struct TransactionTests {
    private let engine = Engine(clock: .manual(), config: ScratchDirectory.config())
    private let alice: Session
    private let bob: Session

    init() {
        alice = engine.makeSession()
        bob = engine.makeSession()
    }

    @discardableResult
    private func run(_ session: Session, _ args: String...) -> Reply {
        engine.execute(args.map { Bytes($0) }, session: session)
    }

    private var db: Database { engine.databases[0] }

    private func put(_ key: String, ttl: Int64? = nil, in id: Int = 0) {
        engine.databases[id].set(Bytes(key), .string("v"))
        if let ttl { engine.databases[id].setExpire(Bytes(key), at: engine.clock.nowMilliseconds + ttl) }
    }

    /// MULTI, one harmless queued command, EXEC: the EXEC reply.
    private func transaction(_ session: Session) -> Reply {
        #expect(run(session, "MULTI") == .ok)
        #expect(run(session, "EXISTS", "probe") == .queued)
        return run(session, "EXEC")
    }

    // MARK: Queuing and running

    @Test func queuedCommandsRunInOrderAndErrorsStayInPlace() {
        put("a")
        #expect(run(alice, "MULTI") == .ok)
        #expect(alice.isInTransaction)
        #expect(run(alice, "RENAME", "a", "b") == .queued)
        #expect(run(alice, "RENAME", "a", "c") == .queued)
        #expect(run(alice, "EXISTS", "a", "b") == .queued)
        #expect(db.count == 1)
        #expect(db.contains("a"), "nothing runs before EXEC")
        let reply = run(alice, "EXEC")
        #expect(reply == .array([.ok, .error("ERR no such key"), .integer(1)]))
        #expect(!alice.isInTransaction)
    }

    @Test func rejectedCommandsAbortTheTransaction() {
        run(alice, "MULTI")
        #expect(run(alice, "DEL", "x") == .queued)
        #expect(run(alice, "EXISTS").isError)
        #expect(alice.transactionHasErrors)
        #expect(run(alice, "EXEC") == .error("EXECABORT Transaction discarded because of previous errors."))
        #expect(!alice.isInTransaction && !alice.transactionHasErrors)
    }

    @Test func execWithArgumentsAbortsAndUnwatchesEvenOutsideMulti() {
        put("k")
        run(alice, "WATCH", "k")
        #expect(run(alice, "EXEC", "x") == .error("EXECABORT Transaction discarded because of: wrong number of arguments for 'exec' command"))
        #expect(alice.watchedKeys.isEmpty)
        #expect(db.watchers.isEmpty)
    }

    @Test func nestedMultiAndWatchInsideMultiDoNotAbort() {
        run(alice, "MULTI")
        #expect(run(alice, "MULTI") == .error("ERR MULTI calls can not be nested"))
        #expect(run(alice, "WATCH", "k") == .error("ERR WATCH inside MULTI is not allowed"))
        #expect(!alice.transactionHasErrors)
        #expect(run(alice, "DBSIZE") == .queued)
        #expect(run(alice, "EXEC") == .array([.integer(0)]))
    }

    @Test func discardDropsTheQueue() {
        #expect(run(alice, "DISCARD") == .error("ERR DISCARD without MULTI"))
        #expect(run(alice, "EXEC") == .error("ERR EXEC without MULTI"))
        put("k")
        run(alice, "MULTI")
        run(alice, "DEL", "k")
        #expect(run(alice, "DISCARD") == .ok)
        #expect(db.contains("k"))
    }

    // MARK: WATCH between sessions

    @Test func anotherSessionsWriteFailsTheExec() {
        put("k")
        run(alice, "WATCH", "k")
        run(bob, "DEL", "k")
        #expect(alice.transactionIsDirty)
        #expect(alice.watchedKeys.isEmpty, "a dirty session stops watching at once")
        #expect(transaction(alice) == .nullArray)
        #expect(!alice.transactionIsDirty)
        #expect(transaction(alice) == .array([.integer(0)]), "the failed EXEC ended the watch")
    }

    @Test func readsDoNotCount() {
        put("k")
        run(alice, "WATCH", "k")
        run(bob, "EXISTS", "k")
        run(bob, "TYPE", "k")
        run(bob, "TOUCH", "k")
        run(bob, "OBJECT", "ENCODING", "k")
        #expect(transaction(alice) == .array([.integer(0)]))
    }

    @Test func watchersAreForgottenAfterExecAndDiscard() {
        put("a")
        put("b")
        run(alice, "WATCH", "a", "b", "a")
        run(bob, "WATCH", "a")
        #expect(alice.watchedKeys.count == 2)
        #expect(db.watchers[Bytes("a")]?.count == 2)
        _ = transaction(alice)
        #expect(alice.watchedKeys.isEmpty)
        #expect(db.watchers[Bytes("a")]?.count == 1)
        #expect(db.watchers[Bytes("b")] == nil)
        run(bob, "MULTI")
        run(bob, "DISCARD")
        #expect(db.watchers.isEmpty)
    }

    @Test func everySessionWatchingAKeyIsTold() {
        put("k")
        run(alice, "WATCH", "k")
        run(bob, "WATCH", "k")
        let carol = engine.makeSession()
        run(carol, "RENAME", "k", "k2")
        #expect(transaction(alice) == .nullArray)
        #expect(transaction(bob) == .nullArray)
    }

    @Test func swapdbTouchesKeysOnEitherSide() {
        put("only1", in: 1)
        run(alice, "WATCH", "only1")
        run(bob, "SWAPDB", "0", "1")
        #expect(transaction(alice) == .nullArray, "the key appeared in the watched database")
        run(alice, "WATCH", "absent")
        run(bob, "SWAPDB", "0", "1")
        #expect(transaction(alice) == .array([.integer(0)]))
    }

    // MARK: Expiry and stale keys (Redis 7.0)

    @Test func aWatchedKeyThatExpiresFailsTheExecWithoutBeingTouched() {
        put("k", ttl: 100)
        run(alice, "WATCH", "k")
        engine.clock.advance(byMilliseconds: 100)
        #expect(db.count == 1, "nobody collected it")
        #expect(transaction(alice) == .nullArray)
    }

    @Test func aWatchedKeyCollectedByTheActiveCycleFailsTheExec() {
        put("k", ttl: 100)
        run(alice, "WATCH", "k")
        engine.clock.advance(byMilliseconds: 1000)
        engine.cron()
        #expect(db.count == 0)
        #expect(transaction(alice) == .nullArray)
    }

    @Test func watchingAStaleKeyDoesNotFailTheExec() {
        put("k", ttl: 1)
        engine.clock.advance(byMilliseconds: 1)
        run(alice, "WATCH", "k")
        #expect(alice.isStaleWatch(database: alice.databaseIndex, key: alice.watchedKeys.first!.key))
        #expect(transaction(alice) == .array([.integer(0)]))
    }

    @Test func collectingAStaleWatchedKeyIsNoChange() {
        put("k", ttl: 1)
        engine.clock.advance(byMilliseconds: 1)
        run(alice, "WATCH", "k")
        #expect(run(bob, "EXISTS", "k") == .zero)
        #expect(!alice.isStaleWatch(database: 0, key: "k"), "the watch became an ordinary one")
        #expect(transaction(alice) == .array([.integer(0)]))
    }

    @Test func aStaleWatchTurnedOrdinaryStillSeesLaterWrites() {
        put("k", ttl: 1)
        put("src")
        engine.clock.advance(byMilliseconds: 1)
        run(alice, "WATCH", "k")
        run(bob, "EXISTS", "k")
        run(bob, "COPY", "src", "k")
        #expect(transaction(alice) == .nullArray)
    }

    @Test func flushingAStaleWatchedKeyIsNoChange() {
        put("k", ttl: 1)
        engine.clock.advance(byMilliseconds: 1)
        run(alice, "WATCH", "k")
        run(bob, "FLUSHDB")
        #expect(transaction(alice) == .array([.integer(0)]))
        put("live")
        run(alice, "WATCH", "live")
        run(bob, "FLUSHALL")
        #expect(transaction(alice) == .nullArray)
    }

    @Test func swapdbWithStaleKeys() {
        // A stale key replaced by nothing: no change.
        put("x", ttl: 1, in: 1)
        engine.clock.advance(byMilliseconds: 1)
        run(alice, "SELECT", "1")
        run(alice, "WATCH", "x")
        run(bob, "SWAPDB", "0", "1")
        #expect(transaction(alice) == .array([.integer(0)]))
        run(bob, "FLUSHALL")

        // Nothing replaced by a stale key: no change, but the watch is now stale.
        put("y", ttl: 1, in: 0)
        engine.clock.advance(byMilliseconds: 1)
        run(alice, "WATCH", "y")
        run(bob, "SWAPDB", "0", "1")
        #expect(alice.isStaleWatch(database: alice.databaseIndex, key: alice.watchedKeys.first!.key))
        #expect(transaction(alice) == .array([.integer(0)]))
        run(bob, "FLUSHALL")

        // A stale key replaced by another stale key: no change.
        put("z", ttl: 1, in: 0)
        put("z", ttl: 1, in: 1)
        engine.clock.advance(byMilliseconds: 1)
        run(alice, "WATCH", "z")
        run(bob, "SWAPDB", "0", "1")
        #expect(transaction(alice) == .array([.integer(0)]))
        run(bob, "FLUSHALL")

        // A stale key replaced by a live one: changed.
        put("w", ttl: 1, in: 1)
        engine.clock.advance(byMilliseconds: 1)
        put("w", in: 0)
        run(alice, "WATCH", "w")
        run(bob, "SWAPDB", "0", "1")
        #expect(transaction(alice) == .nullArray)
    }

    @Test func watchOnADirtySessionWatchesNothing() {
        put("k")
        run(alice, "WATCH", "k")
        run(bob, "DEL", "k")
        #expect(run(alice, "WATCH", "other") == .ok)
        #expect(alice.watchedKeys.isEmpty)
        #expect(run(alice, "UNWATCH") == .ok)
        #expect(!alice.transactionIsDirty)
    }

    @Test func resetHelperLeavesNoTrace() {
        put("k")
        run(alice, "WATCH", "k")
        run(alice, "MULTI")
        run(alice, "DEL", "k")
        engine.discardTransaction(of: alice)
        #expect(!alice.isInTransaction)
        #expect(alice.watchedKeys.isEmpty)
        #expect(db.watchers.isEmpty)
        #expect(db.contains("k"))
    }
}
