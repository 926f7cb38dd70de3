import Foundation
import Testing

/// A seeded random comparison of what the user sees: commands from the differential fuzz
/// test's generator (Fuzz/ links to its files in DifferentialTests) piped through `cachelab`
/// and through the real `redis-cli` connected to a real, empty redis-server 7.0.15, in
/// --no-raw and --raw modes; stdout must match byte for byte.
///
/// Only commands whose reply the generator compares exactly are kept: a reply Redis leaves
/// unordered (hash-table order), random, or dependent on the clock (TTLs, idle times) could
/// not match byte for byte. Blocking commands stay out too: redis-cli prints how long they
/// waited. The one masked field is the client ID in HELLO 3's reply. Widen a run from the
/// environment:
///
///     FUZZ_CLI_SEEDS=1-100 FUZZ_CLI_COMMANDS=400 swift test --filter RedisCLIFuzzTests
@Suite(.serialized) struct RedisCLIFuzzTests {
    static let committedSeeds: [UInt64] = Array(1...4)
    static let committedCommands = 150

    @Test("Generated commands print as redis-cli prints them", arguments: ["--no-raw", "--raw"])
    func generatedCommandsPrintAsRedisCLI(mode: String) throws {
        guard let redisCLI = Subprocess.which("redis-cli") else {
            Issue.record("redis-cli is not installed (apt-get install redis-tools); it is the oracle for this test")
            return
        }
        let environment = ProcessInfo.processInfo.environment
        let seeds = environment["FUZZ_CLI_SEEDS"].flatMap(FuzzGenerator.parseSeeds) ?? Self.committedSeeds
        let commands = environment["FUZZ_CLI_COMMANDS"].flatMap(Int.init) ?? Self.committedCommands
        let server = try RedisServer.start()
        defer { server.stop() }
        var failures: [String] = []
        for seed in seeds {
            let dir = try TemporaryDirectory()
            let inputPath = try dir.write("input.txt", Array(Self.input(seed: seed, commands: commands).utf8))
            let processEnvironment = BuiltProducts.isolatedEnvironment(in: dir)
            let real = try Subprocess.run(redisCLI, ["-h", "127.0.0.1", "-p", String(server.port), mode], stdinPath: inputPath, environment: processEnvironment)
            let ours = try Subprocess.run(BuiltProducts.cachelab, [mode], stdinPath: inputPath, environment: processEnvironment)
            if real.timedOut || ours.timedOut { failures.append("seed \(seed): timed out"); continue }
            if !ours.stderr.isEmpty { failures.append("seed \(seed): cachelab wrote to stderr: \(ours.errorText)") }
            let realText = Self.maskingConnectionID(real.text), ourText = Self.maskingConnectionID(ours.text)
            if realText != ourText { failures.append("seed \(seed): " + Self.firstDifference(realText, ourText)) }
        }
        #expect(failures.isEmpty, Comment(rawValue: "\(failures.count) of \(seeds.count) seeds print differently from redis-cli \(mode):\n" + failures.joined(separator: "\n")))
    }

    /// Lines whose output depends on bytes rather than text: errors quoting bytes that are
    /// not UTF-8 (redis-cli prints them as they came), and repeat counts that strtol reads up
    /// to a NUL byte. Compared as bytes, since decoding both sides would hide a lost byte.
    @Test("Raw bytes in errors and counts print as redis-cli prints them", arguments: ["--no-raw", "--raw"])
    func rawBytesPrintAsRedisCLI(mode: String) throws {
        guard let redisCLI = Subprocess.which("redis-cli") else {
            Issue.record("redis-cli is not installed (apt-get install redis-tools); it is the oracle for this test")
            return
        }
        let lines = [
            #""\xff\xfe" "\xc3""#, #""\xc3\xa9" "\xe9""#, #"foo "\xf4\x8f\xbb\xbf" "\xed\xa0\x80""#,
            #"OBJECT "\xff""#, #"CONFIG SET "\xff" 1"#, #"SET k v "\xfe""#,
            #""3\x00abc" ping"#, #""\x00abc" x"#, #"" \x003" x"#, #""\x00" ping"#, #""" ping"#,
        ]
        let server = try RedisServer.start()
        defer { server.stop() }
        let dir = try TemporaryDirectory()
        let inputPath = try dir.write("input.txt", Array((lines.joined(separator: "\n") + "\n").utf8))
        let environment = BuiltProducts.isolatedEnvironment(in: dir)
        let real = try Subprocess.run(redisCLI, ["-h", "127.0.0.1", "-p", String(server.port), mode], stdinPath: inputPath, environment: environment)
        let ours = try Subprocess.run(BuiltProducts.cachelab, [mode], stdinPath: inputPath, environment: environment)
        #expect(real.stdout.contains(0xFF), "redis-cli should print the 0xFF byte itself")
        #expect(ours.stdout == real.stdout, Comment(rawValue: Self.firstDifference(real.text, ours.text)))
    }

    /// One seed's input: a fresh keyspace with Redis's default encoding limits, then (like the
    /// wire fuzz test) RESP3 on odd seeds and tiny encoding limits on every third, then the
    /// commands.
    static func input(seed: UInt64, commands: Int) -> String {
        var lines = ["FLUSHALL"]
        let defaults = [("hash-max-listpack-entries", "512"), ("hash-max-listpack-value", "64"),
                        ("zset-max-listpack-entries", "128"), ("zset-max-listpack-value", "64"),
                        ("set-max-intset-entries", "512"), ("list-max-listpack-size", "-2"), ("hll-sparse-max-bytes", "3000")]
        let tiny = ["4", "8", "4", "8", "4", "4", "200"]
        lines += zip(defaults, tiny).map { "CONFIG SET \($0.0.0) \(seed % 3 == 2 ? $0.1 : $0.0.1)" }
        if seed % 2 == 1 { lines.append("HELLO 3") }
        var generator = FuzzGenerator(seed: seed)
        var count = 0
        while count < commands {
            let block = generator.nextBlock().filter { $0.comparison == .exact && !$0.keepIntact }
            lines += block.map { $0.redisCLILine }
            count += max(block.count, 1)
        }
        // A transaction left open would print its QUEUED replies to the end: close it.
        lines.append("DISCARD")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The output with the client ID of HELLO's reply masked: redis-cli's connection is one of
    /// several the server has seen, cachelab's session is its first.
    static func maskingConnectionID(_ text: String) -> String {
        text.components(separatedBy: "\n").map { line in
            for prefix in ["id ", "4# \"id\" => (integer) "] where line.hasPrefix(prefix) && line.dropFirst(prefix.count).allSatisfy(\.isNumber) {
                return prefix + "<id>"
            }
            return line
        }.joined(separator: "\n")
    }

    /// Where two outputs part, with the lines just before it from redis-cli's side.
    static func firstDifference(_ real: String, _ ours: String) -> String {
        let realLines = real.components(separatedBy: "\n")
        let ourLines = ours.components(separatedBy: "\n")
        let index = (0..<min(realLines.count, ourLines.count)).first { realLines[$0] != ourLines[$0] } ?? min(realLines.count, ourLines.count)
        let before = realLines[max(0, index - 3)..<index].map { "      " + $0.debugDescription }.joined(separator: "\n")
        return """
            output differs at line \(index + 1), after:
            \(before)
              redis-cli: \(index < realLines.count ? realLines[index].debugDescription : "<end>")
              cachelab:  \(index < ourLines.count ? ourLines[index].debugDescription : "<end>")
            """
    }
}
