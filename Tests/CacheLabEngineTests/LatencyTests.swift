import Testing
@testable import CacheLabEngine

/// LATENCY HISTOGRAM and the latency monitor on a manual clock, where commands take 0 µs.
@Suite struct LatencyTests {
    @Test func histogramCountsCallsByPowersOfTwo() {
        let h = StringHarness()
        h.run("SET a 1")
        h.run("GET a")
        h.run("GET a")
        // 0 µs counts as 1 ns, which lands under Redis's first point, 1 µs.
        let get: Reply = .map([.bulk("calls"), .integer(2), .bulk("histogram_usec"), .map([.integer(1), .integer(2)])])
        #expect(h.run("LATENCY HISTOGRAM get nosuch") == .map([.bulk("get"), get]))
        #expect(h.run("LATENCY HISTOGRAM lpush") == .map([]))
        // A container names its subcommands.
        h.run("CONFIG GET hz")
        guard case .map(let config) = h.run("LATENCY HISTOGRAM config") else { Issue.record("no map"); return }
        #expect(config.first == .bulk("config|get"))
    }

    @Test func histogramPointsFollowRedisLogIterator() {
        var histogram = LatencyHistogram()
        for nanoseconds: UInt64 in [500, 1_500, 3_000, 3_000, 40_000, 70_000] { histogram.record(nanoseconds) }
        let points = histogram.cumulativeByPowersOfTwo().map { [$0.microseconds, $0.count] }
        // Each point is the highest value sharing a power of two's sub-bucket: 1031 ns,
        // 2063 ns, 4127 ns ... 66047 ns, 132095 ns; levels that add nothing (8 to 33 µs) are
        // left out.
        #expect(points == [[1, 1], [2, 2], [4, 4], [66, 5], [132, 6]])
    }

    @Test func monitorKeepsTheWorstOfEachSecondAboveTheThreshold() {
        let h = StringHarness()
        let set = h.engine.registry.command(named: "SET")!.metadata
        let get = h.engine.registry.command(named: "GET")!.metadata
        // Off by default: nothing is kept.
        h.engine.noteSlowCommand(["SET", "a", "1"], command: set, microseconds: 50_000, session: h.session)
        #expect(h.run("LATENCY LATEST") == .array([]))
        h.run("CONFIG SET latency-monitor-threshold 10")
        let now = h.engine.clock.nowMilliseconds / 1000
        h.engine.noteSlowCommand(["SET", "a", "1"], command: set, microseconds: 9_999, session: h.session)
        h.engine.noteSlowCommand(["SET", "a", "1"], command: set, microseconds: 12_000, session: h.session)
        h.engine.noteSlowCommand(["SET", "a", "1"], command: set, microseconds: 30_000, session: h.session)
        h.engine.noteSlowCommand(["GET", "a"], command: get, microseconds: 15_000, session: h.session)
        h.engine.clock.advance(byMilliseconds: 1000)
        h.engine.noteSlowCommand(["SET", "a", "1"], command: set, microseconds: 20_000, session: h.session)
        #expect(h.run("LATENCY HISTORY command") == .array([
            .array([.integer(now), .integer(30)]), .array([.integer(now + 1), .integer(20)]),
        ]))
        #expect(h.run("LATENCY LATEST") == .array([
            .array([.bulk("command"), .integer(now + 1), .integer(20), .integer(30)]),
            .array([.bulk("fast-command"), .integer(now), .integer(15), .integer(15)]),
        ]))
        #expect(h.run("LATENCY RESET command nosuch") == .integer(1))
        #expect(h.run("LATENCY RESET") == .integer(1))
        #expect(h.run("LATENCY LATEST") == .array([]))
    }
}
