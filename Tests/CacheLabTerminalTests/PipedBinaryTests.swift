import Foundation
import Testing
import CacheLabEngine

/// The `cachelab` binary with piped stdin: what it prints and how it exits.
@Suite struct PipedBinaryTests {
    private func run(_ input: String, _ flags: [String] = []) throws -> Subprocess.Result {
        try run(bytes: Array(input.utf8), flags)
    }

    private func run(bytes: [UInt8], _ flags: [String] = []) throws -> Subprocess.Result {
        let dir = try TemporaryDirectory()
        let path = try dir.write("input", bytes)
        return try Subprocess.run(BuiltProducts.cachelab, flags, stdinPath: path, environment: BuiltProducts.isolatedEnvironment(in: dir))
    }

    @Test func rawIsTheDefaultIntoAPipe() throws {
        let result = try run("echo \"a\\nb\"\nping extra words\n")
        #expect(result.text == "a\nb\nERR wrong number of arguments for 'ping' command\n\n")
        #expect(result.status == 0)
    }

    @Test func noRawForcesTheTerminalFormat() throws {
        let result = try run("echo \"a\\nb\"\nping extra words\n", ["--no-raw"])
        #expect(result.text == "\"a\\nb\"\n(error) ERR wrong number of arguments for 'ping' command\n")
    }

    @Test func lastLineWithoutNewlineRuns() throws {
        #expect(try run("ping\nping").text == "PONG\nPONG\n")
    }

    @Test func crlfLinesWork() throws {
        #expect(try run("ping\r\necho x\r\n").text == "PONG\nx\n")
    }

    @Test func quitEndsTheInput() throws {
        let result = try run("ping\nquit\nping\n")
        #expect(result.text == "PONG\n")
        #expect(result.status == 0)
    }

    @Test func dashEExitsWithOneAfterAnError() throws {
        let input = "ping\nnosuch\nping\n"
        let plain = try run(input)
        let strict = try run(input, ["-e"])
        #expect(plain.status == 0)
        #expect(strict.status == 1)
        #expect(strict.stdout == plain.stdout)
        #expect(try run("ping\n", ["-e"]).status == 0)
    }

    @Test func colonCommandsWorkInScripts() throws {
        let result = try run(":clock +90s\n:timing on\nping\n:nope\n")
        let lines = result.text.components(separatedBy: "\n")
        #expect(lines[0].contains("+1m30s from the system clock"))
        #expect(lines[1] == "timing is on")
        #expect(lines[2] == "PONG")
        #expect(lines[3].hasPrefix("(took "))
        #expect(lines[4] == "unknown cachelab command ':nope', type :help for the list")
    }

    @Test func manyLinesAcrossReadChunks() throws {
        let count = 20_000
        let input = (0..<count).map { "echo line:\($0)" }.joined(separator: "\n")
        let result = try run(input)
        let lines = result.text.split(separator: "\n")
        #expect(lines.count == count)
        #expect(lines.first == "line:0")
        #expect(lines.last == "line:\(count - 1)")
    }

    @Test func aLineLongerThanTheReadBuffer() throws {
        let long = String(repeating: "x", count: (1 << 20) + 12345)
        let result = try run("echo \(long)\nping\n")
        #expect(result.text == long + "\nPONG\n")
    }

    @Test func binaryBytesSurviveRawOutput() throws {
        let result = try run(bytes: Array("echo \"\\x00\\xff\"\n".utf8))
        #expect(result.stdout == [0x00, 0xFF, 0x0A])
    }

    /// An ephemeral session removes the folder it made at exit, and only that one, even after
    /// CONFIG SET dir pointed `dir` elsewhere (allowed by enable-protected-configs).
    @Test func anEphemeralSessionRemovesOnlyItsOwnFolder() throws {
        let elsewhere = try TemporaryDirectory()
        let kept = try elsewhere.write("keep", Array("data".utf8))
        let result = try run("config set dir \(elsewhere.path)\nconfig set dbfilename a/b\n",
                             ["--ephemeral", "--enable-protected-configs", "yes"])
        #expect(result.text.hasPrefix("OK\nERR CONFIG SET failed (possibly related to argument 'dbfilename') - dbfilename can't be a path, just a filename\n"))
        #expect(FileManager.default.fileExists(atPath: kept))
        // Without the setting, dir and dbfilename stay protected, as in Redis.
        #expect(try run("config set dir /tmp\n", ["--ephemeral"]).text
            .hasPrefix("ERR CONFIG SET failed (possibly related to argument 'dir') - can't set protected config\n"))
    }

    /// `dir` reads back as an absolute path without `..` or links, as Redis reports it.
    @Test func theDataFolderReadsBackAbsolute() throws {
        let scratch = try TemporaryDirectory()
        let result = try run("config get dir\n", ["--dir", scratch.path + "/x/../data", "--save", ""])
        #expect(result.text == "dir\n" + (Config.resolvedPath(scratch.path + "/data") ?? "?") + "\n")
        #expect(!result.text.contains(".."))
    }

    @Test func commandLineOptions() throws {
        #expect(try run("ping\n", ["--seed", "42", "--dir", "/tmp/nowhere"]).text == "PONG\n")
        // Both formats: the last one wins, as in redis-cli.
        #expect(try run("ping\n", ["--raw", "--no-raw", "--ephemeral"]).text == "PONG\n")
        #expect(try run("echo \"a b\"\n", ["--raw", "--no-raw", "--ephemeral"]).text == "\"a b\"\n")
        #expect(try run("echo \"a b\"\n", ["--no-raw", "--raw", "--ephemeral"]).text == "a b\n")
        let help = try run("", ["--help"])
        #expect(help.status == 0)
        #expect(help.text.contains("--no-raw"))
        #expect(help.text.contains("repl"))
        #expect(try run("ping\n", ["repl", "--no-raw"]).text == "PONG\n")
    }
}
