import CacheLabEngine
import Testing
@testable import CacheLabTerminal

/// `:mode memcached`, `:mode redis`, `quit` and `:restart`: the REPL side of the memcached model.
@Suite struct MemcachedModeTests {
    private func processor() -> LineProcessor {
        let engine = Engine(clock: .manual(startMilliseconds: 1_700_000_000_000))
        return LineProcessor(engine: engine, session: engine.makeSession(), settings: ReplSettings(format: .tty), output: OutputBuffer())
    }

    private func run(_ lines: String..., on repl: LineProcessor) -> String {
        for line in lines { repl.process(line: Array(line.utf8)) }
        return String(decoding: repl.output.take(), as: UTF8.self)
    }

    @Test func modeSwitchesTheProtocolAndThePrompt() {
        let repl = processor()
        #expect(repl.promptText == "cachelab> ")
        #expect(run(":mode memcached", on: repl) == "memcached 1.6.18 model (-m 64, text protocol); :mode redis to return\n")
        #expect(repl.promptText == "memcached> ")
        #expect(run("set k 0 0 2", "hi", "get k", on: repl) == "STORED\nVALUE k 0 2\nhi\nEND\n")
        #expect(run("GET k", on: repl) == "ERROR\n")  // memcached's commands are lower case
        #expect(run(":mode redis", "GET k", on: repl) == "(nil)\n")
        #expect(repl.promptText == "cachelab> ")
        #expect(run(":mode bogus", on: repl) == "usage: :mode redis|memcached\n")
    }

    @Test func theModelOutlivesItsConnections() {
        let repl = processor()
        _ = run(":mode memcached", "set k 0 0 2", "hi", on: repl)
        // Back to Redis and again to memcached: a new connection to the same server.
        #expect(run(":mode redis", ":mode memcached", "get k", on: repl).hasSuffix("VALUE k 0 2\nhi\nEND\n"))
        #expect(run("quit", on: repl) == "Connection closed by foreign host.\n")
        #expect(repl.promptText == "cachelab> ")
        #expect(run(":mode memcached", "get k", on: repl).hasSuffix("VALUE k 0 2\nhi\nEND\n"))
    }

    /// Leaving in the middle of a storage command (its data block never typed) frees the item
    /// memcached had allocated for it, as closing the connection does.
    @Test func leavingBeforeTheDataFreesTheItem() throws {
        let repl = processor()
        _ = run(":mode memcached", "set big 0 0 100", on: repl)
        let server = try #require(repl.memcachedServer)
        #expect(server.usedChunks.reduce(0, +) == 1)
        _ = run(":mode redis", on: repl)
        #expect(server.usedChunks.reduce(0, +) == 0)
        #expect(run(":mode memcached", "get big", on: repl).hasSuffix("END\n"))
        #expect(run("stats", on: repl).contains("STAT cmd_set 0\n"))
    }

    @Test func restartLosesEverything() {
        let repl = processor()
        _ = run(":mode memcached", "set k 0 0 2", "hi", "get k", on: repl)
        let restarted = run(":restart", on: repl)
        #expect(restarted == "Connection closed by foreign host.\n"
            + "memcached 1.6.18 model restarted (-m 64): memory starts empty; connected again\n")
        #expect(repl.promptText == "memcached> ")
        #expect(run("get k", on: repl) == "END\n")
        let stats = run("stats", on: repl)
        #expect(stats.hasPrefix("STAT uptime 2\n"))
        #expect(stats.contains("STAT curr_items 0\n"))
        #expect(stats.contains("STAT total_items 0\n"))
        #expect(stats.contains("STAT cmd_get 1\n"))  // only the get after the restart
    }

    /// In Redis mode `:restart` restarts the Redis engine (ServerRestartTests); it leaves the
    /// memcached model alone.
    @Test func restartTakesNoArguments() {
        let repl = processor()
        _ = run(":mode memcached", on: repl)
        #expect(run(":restart now", on: repl) == "usage: :restart\n")
        #expect(repl.sawError)
    }
}
