import Testing
@testable import CacheLabEngine

/// CLIENT PAUSE holds the session's own commands back until the pause ends, as Redis 7.0 holds
/// every client's: all of them, or under WRITE only those that may change data. With one
/// session, a held command waits out the pause on the engine clock, then runs.
@Suite struct ClientPauseTests {
    /// An engine on a manual clock, and a session.
    static func manualEngine() -> (Clock, Engine, Session) {
        let clock = Clock.manual()
        let engine = Engine(clock: clock)
        return (clock, engine, engine.makeSession())
    }

    @Test func writePauseHoldsWritesOnly() {
        let (clock, engine, session) = Self.manualEngine()
        let start = clock.nowMilliseconds
        #expect(engine.execute(["CLIENT", "PAUSE", "5000", "WRITE"], session: session) == .ok)
        #expect(engine.execute(["GET", "k"], session: session) == .null)
        #expect(clock.nowMilliseconds == start)
        #expect(engine.execute(["SET", "k", "v"], session: session) == .ok)
        #expect(clock.nowMilliseconds == start + 5000)
        #expect(engine.clientPause == nil)
        // Queueing a write is held too (Redis checks before it queues), and so is an EXEC
        // whose transaction holds one; a read-only transaction is not.
        #expect(engine.execute(["CLIENT", "PAUSE", "1000", "WRITE"], session: session) == .ok)
        #expect(engine.execute(["MULTI"], session: session) == .ok)
        #expect(engine.execute(["INCR", "n"], session: session) == .queued)
        #expect(clock.nowMilliseconds == start + 6000)
        engine.clientPause = Engine.ClientPause(until: start + 7000, writesOnly: true)
        #expect(engine.execute(["EXEC"], session: session) == .array([.integer(1)]))
        #expect(clock.nowMilliseconds == start + 7000)
        #expect(engine.execute(["MULTI"], session: session) == .ok)
        #expect(engine.execute(["GET", "n"], session: session) == .queued)
        engine.clientPause = Engine.ClientPause(until: start + 8000, writesOnly: true)
        #expect(engine.execute(["EXEC"], session: session) == .array([.bulk("1")]))
        #expect(clock.nowMilliseconds == start + 7000)
    }

    @Test func allPauseHoldsEverythingUntilUnpause() {
        let (clock, engine, session) = Self.manualEngine()
        let start = clock.nowMilliseconds
        #expect(engine.execute(["CLIENT", "PAUSE", "2000", "WRITE"], session: session) == .ok)
        // A second pause takes the new mode and keeps the later end.
        #expect(engine.execute(["CLIENT", "PAUSE", "500", "ALL"], session: session) == .ok)
        #expect(engine.clientPause == Engine.ClientPause(until: start + 2000, writesOnly: false))
        #expect(engine.execute(["PING"], session: session) == .status("PONG"))
        #expect(clock.nowMilliseconds == start + 2000)
        // UNPAUSE from another client would end it early; a pause that has ended holds nothing.
        engine.clientPause = Engine.ClientPause(until: start + 9000, writesOnly: true)
        engine.clientPause = nil
        #expect(engine.execute(["SET", "k", "v"], session: session) == .ok)
        #expect(clock.nowMilliseconds == start + 2000)
    }

    // MARK: The dataset stands still

    @Test func keysPastTheirTimeStayUntilThePauseEnds() {
        let (clock, engine, session) = Self.manualEngine()
        #expect(engine.execute(["SET", "k", "v", "PX", "100"], session: session) == .ok)
        #expect(engine.execute(["SET", "live", "v"], session: session) == .ok)
        #expect(engine.execute(["CLIENT", "PAUSE", "5000", "WRITE"], session: session) == .ok)
        clock.advance(byMilliseconds: 200)
        // Reads see the key gone, but nothing deletes it or counts an expiry.
        #expect(engine.execute(["GET", "k"], session: session) == .null)
        #expect(engine.execute(["EXISTS", "k"], session: session) == .integer(0))
        #expect(engine.execute(["TTL", "k"], session: session) == .integer(-2))
        #expect(engine.execute(["SCAN", "0"], session: session) == .array([.bulk("0"), .array([.bulk("live")])]))
        engine.activeExpireCycle()
        #expect(engine.execute(["DBSIZE"], session: session) == .integer(2))
        #expect(engine.stats.expiredKeys == 0)
        // Once the pause is over, the first access deletes it.
        clock.advance(byMilliseconds: 5000)
        #expect(engine.execute(["GET", "k"], session: session) == .null)
        #expect(engine.execute(["DBSIZE"], session: session) == .integer(1))
        #expect(engine.stats.expiredKeys == 1)
    }

