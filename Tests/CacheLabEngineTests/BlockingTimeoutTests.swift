import Testing
@testable import CacheLabEngine

/// Blocking commands with nothing to serve let their timeout pass on the engine's clock.
@Suite struct BlockingTimeoutTests {
    private func run(_ engine: Engine, _ session: Session, _ args: Bytes...) -> Reply {
        engine.execute(args, session: session)
    }

    @Test(arguments: [
        ["BLPOP", "nothing", "2"],
        ["BZPOPMIN", "nothing", "2"],
        ["XREAD", "BLOCK", "2000", "STREAMS", "nothing", "0"],
    ])
    func timeoutPassesOnTheManualClock(_ command: [String]) {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        let start = engine.clock.nowMilliseconds
        _ = run(engine, session, "SET", "short-lived", "v", "PX", "1500")
        #expect(engine.execute(command.map { Bytes($0) }, session: session) == .nullArray)
        #expect(engine.clock.nowMilliseconds - start == 2000)
        #expect(run(engine, session, "GET", "short-lived") == .null)
    }

    @Test func insideMultiNothingBlocksAndNoTimePasses() {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        let start = engine.clock.nowMilliseconds
        _ = run(engine, session, "MULTI")
        _ = run(engine, session, "BLPOP", "nothing", "0")
        _ = run(engine, session, "BZPOPMAX", "nothing", "5")
        #expect(run(engine, session, "EXEC") == .array([.nullArray, .nullArray]))
        #expect(engine.clock.nowMilliseconds == start)
    }

    @Test func waitingForeverIsRefused() {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        #expect(run(engine, session, "BRPOP", "nothing", "0") == Engine.waitsForeverError)
    }

    /// WAIT for replicas that never come: the whole timeout passes, and the answer is 0; a
    /// count of 0 is met at once, and a timeout of 0 would wait forever.
    @Test func waitForReplicasLetsItsTimeoutPass() {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        let start = engine.clock.nowMilliseconds
        #expect(run(engine, session, "WAIT", "0", "500") == .integer(0))
        #expect(engine.clock.nowMilliseconds == start)
        #expect(run(engine, session, "WAIT", "2", "500") == .integer(0))
        #expect(engine.clock.nowMilliseconds - start == 500)
        #expect(run(engine, session, "WAIT", "1", "0") == Engine.waitsForeverError)
    }
}
