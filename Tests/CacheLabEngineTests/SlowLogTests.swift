import Testing
@testable import CacheLabEngine

/// The slow log on a manual clock, where every command takes 0 µs: with a threshold of 0
/// every command that runs is logged, as Redis logs them.
@Suite struct SlowLogTests {
    /// The arguments of the logged commands, newest first.
    static func loggedArguments(_ h: StringHarness, count: Int = -1) -> [[String]] {
        guard case .array(let entries) = h.run("SLOWLOG GET \(count)") else { return [] }
        return entries.map { entry in
            guard case .array(let fields) = entry, case .array(let arguments) = fields[3] else { return [] }
            return arguments.map { if case .bulk(let b) = $0 { return b.string } else { return "?" } }
        }
    }

    @Test func logsWhatRanNewestFirstWithItsFields() {
        let h = StringHarness()
        h.run("CONFIG SET slowlog-log-slower-than 0")
        h.run("SLOWLOG RESET")
        h.run("SET a 1")
        h.run("CLIENT SETNAME bob")
        h.run("MULTI")
        h.run("GET a")       // queued: logged when EXEC runs it
        h.run("EXEC")        // skip_slowlog
        h.run("NOSUCH")      // refused before running: not logged
        #expect(Self.loggedArguments(h) == [["GET", "a"], ["MULTI"], ["CLIENT", "SETNAME", "bob"], ["SET", "a", "1"], ["SLOWLOG", "RESET"]])
        guard case .array(let entries) = h.run("SLOWLOG GET 1"), case .array(let newest) = entries[0] else {
            Issue.record("no entry"); return
        }
        #expect(newest[0] == .integer(6))  // ids go on across RESET (CONFIG SET was 0)
        #expect(newest[1] == .integer(h.engine.clock.nowMilliseconds / 1000))
        #expect(newest[2] == .integer(0))
        #expect(newest[5] == .bulk("bob"))
    }

    @Test func keepsNoSecretsAndCutsLongCommands() {
        let h = StringHarness()
        h.run("CONFIG SET slowlog-log-slower-than 0")
        h.run("AUTH secret")
        h.run("CONFIG SET requirepass pw maxmemory-samples 5")
        h.run("HELLO 2 AUTH default pw")
        h.run(["SET", "big", Bytes(String(repeating: "x", count: 130))])
        h.run("RPUSH l " + (1...40).map(String.init).joined(separator: " "))
        let logged = Self.loggedArguments(h, count: 5)
        #expect(logged[4] == ["AUTH", "(redacted)"])
        #expect(logged[3] == ["CONFIG", "SET", "requirepass", "(redacted)", "maxmemory-samples", "5"])
        #expect(logged[2] == ["HELLO", "2", "AUTH", "(redacted)", "(redacted)"])
        #expect(logged[1] == ["SET", "big", String(repeating: "x", count: 128) + "... (2 more bytes)"])
        #expect(logged[0].count == 32)
        #expect(logged[0].last == "... (11 more arguments)")
        #expect(logged[0][30] == "29")
    }

    @Test func lengthLimitTrimsAtTheNextEntryAndNegativeDisables() {
        let h = StringHarness()
        h.run("CONFIG SET slowlog-log-slower-than 0")
        for _ in 0..<5 { h.run("PING") }
        #expect(h.run("SLOWLOG LEN") == .integer(6))
        // The CONFIG SET is itself logged once it ran, and that entry trims the log.
        h.run("CONFIG SET slowlog-max-len 2")
        #expect(h.run("SLOWLOG LEN") == .integer(2))
        h.run("CONFIG SET slowlog-log-slower-than -1")
        h.run("SLOWLOG RESET")
        h.run("PING")
        #expect(h.run("SLOWLOG LEN") == .integer(0))
        // The default threshold (10 ms) logs nothing that takes no time.
        h.run("CONFIG SET slowlog-log-slower-than 10000")
        h.run("PING")
        #expect(h.run("SLOWLOG LEN") == .integer(0))
    }
}
