import Testing
@testable import CacheLabEngine

@Suite struct InfoTests {
    @Test func sectionSelection() {
        #expect(InfoSelection([]).sections == ["server", "clients", "memory", "persistence", "stats", "replication",
                                               "cpu", "modules", "errorstats", "cluster", "keyspace"])
        #expect(InfoSelection(["default"]).sections == InfoSelection([]).sections)
        #expect(InfoSelection(["all"]).sections == InfoSelection.order)
        #expect(InfoSelection(["everything"]).sections == InfoSelection.order)
        #expect(InfoSelection(["KEYSPACE", "Server"]).sections == ["server", "keyspace"])
        #expect(InfoSelection(["commandstats", "default"]).sections.contains("commandstats"))
        #expect(InfoSelection(["nosuch"]).sections.isEmpty)
        #expect(InfoSelection(["module_list"]).sections == ["modules"])
    }

    func info(_ engine: Engine, _ session: Session, _ args: [Bytes]) -> String {
        guard case .verbatim(let format, let text) = engine.execute(["INFO"] + args, session: session) else { return "" }
        #expect(format == "txt")
        return text.string
    }

    @Test func layoutUsesCRLFAndBlankLinesBetweenSections() {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        #expect(info(engine, session, ["cluster", "modules"]) == "# Modules\r\n\r\n# Cluster\r\ncluster_enabled:0\r\n")
        #expect(info(engine, session, ["nosuch"]) == "")
        #expect(info(engine, session, ["keyspace"]) == "# Keyspace\r\n")
    }

    @Test func keyspaceAndUptimeFollowTheEngineClock() {
        let clock = Clock.manual(startMilliseconds: 1_700_000_000_000)
        let engine = Engine(clock: clock)
        let session = engine.makeSession()
        let db = engine.databases[0]
        db.add("a", .string("1"))
        db.add("b", .string("2"))
        db.setExpire("b", at: clock.nowMilliseconds + 10_000)
        engine.databases[3].add("c", .string("3"))
        clock.advance(byMilliseconds: 2_000)
        let text = info(engine, session, ["keyspace", "server"])
        #expect(text.contains("\r\ndb0:keys=2,expires=1,avg_ttl=8000\r\n"))
        #expect(text.contains("\r\ndb3:keys=1,expires=0,avg_ttl=0\r\n"))
        #expect(text.contains("\r\nuptime_in_seconds:2\r\n"))
        #expect(text.contains("\r\nserver_time_usec:1700000002000000\r\n"))
    }

    @Test func statsCountHitsMissesCommandsAndErrors() {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        engine.databases[0].add("k", .string("v"))
        _ = engine.databases[0].lookupRead("k")
        _ = engine.databases[0].lookupRead("nokey")
        _ = engine.execute(["PING"], session: session)
        _ = engine.execute(["NOSUCH"], session: session)
        _ = engine.execute(["CONFIG", "GET"], session: session)
        _ = engine.execute(["CONFIG", "SET", "hz", "x"], session: session)
        let text = info(engine, session, ["stats", "commandstats", "errorstats"])
        #expect(text.contains("\r\nkeyspace_hits:1\r\n"))
        #expect(text.contains("\r\nkeyspace_misses:1\r\n"))
        #expect(text.contains("\r\ntotal_commands_processed:2\r\n"))
        #expect(text.contains("\r\ntotal_error_replies:3\r\n"))
        #expect(text.contains("\r\nerrorstat_ERR:count=3\r\n"))
        #expect(text.contains("cmdstat_config|get:calls=0,usec=0,usec_per_call=0.00,rejected_calls=1,failed_calls=0\r\n"))
        #expect(text.contains("cmdstat_config|set:calls=1,"))
        #expect(text.contains(",rejected_calls=0,failed_calls=1\r\n"))
        _ = engine.execute(["CONFIG", "RESETSTAT"], session: session)
        let after = info(engine, session, ["stats", "commandstats", "errorstats"])
        #expect(after.contains("\r\nkeyspace_hits:0\r\n"))
        #expect(after.contains("\r\ntotal_error_replies:0\r\n"))
        #expect(!after.contains("errorstat_"))
        #expect(!after.contains("cmdstat_config|get"))
    }

    @Test func errorCodesAreTheFirstWord() {
        let state = ServerState(seed: 1)
        state.recordError("WRONGTYPE Operation against a key holding the wrong kind of value")
        state.recordError("ERR syntax error")
        state.recordError("NOSPACEATALLINTHISERRORMESSAGEWHICHISLONG")
        #expect(state.errorCounts == ["WRONGTYPE": 1, "ERR": 2])
    }

    @Test func humanSizes() {
        #expect(InfoReport.human(0) == "0B")
        #expect(InfoReport.human(1023) == "1023B")
        #expect(InfoReport.human(1024) == "1.00K")
        #expect(InfoReport.human(1_040_424) == "1016.04K")
        #expect(InfoReport.human(1_678_128) == "1.60M")
        #expect(InfoReport.human(25_276_502_016) == "23.54G")
        #expect(InfoReport.human(1 << 50) == "1.00P")
        #expect(InfoReport.human(UInt64.max) == "18446744073709551615B")
    }

    @Test func latencyHistogramPercentiles() {
        var h = LatencyHistogram()
        #expect(h.value(atPercentile: 50) == 0)
        for v in 1...100 { h.record(UInt64(v) * 1000) }
        // Two significant digits: each answer is within 1% above the exact percentile.
        let p50 = h.value(atPercentile: 50)
        #expect(p50 >= 50_000 && p50 <= 50_500)
        let p99 = h.value(atPercentile: 99)
        #expect(p99 >= 99_000 && p99 <= 99_990)
        #expect(h.value(atPercentile: 100) >= 100_000)
        var small = LatencyHistogram()
        small.record(0)
        small.record(200)
        #expect(small.value(atPercentile: 50) == 1)
        #expect(small.value(atPercentile: 100) == 200)
    }
}
