import Testing
@testable import CacheLabEngine

/// A command's call is added to INFO commandstats when the next command starts
/// (`ServerState+PendingCall.swift`). Nobody may see the difference: these read the counters
/// every way there is, right after the command, and compare with what redis-server 7.0.15
/// answers to the same commands.
@Suite struct PendingCallTests {
    func commandStats(_ engine: Engine, _ session: Session) -> [String] {
        guard case .verbatim(_, let text) = engine.execute(["INFO", "commandstats"], session: session) else { return [] }
        return text.string.split(separator: "\r\n").dropFirst().map { line in
            // "cmdstat_get:calls=3,usec=..." -> "get calls=3 failed=0"
            let name = line.split(separator: ":")[0].dropFirst("cmdstat_".count)
            let fields = line.split(separator: ":")[1].split(separator: ",")
            let calls = fields.first { $0.hasPrefix("calls=") }!
            let failed = fields.first { $0.hasPrefix("failed_calls=") }!
            return "\(name) \(calls) \(failed)"
        }.sorted()
    }

    @Test func infoCountsEveryEarlierCallButNotItself() {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        #expect(commandStats(engine, session) == [])
        _ = engine.execute(["SET", "k", "v"], session: session)
        _ = engine.execute(["GET", "k"], session: session)
        _ = engine.execute(["GET", "k"], session: session)
        #expect(commandStats(engine, session) == [
            "get calls=2 failed_calls=0", "info calls=1 failed_calls=0", "set calls=1 failed_calls=0",
        ])
    }

    @Test func theEngineOwnReadersCountTheLastCall() {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        _ = engine.execute(["PING"], session: session)
        let counters = engine.serverState.commandCounters
        #expect(counters.map(\.metadata.fullName) == ["ping"])
        #expect(counters.first?.calls == 1)
        // Each command that ran with latency tracking on holds a histogram, counted in memory.
        #expect(engine.serverState.latencyHistograms == 1)
        _ = engine.execute(["ECHO", "x"], session: session)
        #expect(engine.serverState.latencyHistograms == 2)
    }

    @Test func failedCallsAndErrorCodes() {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        _ = engine.execute(["LPUSH", "l", "a"], session: session)
        _ = engine.execute(["GET", "l"], session: session)
        #expect(engine.serverState.errorCounts == ["WRONGTYPE": 1])
        #expect(commandStats(engine, session) == ["get calls=1 failed_calls=1", "lpush calls=1 failed_calls=0"])
    }

    @Test func callsInsideExecAreEachCounted() {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        for argv: [Bytes] in [["MULTI"], ["SET", "a", "1"], ["INCR", "a"], ["INCR", "a"], ["EXEC"]] {
            _ = engine.execute(argv, session: session)
        }
        #expect(commandStats(engine, session) == [
            "exec calls=1 failed_calls=0", "incr calls=2 failed_calls=0",
            "multi calls=1 failed_calls=0", "set calls=1 failed_calls=0",
        ])
    }

    @Test func resetStatisticsCountsOnlyItself() {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        _ = engine.execute(["GET", "x"], session: session)
        _ = engine.execute(["CONFIG", "RESETSTAT"], session: session)
        // As redis-server answers: RESETSTAT's own call is counted after it cleared the rest.
        #expect(commandStats(engine, session) == ["config|resetstat calls=1 failed_calls=0"])
        engine.serverState.resetStatistics()
        #expect(engine.serverState.commandCounters.isEmpty)
        #expect(engine.serverState.latencyHistograms == 0)
    }

    @Test func usedMemoryBeforeACommandIncludesTheLastCallsHistogram() {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        let before = engine.usedMemory
        _ = engine.execute(["PING"], session: session)
        #expect(engine.usedMemory - before == MemoryLedger.latencyHistogramBytes)
    }
}
