import Foundation
import Testing

/// The interactive REPL on a real terminal (a tmux pane): prompt, completion, hints, UTF-8,
/// Ctrl-C, Ctrl-D and history. Every wait polls the screen with a deadline.
@Suite(.enabled(if: Tmux.binary != nil, "tmux is not installed"))
struct TmuxTests {
    /// A pane running cachelab with a private HOME and history file.
    private struct Session {
        let tmux: Tmux
        let home: TemporaryDirectory
        var historyPath: String { home.file("history") }

        init(flags: [String] = [], environment: [String: String] = [:], width: Int = 100) throws {
            home = try TemporaryDirectory()
            var env = ["HOME": home.path, "CACHELAB_HISTFILE": home.file("history"), "LANG": "C.UTF-8", "TZ": "UTC"]
            env.merge(environment) { _, new in new }
            tmux = try Tmux(command: [BuiltProducts.cachelab] + flags, environment: env, width: width)
            let ready = try tmux.waitForRow { $0.hasPrefix("cachelab> ") || $0 == "cachelab>" }
            let screen = ready ? [] : try tmux.screen()
            #expect(ready, "no prompt: \(screen)")
        }

        func waitForRow(_ predicate: (String) -> Bool) throws -> Bool {
            try tmux.waitForRow(predicate)
        }

        func row(containing text: String) throws -> String? {
            try tmux.screen().first { $0.contains(text) }
        }
    }

    @Test func promptShows() throws {
        let session = try Session()
        // The banner (where the data lives) comes first; the prompt follows it.
        let screen = try session.tmux.screen()
        let row = try #require(screen.firstIndex(of: "cachelab>"))
        #expect(screen[0].hasPrefix("CacheLab "))
        #expect(try session.tmux.cursor() == (10, row))
    }

    @Test func tabCompletesAndCycles() throws {
        let session = try Session()
        try session.tmux.send("se", "Tab")
        #expect(try session.waitForRow { $0.hasPrefix("cachelab> SELECT index") })
        #expect(try session.tmux.cursor().x == "cachelab> SELECT".count)
        try session.tmux.send("Tab")
        #expect(try session.waitForRow { $0.hasPrefix("cachelab> SET key value") })
        try session.tmux.send("C-u", "CONFIG G", "Tab")
        #expect(try session.waitForRow { $0.hasPrefix("cachelab> CONFIG GET parameter [parameter ...]") })
    }

    @Test func hintFollowsTheCursorInGrey() throws {
        let session = try Session()
        try session.tmux.send("set k")
        #expect(try session.waitForRow { $0.hasPrefix("cachelab> set k value [NX|XX] [GET]") })
        #expect(try session.tmux.cursor().x == "cachelab> set k".count)
        let colored = try session.tmux.screenWithEscapes().first { $0.contains("cachelab>") } ?? ""
        #expect(colored.contains("\u{1b}[90m"))
        // Typing on replaces the hint.
        try session.tmux.send(" v ")
        #expect(try session.waitForRow { $0.hasPrefix("cachelab> set k v [NX|XX] [GET]") })
        #expect(try session.tmux.cursor().x == "cachelab> set k v ".count)
    }

    /// A hint runs up to the row's last column, as redis-cli's does, and the cursor stays
    /// where the typing is.
    @Test func hintFillsTheRowToItsLastColumn() throws {
        let session = try Session(width: 40)
        try session.tmux.type("set k")
        #expect(try session.waitForRow { $0 == "cachelab> set k value [NX|XX] [GET] [EX" })
        #expect(try session.tmux.cursor().x == "cachelab> set k".count)
    }

    @Test func utf8RoundTripsEvenUnderLangC() throws {
        let session = try Session(flags: ["--raw"], environment: ["LANG": "C", "LC_ALL": "C"])
        try session.tmux.type("ECHO \"ñandú 🦀\"")
        #expect(try session.waitForRow { $0 == "cachelab> ECHO \"ñandú 🦀\"" })
        try session.tmux.send("Enter")
        #expect(try session.waitForRow { $0 == "ñandú 🦀" })
    }

    @Test func ttyRepliesEscapeUTF8LikeRedisCLI() throws {
        let session = try Session()
        try session.tmux.type("echo ñ")
        try session.tmux.send("Enter")
        #expect(try session.waitForRow { $0 == #""\xc3\xb1""# })
    }

    @Test func ctrlCCancelsTheLine() throws {
        let session = try Session()
        try session.tmux.send("getrange x", "C-c")
        #expect(try session.waitForRow { $0 == "cachelab> getrange x^C" })
        try session.tmux.send("ping", "Enter")
        #expect(try session.waitForRow { $0 == "PONG" })
        let history = (try? String(contentsOfFile: session.historyPath, encoding: .utf8)) ?? ""
        #expect(history == "ping\n")
    }

