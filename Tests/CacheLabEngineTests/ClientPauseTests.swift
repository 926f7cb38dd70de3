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
}
