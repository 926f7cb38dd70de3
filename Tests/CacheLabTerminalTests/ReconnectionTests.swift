import CacheLabEngine
import Testing
@testable import CacheLabTerminal

/// What the connection redis-cli opens after the server closed the old one carries over.
@Suite struct ReconnectionTests {
    private func repl() -> LineProcessor {
        let engine = Engine(clock: .manual())
        return LineProcessor(engine: engine, session: engine.makeSession(), settings: ReplSettings(format: .tty),
                             output: OutputBuffer())
    }

    private func run(_ repl: LineProcessor, _ lines: [String]) -> String {
        for line in lines { repl.process(line: Array(line.utf8)) }
        return String(decoding: repl.output.take(), as: UTF8.self)
    }

    /// redis-cli 7.0.15 against a server with requirepass, piped: `auth x`, `set a 1`, a
    /// CLIENT KILL of itself, then `get a` twice prints OK, OK, (integer) 1, the error on
    /// stderr, and `(error) NOAUTH Authentication required.`: a password typed with AUTH is
    /// not sent again.
    @Test func aPasswordTypedWithAuthIsNotSentAgain() {
        let repl = repl()
        #expect(run(repl, ["config set requirepass x", "auth x", "set a 1"]) == "OK\nOK\nOK\n")
        repl.session.isClosedByServer = true
        #expect(run(repl, ["get a"]) == "")
        #expect(run(repl, ["get a"]) == "(error) NOAUTH Authentication required.\n")
    }

    /// Without a password, the new connection works at once, on database 0.
    @Test func theNewConnectionIsOnDatabaseZero() {
        let repl = repl()
        _ = run(repl, ["select 2", "set a 1"])
        repl.session.isClosedByServer = true
        #expect(run(repl, ["get a"]) == "")
        #expect(run(repl, ["get a", "select 2", "get a"]) == "(nil)\nOK\n\"1\"\n")
    }

    /// `:restart` is CacheLab's own: it keeps the login and the database.
    @Test func aRestartKeepsTheLoginAndTheDatabase() {
        let repl = repl()
        _ = run(repl, ["config set requirepass x", "auth x", "select 2"])
        repl.adopt(Engine(clock: .manual(), config: repl.engine.config))
        #expect(repl.session.isAuthenticated)
        #expect(repl.session.databaseIndex == 2)
    }
}
