import CacheLabEngine
import Testing
@testable import CacheLabTerminal

/// The prompt follows what redis-cli believes, not what the server knows (see `PromptBelief`).
@Suite struct PromptBeliefTests {
    /// A redis-cli 7.0.15 session against redis-server 7.0.15, typed line by line, with the
    /// prompt it showed after each line (captured under tmux). The connection is killed from
    /// another client after `select 5`.
    @Test func followsARecordedRedisCLISession() {
        let engine = Engine(clock: .manual())
        let repl = LineProcessor(engine: engine, session: engine.makeSession(), settings: ReplSettings(format: .tty),
                                 output: OutputBuffer())
        #expect(repl.promptText == "cachelab> ")
        let steps: [(line: String, prompt: String)] = [
            ("select 3", "cachelab[3]> "),
            ("multi", "cachelab[3](TX)> "),
            ("select 5", "cachelab[5](TX)> "),
        ]
        for step in steps {
            repl.process(line: Array(step.line.utf8))
            #expect(repl.promptText == step.prompt, "after \(step.line)")
        }
        // Killed by another client (which the in-process engine, with one client, marks as
        // CLIENT KILL does): the next command finds the connection closed.
        repl.session.isClosedByServer = true
        repl.process(line: Array("ping".utf8))
        #expect(repl.promptText == "not connected> ")
        _ = repl.output.take()
        // The new connection is on database 0, outside MULTI, though the prompt says otherwise.
        repl.process(line: Array("client info".utf8))
        #expect(String(decoding: repl.output.take(), as: UTF8.self).contains(" db=0 "))
        #expect(!repl.session.isInTransaction)
        #expect(repl.promptText == "cachelab[5](TX)> ")
        let rest: [(line: String, prompt: String)] = [
            ("client info", "cachelab[5](TX)> "),
            ("exec", "cachelab[3]> "),  // ERR EXEC without MULTI: back to the database before MULTI
            ("select 99", "cachelab[3]> "),
            ("select 02", "cachelab[3]> "),
            ("multi", "cachelab[3](TX)> "),
            ("select 99", "cachelab[99](TX)> "),
            ("exec", "cachelab[99]> "),  // an array, with SELECT's error inside: the belief stays
            ("multi", "cachelab[99](TX)> "),
            ("select 7", "cachelab[7](TX)> "),
            ("discard", "cachelab[99]> "),
            ("multi", "cachelab[99](TX)> "),
            ("select 7", "cachelab[7](TX)> "),
            ("set", "cachelab[7](TX)> "),
            ("exec", "cachelab[99]> "),  // EXECABORT
            ("multi", "cachelab[99](TX)> "),
            ("select 7", "cachelab[7](TX)> "),
            ("reset", "cachelab> "),
        ]
        for step in rest.dropFirst() {
            repl.process(line: Array(step.line.utf8))
            #expect(repl.promptText == step.prompt, "after \(step.line)")
        }
    }

    @Test func anExecThatAWatchAbortedReturnsToTheDatabaseBeforeMulti() {
        var belief = PromptBelief(database: 2)
        belief.observe(["MULTI"], reply: .ok)
        belief.observe(["SELECT", "4"], reply: .queued)
        #expect(belief.database == 4 && belief.inTransaction)
        belief.observe(["EXEC"], reply: .nullArray)
        #expect(belief.database == 2 && !belief.inTransaction)
        // RESP3's null, the same for redis-cli.
        belief.observe(["MULTI"], reply: .ok)
        belief.observe(["select", "4"], reply: .queued)
        belief.observe(["exec"], reply: .null)
        #expect(belief.database == 2)
    }

    @Test func onlyTheExactFormsCount() {
        var belief = PromptBelief()
        belief.observe(["SELECT", "4", "extra"], reply: .ok)
        belief.observe(["MULTI", "now"], reply: .ok)
        #expect(belief == PromptBelief())
        belief.observe(["EXEC"], reply: .error("ERR EXEC without MULTI"))
        #expect(belief == PromptBelief())
    }

    /// SELECT's argument is read with C's atoi, as redis-cli reads it.
    @Test func readsTheDatabaseAsAtoiDoes() {
        #expect(PromptBelief.atoi(" 12abc") == 12)
        #expect(PromptBelief.atoi("-3") == -3)
        #expect(PromptBelief.atoi("+4") == 4)
        #expect(PromptBelief.atoi("abc") == 0)
        #expect(PromptBelief.atoi("") == 0)
        #expect(PromptBelief.atoi("99999999999") == 1_215_752_191)  // strtol's long, cut to 32 bits
        #expect(PromptBelief.atoi("9223372036854775808") == -1)  // clamped to LONG_MAX first
        #expect(PromptBelief.atoi("-9223372036854775809") == 0)  // LONG_MIN
    }

    /// A restart is CacheLab's own command: it selects the database again, and the prompt
    /// shows where the new connection really is.
    @Test func aRestartResetsTheBeliefToTheTruth() {
        let engine = Engine(clock: .manual())
        let repl = LineProcessor(engine: engine, session: engine.makeSession(), settings: ReplSettings(format: .tty),
                                 output: OutputBuffer())
        repl.process(line: Array("select 2".utf8))
        repl.process(line: Array("multi".utf8))
        repl.adopt(Engine(clock: .manual()))
        #expect(repl.session.databaseIndex == 2)
        #expect(repl.promptText == "cachelab[2]> ")
    }
}