    @Test func randomKeyEndsWhenEveryKeyExpiredDuringAPause() {
        let (clock, engine, session) = Self.manualEngine()
        #expect(engine.execute(["SET", "a", "1", "PX", "10"], session: session) == .ok)
        #expect(engine.execute(["SET", "b", "2", "PX", "10"], session: session) == .ok)
        #expect(engine.execute(["CLIENT", "PAUSE", "5000", "WRITE"], session: session) == .ok)
        clock.advance(byMilliseconds: 100)
        // Redis 7.0 loops forever here; CacheLab returns an expired key after 100 draws.
        let reply = engine.execute(["RANDOMKEY"], session: session)
        #expect(reply == .bulk("a") || reply == .bulk("b"))
        #expect(engine.execute(["DBSIZE"], session: session) == .integer(2))
    }

    @Test func aWriteInsideThePausingTransactionStillReplacesExpiredKeys() {
        let (clock, engine, session) = Self.manualEngine()
        #expect(engine.execute(["SET", "k", "old", "PX", "10"], session: session) == .ok)
        clock.advance(byMilliseconds: 100)
        #expect(engine.execute(["MULTI"], session: session) == .ok)
        #expect(engine.execute(["CLIENT", "PAUSE", "5000", "WRITE"], session: session) == .queued)
        #expect(engine.execute(["SET", "k", "new"], session: session) == .queued)
        #expect(engine.execute(["EXEC"], session: session) == .array([.ok, .ok]))
        #expect(engine.execute(["DBSIZE"], session: session) == .integer(1))
        #expect(engine.execute(["GET", "k"], session: session) == .bulk("new"))
    }

    @Test func nothingIsEvictedOrRefusedUntilTheHeldCommandRuns() {
        let (clock, engine, session) = Self.manualEngine()
        let value = Bytes(String(repeating: "v", count: 10_000))
        for i in 0..<20 { _ = engine.execute(["SET", Bytes("key:\(i)"), value], session: session) }
        #expect(engine.execute(["CONFIG", "SET", "maxmemory-policy", "allkeys-lru"], session: session) == .ok)
        #expect(engine.execute(["CLIENT", "PAUSE", "1000", "WRITE"], session: session) == .ok)
        // CONFIG SET is no write: it runs during the pause, and its eviction waits.
        let limit = Bytes(String(engine.usedMemory - 50_000))
        #expect(engine.execute(["CONFIG", "SET", "maxmemory", limit], session: session) == .ok)
        #expect(engine.execute(["GET", "key:0"], session: session) == .bulk(value))
        #expect(engine.execute(["DBSIZE"], session: session) == .integer(20))
        #expect(engine.stats.evictedKeys == 0)
        // The held SET waits out the pause, then faces the memory check and evicts.
        #expect(engine.execute(["SET", "new", "v"], session: session) == .ok)
        #expect(engine.stats.evictedKeys > 0)
        #expect(engine.usedMemory <= Int(engine.config.maxmemory))
        // Under noeviction the held write is refused only after its wait.
        #expect(engine.execute(["CONFIG", "SET", "maxmemory-policy", "noeviction"], session: session) == .ok)
        engine.config.maxmemory = Int64(engine.usedMemory - 1)
        #expect(engine.execute(["CLIENT", "PAUSE", "1000"], session: session) == .ok)
        let pausedAt = clock.nowMilliseconds
        #expect(engine.execute(["SET", "other", "v"], session: session) == Engine.outOfMemoryError)
        #expect(clock.nowMilliseconds == pausedAt + 1000)
    }
}
