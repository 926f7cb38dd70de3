import Testing
@testable import CacheLabEngine

/// The LRU clock is computed once per command time and resolution (`Engine.lruClock`).
@Suite struct LRUClockReadingTests {
    @Test func followsTimeAndResolution() {
        let clock = Clock.manual(startMilliseconds: 1_700_000_000_000)
        let engine = Engine(clock: clock)
        let session = engine.makeSession()
        func expected() -> UInt32 {
            let resolution = max(1, engine.config.lruClockResolutionMilliseconds)
            return UInt32((engine.commandTime / resolution) & Int64(Engine.lruClockMax))
        }
        _ = engine.execute(["PING"], session: session)
        #expect(engine.lruClock == expected())
        let first = engine.lruClock
        clock.advance(byMilliseconds: 999)
        _ = engine.execute(["PING"], session: session)
        #expect(engine.lruClock == expected())
        clock.advance(byMilliseconds: 1)
        _ = engine.execute(["PING"], session: session)
        #expect(engine.lruClock == first &+ 1)
        #expect(engine.lruClock == expected())
        engine.config.lruClockResolutionMilliseconds = 10
        #expect(engine.lruClock == expected())
        engine.config.lruClockResolutionMilliseconds = 0
        #expect(engine.lruClock == expected())
    }

    @Test func idleTimeAfterAdvancingTheClock() {
        let clock = Clock.manual()
        let engine = Engine(clock: clock)
        let session = engine.makeSession()
        _ = engine.execute(["SET", "k", "v"], session: session)
        clock.advance(byMilliseconds: 7_000)
        #expect(engine.execute(["OBJECT", "IDLETIME", "k"], session: session) == .integer(7))
        _ = engine.execute(["GET", "k"], session: session)
        clock.advance(byMilliseconds: 2_000)
        #expect(engine.execute(["OBJECT", "IDLETIME", "k"], session: session) == .integer(2))
    }
}