    /// Ctrl-C during a blocking command abandons its wait (redis-cli would quit, but here the
    /// data lives in this process): no reply, the prompt again, the keys still there.
    @Test func ctrlCAbandonsABlockingWait() throws {
        let session = try Session(flags: ["--ephemeral"])
        try session.tmux.send("set a 1", "Enter")
        #expect(try session.waitForRow { $0 == "OK" })
        try session.tmux.send("blpop nothing 30", "Enter")
        #expect(try session.waitForRow { $0 == "cachelab> blpop nothing 30" })
        try session.tmux.send("C-c")
        #expect(try session.waitForRow { $0 == "^C" })
        try session.tmux.send("get a", "Enter")
        #expect(try session.waitForRow { $0 == "\"1\"" })
        #expect(try session.row(containing: "(nil)") == nil)
    }

    /// The engine's cron runs while the prompt waits: a save point fires with nobody typing,
    /// as on a server (polled with a deadline; the save point needs a second to pass).
    @Test func savePointsFireWhileThePromptWaits() throws {
        let data = try TemporaryDirectory()
        let session = try Session(flags: ["--dir", data.path, "--save", "1 1"])
        try session.tmux.send("set a 1", "Enter")
        #expect(try session.waitForRow { $0 == "OK" })
        let dump = data.file("dump.rdb")
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: dump) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(FileManager.default.fileExists(atPath: dump))
    }

    /// Closing the terminal window ends the session as Ctrl-D does, saving the data, where
    /// SIGHUP used to kill it unsaved.
    @Test func closingTheTerminalSavesTheData() throws {
        let data = try TemporaryDirectory()
        let session = try Session(flags: ["--dir", data.path])
        try session.tmux.send("set survivor 1", "Enter")
        #expect(try session.waitForRow { $0 == "OK" })
        try session.tmux.closeTerminal()
        let dump = data.file("dump.rdb")
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: dump) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        let read = try Subprocess.run(BuiltProducts.cachelab, ["--dir", data.path, "GET", "survivor"],
                                      environment: BuiltProducts.isolatedEnvironment(in: session.home))
        #expect(read.text == "1\n")
    }

    /// Alt-x is libedit's hidden command prompt; like redis-cli, CacheLab ignores it.
    @Test func altXKeepsTheLine() throws {
        let session = try Session()
        try session.tmux.send("echo hel", "Escape", "x")
        try session.tmux.send("lo", "Enter")
        #expect(try session.waitForRow { $0 == "\"hello\"" })
    }

    @Test func ctrlDOnAnEmptyLineExits() throws {
        let session = try Session()
        try session.tmux.send("C-d")
        #expect(try session.tmux.waitUntil { try session.tmux.paneIsDead() })
    }

    @Test func quitExits() throws {
        let session = try Session()
        try session.tmux.send("quit", "Enter")
        #expect(try session.tmux.waitUntil { try session.tmux.paneIsDead() })
    }

    @Test func historyIsSavedRecalledAndSkipsSecrets() throws {
        let session = try Session()
        try session.tmux.send("echo one", "Enter")
        #expect(try session.waitForRow { $0 == "\"one\"" })
        try session.tmux.send("auth secret", "Enter")
        #expect(try session.waitForRow { $0.hasPrefix("(error) ERR AUTH <password> called without any password") })
        try session.tmux.send("Up")
        #expect(try session.waitForRow { $0 == "cachelab> auth secret" })
        try session.tmux.send("C-u", "Up", "Up")
        #expect(try session.waitForRow { $0.hasPrefix("cachelab> echo one") })
        let history = (try? String(contentsOfFile: session.historyPath, encoding: .utf8)) ?? ""
        #expect(history == "echo one\n")
    }

    @Test func historyFromAnEarlierSessionIsLoaded() throws {
        let home = try TemporaryDirectory()
        _ = try home.write("history", Array("echo earlier\n".utf8))
        let session = try Session(environment: ["CACHELAB_HISTFILE": home.file("history")])
        try session.tmux.send("Up")
        #expect(try session.waitForRow { $0.hasPrefix("cachelab> echo earlier") })
    }

    @Test func helpAndColonCommands() throws {
        let session = try Session()
        try session.tmux.send("help echo", "Enter")
        #expect(try session.waitForRow { $0 == "  summary: Echo the given string" })
        try session.tmux.send(":set nohints", "Enter")
        try session.tmux.send("get")
        #expect(try session.waitForRow { $0 == "cachelab> get" })
        #expect(try session.tmux.screen().allSatisfy { !$0.hasPrefix("cachelab> get key") })
    }
}
