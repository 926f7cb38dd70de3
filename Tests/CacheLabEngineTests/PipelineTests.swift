import Testing
@testable import CacheLabEngine

/// A pipeline must answer exactly as the same commands sent one at a time: prefetching and
/// shared clock readings are allowed to change speed, never replies or state.
@Suite struct PipelineTests {
    static let script: [[String]] = [
        ["SET", "a", "1"], ["GET", "a"], ["INCR", "a"], ["get", "A"], ["GET", "missing"],
        ["SELECT", "3"], ["SET", "a", "in db 3"], ["GET", "a"], ["SELECT", "0"], ["GET", "a"],
        ["PING"], ["PING", "hello"], ["NOSUCHCOMMAND", "x"], ["GET"], ["LPUSH", "a", "x"],
        ["MULTI"], ["SET", "b", "2"], ["INCR", "b"], ["EXEC"],
        ["SET", "ttl", "v", "PX", "100"], ["PTTL", "ttl"], ["DEL", "a", "b"], ["DBSIZE"],
        ["RPUSH", "list", "1", "2", "3"], ["LRANGE", "list", "0", "-1"], ["OBJECT", "ENCODING", "list"],
        ["CONFIG", "GET", "maxmemory"], ["OBJECT", "NOSUCH"], ["MGET", "ttl", "list", "nope"],
    ]

    static func argv(_ words: [String]) -> [Bytes] { words.map { Bytes($0) } }

    @Test func repliesMatchOneAtATime() {
        let single = Engine(clock: .manual())
        let singleSession = single.makeSession()
        let expected = Self.script.map { single.execute(Self.argv($0), session: singleSession) }

        let piped = Engine(clock: .manual())
        let pipedSession = piped.makeSession()
        let replies = piped.execute(pipeline: Self.script.map(Self.argv), session: pipedSession)
        #expect(replies == expected)
        #expect(pipedSession.databaseIndex == singleSession.databaseIndex)
    }

    @Test func shortAndEmptyPipelines() {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        #expect(engine.execute(pipeline: [], session: session).isEmpty)
        #expect(engine.execute(pipeline: [Self.argv(["PING"])], session: session) == [.status("PONG")])
    }

    @Test func quitEndsThePipeline() {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        let replies = engine.execute(pipeline: [Self.argv(["SET", "a", "1"]), Self.argv(["QUIT"]), Self.argv(["SET", "b", "2"])],
                                     session: session)
        #expect(replies == [.ok, .ok])
        #expect(engine.databases[0].count == 1)
    }

    @Test func everyCommandIsCountedOnce() {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        let commands = (0..<100).map { Self.argv(["SET", "key:\($0)", "v"]) } + (0..<100).map { Self.argv(["GET", "key:\($0)"]) }
        let replies = engine.execute(pipeline: commands, session: session)
        #expect(replies.filter { $0 == .ok }.count == 100)
        #expect(replies.filter { $0 == .bulk(Bytes("v")) }.count == 100)
        #expect(engine.stats.totalCommandsProcessed == 200)
        #expect(engine.stats.keyspaceHits == 100)
    }

    @Test func eachCommandSeesTheClockAsItRuns() {
        // With a manual clock nothing moves between commands, so expiry decisions in a
        // pipeline are the same as one at a time.
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        _ = engine.execute(Self.argv(["SET", "k", "v", "PX", "10"]), session: session)
        engine.clock.advance(byMilliseconds: 11)
        let replies = engine.execute(pipeline: [Self.argv(["GET", "k"]), Self.argv(["EXISTS", "k"])], session: session)
        #expect(replies == [.null, .integer(0)])
    }
}
