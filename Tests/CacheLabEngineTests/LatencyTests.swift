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

    /// LATENCY GRAPH against what redis-server 7.0.15 drew for a 20 ms sample followed, a
    /// second later, by a 10 ms one (read at the second of the last): the header, the bars
    /// (the highest a full column ending in #, the lowest a _), a blank row, the ages.
    @Test func graphDrawsAsRedisDoes() {
        let h = StringHarness()
        let set = h.engine.registry.command(named: "SET")!.metadata
        #expect(h.run("LATENCY GRAPH command") == .error("ERR No samples available for event 'command'"))
        h.run("CONFIG SET latency-monitor-threshold 1")
        h.engine.noteSlowCommand(["SET", "a", "1"], command: set, microseconds: 5_000, session: h.session)
        h.engine.noteSlowCommand(["SET", "a", "1"], command: set, microseconds: 20_000, session: h.session)
        h.engine.clock.advance(byMilliseconds: 1000)
        h.engine.noteSlowCommand(["SET", "a", "1"], command: set, microseconds: 10_000, session: h.session)
        let expected = """
            command - high 20 ms, low 10 ms (all time high 20 ms)
            \(String(repeating: "-", count: 80))
            #\u{20}
            |\u{20}
            |\u{20}
            |_
            \u{20}\u{20}
            10
            ss

            """
        #expect(h.run("LATENCY GRAPH command") == .verbatim(format: "txt", text: Bytes(expected)))
    }

    /// Heights in twelve steps between the lowest and the highest sample, ages in the largest
    /// unit, and a new chart every 80 samples.
    @Test func graphStepsAgesAndWrapping() {
        #expect(LatencyGraph.height(of: 10, low: 10, high: 10) == 0)
        #expect(LatencyGraph.height(of: 15, low: 10, high: 20) == 6)
        #expect(LatencyGraph.height(of: 20, low: 10, high: 20) == 11)
        #expect(["59s", "1m", "59m", "1h", "23h", "1d"] == [59, 60, 3599, 3600, 86_399, 86_400].map { LatencyGraph.age(seconds: $0) })
        var series = LatencyMonitor.Series()
        for t in 0..<81 { series.record(milliseconds: Int64(t % 3 + 1), at: Int64(t)) }
        let text = LatencyGraph(event: "e", series: series, now: 80).text
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // Header, dashes, 4 bar rows, a blank row, 2 or 3 label rows for 80 columns, then a
        // blank line and the 81st sample's chart (1 column, label "0s").
        #expect(lines[2].count == 80)
        #expect(text.hasSuffix("\n\n#\n|\n|\n|\n \n0\ns\n"))
    }

    /// DEBUG SLEEP lets its time pass on the engine clock and counts it in the command's
    /// duration, so the latency monitor and the slow log see it; like Redis's strtod, a
    /// number that is not a positive time sleeps not at all and still answers OK.
    @Test func debugSleepIsASlowCommandOnPurpose() {
        let h = StringHarness()
        h.allowDebugCommand()
        h.run("CONFIG SET latency-monitor-threshold 100")
        let start = h.engine.clock.nowMilliseconds
        #expect(h.run("DEBUG SLEEP 0.25") == .ok)
        #expect(h.engine.clock.nowMilliseconds - start == 250)
        #expect(h.run("LATENCY HISTORY command") == .array([.array([.integer((start + 250) / 1000), .integer(250)])]))
        #expect(h.run("SLOWLOG LEN") == .integer(1))
        for argument in ["x", "-1", "nan", "inf", "0", "0.0001"] {
            #expect(h.run("DEBUG SLEEP \(argument)") == .ok, "\(argument)")
        }
        #expect(h.run("DEBUG SLEEP 0.5abc") == .ok)
        #expect(h.engine.clock.nowMilliseconds - start == 750, "only the leading number counts")
        #expect(h.run("DEBUG SLEEP") == .error("ERR unknown subcommand or wrong number of arguments for 'SLEEP'. Try DEBUG HELP."))
    }
}
