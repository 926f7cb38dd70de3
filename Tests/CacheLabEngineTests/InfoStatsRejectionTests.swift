import Testing
@testable import CacheLabEngine

/// INFO fields that count refusals and time spent over maxmemory, and MEMORY's allocator
/// replies, checked against what redis-server 7.0.15 answers for the same commands.
@Suite struct InfoStatsRejectionTests {
    func info(_ engine: Engine, _ session: Session, _ section: Bytes) -> String {
        guard case .verbatim(_, let text) = engine.execute(["INFO", section], session: session) else { return "" }
        return text.string
    }

    /// Redis counts `rejected_calls` for every refusal once the command is known: OOM (outside
    /// and inside MULTI) and commands not allowed in a transaction, as well as wrong arity.
    @Test func outOfMemoryAndMultiRefusalsAreRejectedCalls() {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        _ = engine.execute(["CONFIG", "SET", "maxmemory", "1"], session: session)
        #expect(engine.execute(["SET", "a", "1"], session: session) == Engine.outOfMemoryError)
        _ = engine.execute(["MULTI"], session: session)
        #expect(engine.execute(["SET", "b", "2"], session: session) == Engine.outOfMemoryError)
        _ = engine.execute(["DISCARD"], session: session)
        _ = engine.execute(["CONFIG", "SET", "maxmemory", "0"], session: session)
        _ = engine.execute(["MULTI"], session: session)
        #expect(engine.execute(["SAVE"], session: session) == RedisError.notAllowedInMulti)
        _ = engine.execute(["DISCARD"], session: session)
        let text = info(engine, session, "commandstats")
        #expect(text.contains("cmdstat_set:calls=0,usec=0,usec_per_call=0.00,rejected_calls=2,failed_calls=0\r\n"))
        #expect(text.contains("cmdstat_save:calls=0,usec=0,usec_per_call=0.00,rejected_calls=1,failed_calls=0\r\n"))
    }

    /// The time memory stays over maxmemory, in milliseconds of the engine's clock: it runs
    /// while evictions fail, stops when a run ends under the limit, and RESETSTAT clears it.
    @Test func evictionExceededTimeFollowsTheClock() {
        let clock = Clock.manual()
        let engine = Engine(clock: clock)
        let session = engine.makeSession()
        func field(_ name: String) -> String? {
            info(engine, session, "stats").split(separator: "\r\n")
                .first { $0.hasPrefix(name + ":") }.map { String($0.dropFirst(name.count + 1)) }
        }
        _ = engine.execute(["CONFIG", "SET", "maxmemory", "1"], session: session)
        _ = engine.execute(["SET", "a", "1"], session: session)
        clock.advance(byMilliseconds: 1500)
        #expect(field("total_eviction_exceeded_time") == "1500")
        #expect(field("current_eviction_exceeded_time") == "1500")
        _ = engine.execute(["CONFIG", "SET", "maxmemory", "1gb"], session: session)
        _ = engine.execute(["SET", "a", "1"], session: session)
        clock.advance(byMilliseconds: 700)
        #expect(field("total_eviction_exceeded_time") == "1500")
        #expect(field("current_eviction_exceeded_time") == "0")
        _ = engine.execute(["CONFIG", "RESETSTAT"], session: session)
        #expect(field("total_eviction_exceeded_time") == "0")
    }

    /// A blocking command that times out counts its running time, not its wait, and takes no
    /// latency sample (redis-server 7.0.15: `BLPOP nosuch 0.1` gives usec=17, no latencystats
    /// line).
    @Test func blockedWaitIsNotRunningTime() {
        let clock = Clock.manual()
        let engine = Engine(clock: clock)
        let session = engine.makeSession()
        #expect(engine.execute(["BLPOP", "nosuch", "0.5"], session: session) == .nullArray)
        #expect(engine.execute(["GET", "k"], session: session) == .null)
        let commands = info(engine, session, "commandstats")
        #expect(commands.contains("cmdstat_blpop:calls=1,usec=0,usec_per_call=0.00,rejected_calls=0,failed_calls=0\r\n"))
        let latency = info(engine, session, "latencystats")
        #expect(!latency.contains("blpop"))
        #expect(latency.contains("latency_percentiles_usec_get:"))
    }

    /// CacheLab reports libc's malloc (`mem_allocator:libc`); Redis built so answers this.
    @Test func mallocStatsWithoutJemalloc() {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        #expect(engine.execute(["MEMORY", "MALLOC-STATS"], session: session)
                == .bulk(Bytes("Stats not supported for the current allocator")))
        #expect(info(engine, session, "memory").contains("\r\nmem_allocator:libc\r\n"))
    }

    /// MEMORY STATS as a dictionary by field name.
    func memoryStats(_ engine: Engine, _ session: Session) -> [String: Reply] {
        guard case .map(let fields) = engine.execute(["MEMORY", "STATS"], session: session) else { return [:] }
        var byName: [String: Reply] = [:]
        for i in stride(from: 0, to: fields.count - 1, by: 2) {
            if case .bulk(let name) = fields[i] { byName[name.string] = fields[i + 1] }
        }
        return byName
    }

    /// Redis counts a client's memory in its cron: a script piped in right after start sees
    /// `clients.normal` and `mem_clients_normal` at 0 (redis-server 7.0.15), although
    /// used_memory holds the client; after the first cron pass, the client's shrunk figure
    /// (22,272 on redis-server 7.0.15 after a PING and a pause).
    @Test func clientsAreMeasuredByTheFirstCronPass() {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        _ = engine.execute(["SET", "k", "v"], session: session)
        let usedBefore = engine.usedMemory
        #expect(memoryStats(engine, session)["clients.normal"] == .integer(0))
        #expect(info(engine, session, "memory").contains("\r\nmem_clients_normal:0\r\n"))
        #expect(usedBefore - MemoryLedger.startupBytes > MemoryLedger.freshReplyBufferBytes)
        engine.clock.advance(byMilliseconds: 100)
        guard case .integer(let clients) = memoryStats(engine, session)["clients.normal"] else {
            Issue.record("no clients.normal")
            return
        }
        #expect(abs(clients - 22_272) < 22_272 / 20, "\(clients)")
    }

    /// INFO's `mem_clients_normal` is MEMORY STATS' `clients.normal`, and MEMORY STATS' ratios
    /// carry a C float's precision, as Redis keeps them.
    @Test func memoryStatsAgreeWithInfo() {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        _ = engine.execute(["SET", "k", "v"], session: session)
        engine.clock.advance(byMilliseconds: 1000)
        let byName = memoryStats(engine, session)
        guard case .integer(let clients) = byName["clients.normal"] else {
            Issue.record("no clients.normal")
            return
        }
        #expect(clients > 0)
        #expect(info(engine, session, "memory").contains("\r\nmem_clients_normal:\(clients)\r\n"))
        for name in ["dataset.percentage", "peak.percentage", "fragmentation"] {
            guard case .double(let value) = byName[name] else {
                Issue.record("\(name) is not a double")
                continue
            }
            #expect(Double(Float(value)) == value, "\(name) = \(value)")
        }
    }
}
