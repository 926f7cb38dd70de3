import CacheLabEngine
import Foundation
import Testing
@testable import CacheLabTerminal

/// The same piped input through `cachelab` and through the real `redis-cli` connected to a
/// real, empty `redis-server` 7.0.15: the outputs must match byte for byte.
///
/// These tests need redis-server and redis-cli installed and fail, saying so, when they are not.
@Suite(.serialized) struct RedisCLIDifferentialTests {
    /// Runs `input` through both programs with `flags` and compares their stdout.
    /// Runs `input` through redis-cli (against a real server) and through cachelab with the same
    /// flags, and compares exit status, stdout and, unless `stderrVaries`, stderr.
    private func compare(input: String, flags: [String], stderrVaries: Bool = false,
                         sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard let redisCLI = Subprocess.which("redis-cli") else {
            Issue.record("redis-cli is not installed (apt-get install redis-tools); it is the oracle for these tests", sourceLocation: sourceLocation)
            return
        }
        let server = try RedisServer.start()
        defer { server.stop() }
        let dir = try TemporaryDirectory()
        let inputPath = try dir.write("input.txt", Array(input.utf8))
        let environment = BuiltProducts.isolatedEnvironment(in: dir)

        let real = try Subprocess.run(redisCLI, ["-h", "127.0.0.1", "-p", String(server.port)] + flags, stdinPath: inputPath, environment: environment)
        let ours = try Subprocess.run(BuiltProducts.cachelab, flags, stdinPath: inputPath, environment: environment)
        #expect(!real.timedOut && !ours.timedOut, sourceLocation: sourceLocation)
        #expect(real.status == ours.status, "exit status", sourceLocation: sourceLocation)
        if !stderrVaries {
            #expect(ours.stderr == real.stderr, "stderr: cachelab \(ours.errorText.debugDescription), redis-cli \(real.errorText.debugDescription)",
                    sourceLocation: sourceLocation)
        }
        if real.stdout != ours.stdout {
            let realLines = real.text.components(separatedBy: "\n")
            let ourLines = ours.text.components(separatedBy: "\n")
            let firstDifference = (0..<min(realLines.count, ourLines.count)).first { realLines[$0] != ourLines[$0] } ?? min(realLines.count, ourLines.count)
            Issue.record("""
                output differs from redis-cli \(flags.joined(separator: " ")) at line \(firstDifference + 1):
                  redis-cli: \(firstDifference < realLines.count ? realLines[firstDifference].debugDescription : "<end>")
                  cachelab:  \(firstDifference < ourLines.count ? ourLines[firstDifference].debugDescription : "<end>")
                """, sourceLocation: sourceLocation)
        }
    }

    @Test func installedRedisIs7_0_15() throws {
        guard let server = Subprocess.which("redis-server") else {
            Issue.record("redis-server is not installed (apt-get install redis-server)")
            return
        }
        let version = try Subprocess.run(server, ["--version"])
        #expect(version.text.contains("v=7.0.15"), "the oracle should be Redis 7.0.15: \(version.text)")
    }

    @Test func scriptInTTYFormat() throws {
        try compare(input: RedisCLIScript.input(for: Engine(clock: .manual())), flags: ["--no-raw"])
    }

    @Test func scriptInRawFormat() throws {
        try compare(input: RedisCLIScript.input(for: Engine(clock: .manual())), flags: ["--raw"])
    }

    @Test func scriptInRESP3() throws {
        try compare(input: RedisCLIScript.input(for: Engine(clock: .manual())), flags: ["-3"])
        try compare(input: RedisCLIScript.input(for: Engine(clock: .manual())), flags: ["-3", "--no-raw"])
        try compare(input: "PING\nHGETALL nokey\nZADD z 1.5 a\nZSCORE z a\n", flags: ["-2", "--no-raw"])
    }

    /// -n starts the session on another database: the prompt's belief and the replies follow.
    @Test func startingOnAnotherDatabase() throws {
        let input = "DBSIZE\nSET x 1\nDBSIZE\nSELECT 0\nDBSIZE\nSELECT 2\nDBSIZE\n"
        try compare(input: input, flags: ["-n", "2", "--no-raw"])
        try compare(input: "DBSIZE\n", flags: ["-n", "16"])
    }

    /// --csv, --json and --quoted-json (the JSON forms also ask for RESP3 unless -2 is
    /// given, even when a later flag picks another format), and raw form's -d and -D.
    @Test func scriptInOtherFormats() throws {
        let input = RedisCLIScript.input(for: Engine(clock: .manual()))
        for flags in [["--csv"], ["--json"], ["--quoted-json"], ["-2", "--json"], ["--json", "--raw"], ["-3", "--csv"],
                      ["-d", ";", "-D", "|"], ["--raw", "-d", "", "-D", "\n"]] {
            try compare(input: input, flags: flags)
        }
    }

    /// Given both --raw and --no-raw, the last one wins, as in redis-cli.
    @Test func theLastFormatFlagWins() throws {
        let input = "SET a \"b c\"\nGET a\nGET nothing\n"
        try compare(input: input, flags: ["--raw", "--no-raw"])
        try compare(input: input, flags: ["--no-raw", "--raw"])
    }

    /// QUIT with a repeat count reaches the server: its OK is printed, the next command finds
    /// the connection closed, and the one after reconnects.
    ///
    /// redis-cli's error depends on how the socket closed (the server's FIN or a reset), so
    /// its stderr is not compared; CacheLab's is the message of a clean close.
    @Test func repeatedQuitClosesTheConnectionWithoutLeaving() throws {
        let input = "SET a 1\n1 QUIT\nGET a\nGET a\n"
        try compare(input: input, flags: ["--no-raw"], stderrVaries: true)
        let dir = try TemporaryDirectory()
        let ours = try Subprocess.run(BuiltProducts.cachelab, ["--no-raw", "--ephemeral"], stdinPath: try dir.write("input.txt", Array(input.utf8)),
                                      environment: BuiltProducts.isolatedEnvironment(in: dir))
        #expect(ours.errorText == "Error: Server closed the connection\n")
    }

    @Test func shutdownEndsTheSession() throws {
        // Redis never answers a SHUTDOWN that works: redis-cli prints nothing for it.
        let input = "SET a 1\nSHUTDOWN ABORT\nSHUTDOWN FOO\nSHUTDOWN NOSAVE SAVE\nSHUTDOWN ABORT NOW\nMULTI\nSHUTDOWN\nDISCARD\nSHUTDOWN NOSAVE\n"
        try compare(input: input, flags: ["--no-raw"])
        try compare(input: input, flags: ["--raw"])
    }

    /// CLIENT KILL of its own connection: redis-cli learns at the next command, which fails
    /// on stderr with `Error: Server closed the connection`, then connects again, with no name,
    /// and carries on. It sends no SELECT (it believes it is still on database 3), so the new
    /// connection is on database 0: the key set before the kill is not there.
    @Test func killingItsOwnConnection() throws {
        guard let redisCLI = Subprocess.which("redis-cli") else {
            Issue.record("redis-cli is not installed (apt-get install redis-tools); it is the oracle for these tests")
            return
        }
        let input = "CLIENT SETNAME foo\nSELECT 3\nSET before 1\nWATCH x\nCLIENT KILL USER default SKIPME no\n"
            + "CLIENT GETNAME\nSET x 1\nCLIENT GETNAME\nEXISTS before\nDBSIZE\nMULTI\nEXEC\nCLIENT KILL ID 999999\nPING\n"
            + "SELECT 3\nEXISTS before\n"
        let server = try RedisServer.start()
        defer { server.stop() }
        let dir = try TemporaryDirectory()
        let inputPath = try dir.write("input.txt", Array(input.utf8))
        let environment = BuiltProducts.isolatedEnvironment(in: dir)
        let real = try Subprocess.run(redisCLI, ["-h", "127.0.0.1", "-p", String(server.port), "--no-raw"],
                                      stdinPath: inputPath, environment: environment)
        let ours = try Subprocess.run(BuiltProducts.cachelab, ["--no-raw"], stdinPath: inputPath, environment: environment)
        #expect(ours.status == real.status)
        #expect(ours.text == real.text)
        // redis-cli usually reads the close ("Server closed the connection"), but on a busy
        // machine its write can meet the reset first ("Connection reset by peer"): "Error: "
        // either way.
        #expect(real.errorText.hasPrefix("Error: "), "redis-cli: \(real.errorText)")
        #expect(ours.errorText == "Error: Server closed the connection\n")
    }

    @Test func scriptWithDefaultFormatIntoAPipe() throws {
        try compare(input: RedisCLIScript.input(for: Engine(clock: .manual())), flags: [])
    }

    /// `help` for every command, subcommand and group: names, argument syntax, summaries,
    /// versions and groups all come out exactly as redis-cli prints them from COMMAND DOCS.
    @Test func helpForEveryCommandAndGroup() throws {
        let table = HelpTable.standard
        let lines = table.entries.map { "help \($0.full)" } + ["help @nosuch", "help config nosuch"]
        try compare(input: lines.joined(separator: "\n") + "\n", flags: ["--no-raw"])
    }

    @Test func scriptKeepsItsSpecialLines() {
        let input = RedisCLIScript.input(for: Engine(clock: .manual()))
        let lines = input.components(separatedBy: "\n")
        #expect(lines.contains { !$0.isEmpty && $0.allSatisfy { $0 == " " } })
        #expect(lines.contains("\t"))
        #expect(lines.contains(""))
        #expect(!input.hasSuffix("\n"))
        #expect(!input.contains("## requires"))
    }
}
