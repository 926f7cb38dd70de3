import Foundation
import Testing

/// `cachelab <command> [<arg> ...]`: one command from the command line, run once as
/// `redis-cli <command> [<arg> ...]` runs it.
@Suite(.serialized) struct OneShotCommandTests {
    /// Each invocation goes to redis-cli (against one real, empty redis-server 7.0.15) and to
    /// cachelab (on one data folder, so that, like the server, it keeps what earlier ones
    /// wrote); exit status, stdout and stderr must match byte for byte. Some have standard
    /// input, for `-x`.
    @Test func matchesRedisCLI() throws {
        guard let oracle = try RedisCLIOracle.start() else { return }
        for words in Self.invocations {
            try oracle.expectSame(words)
        }
        for (words, input) in Self.invocationsWithInput {
            try oracle.expectSame(words, input: input)
        }
    }

    /// Formats, errors with and without `-e`, client-side HELP, words the REPL would treat
    /// specially (a repeat count, quit, clear), options after the command's name, RESP3, -n.
    static let invocations: [[String]] = [
        ["SET", "greeting", "héllo wörld"], ["GET", "greeting"], ["--no-raw", "GET", "greeting"],
        ["INCR"], ["--no-raw", "INCR"], ["-e", "INCR"], ["--no-raw", "-e", "INCR"], ["-e", "PING"],
        ["NOSUCH", "x"], ["-e", "NOSUCH"], ["-e", "LPUSH", "greeting", "x"],
        ["GET", "greeting", "--raw"], ["SET", "flag", "--maxmemory"], ["GET", "flag"],
        ["3", "PING"], ["quit"], ["clear"], ["MULTI"], ["-e", "EXEC"], ["--no-raw", "SELECT", "2"],
        ["help", "GET"], ["HELP", "@hyperloglog"], ["?", "set"],
        ["RPUSH", "list", "1", "2", "x y"], ["LRANGE", "list", "0", "-1"], ["--no-raw", "LRANGE", "list", "0", "-1"],
        ["--no-raw", "ECHO", "a\nb"], ["ECHO", "a\nb"], ["ECHO", ""], ["--no-raw", "INFO", "keyspace"],
        ["HSET", "hash", "a", "1"], ["-3", "HGETALL", "hash"], ["--no-raw", "-3", "HGETALL", "hash"],
        ["-3", "--no-raw", "HGETALL", "nokey"], ["--raw", "--no-raw", "GET", "greeting"],
        ["DEL", "greeting", "flag", "list", "hash"], ["--no-raw", "KEYS", "*"],
        // -n: a database to start on, read as atoi reads it; a failed SELECT is only reported.
        ["-n", "2", "SET", "a", "1"], ["-n", "2", "--no-raw", "DBSIZE"], ["--no-raw", "DBSIZE"],
        ["-n", "99", "PING"], ["-n", "-1", "PING"], ["-n", "abc", "--no-raw", "DBSIZE"],
        ["-n", "3", "-n", "2", "--no-raw", "DBSIZE"], ["-n", "2", "DEL", "a"],
        // -r: repeats, none, and -e stopping at the first error.
        ["-r", "3", "INCR", "counter"], ["-r", "2", "--no-raw", "INCRBY"], ["-r", "0", "PING"],
        ["-e", "-r", "3", "INCRBY"], ["-r", "2", "DEL", "counter"], ["-r", "2", "-i", "0.001", "PING"], ["-i", "abc", "-r", "2", "PING"],
        // --quoted-input: each word is a quoted string; -2 with -3 is refused.
        ["--quoted-input", "SET", "\"q\\x00k\"", "\"x y\""], ["--quoted-input", "--no-raw", "GET", "\"q\\x00k\""],
        ["--quoted-input", "GET", "\"a"], ["--quoted-input", "GET", "a b"], ["--quoted-input", "DEL", "\"q\\x00k\""],
        ["-2", "-3", "PING"],
    ]

    /// `-x`: standard input, to its end, is the last argument; without a command, `-x` leaves
    /// piped input to be read as commands. `-X <tag>`: standard input replaces the word `tag`.
    static let invocationsWithInput: [([String], String?)] = [
        (["-x", "SET", "text"], "hello\nworld"), (["--no-raw", "GET", "text"], nil),
        (["-x", "ECHO"], "a\n"), (["-x", "ECHO"], ""), (["-x", "--no-raw", "RPUSH", "list", "first"], "second\n"),
        (["--no-raw", "LRANGE", "list", "0", "-1"], nil), (["-x"], "PING\n"), (["ECHO", "ignored input"], "PING\n"),
        (["-X", "TAG", "SET", "tagged", "TAG"], "val"), (["GET", "tagged"], nil), (["-X", "TAG", "SET", "tagged", "v"], "val"),
        (["-X", "TAG", "-x", "SET", "k2"], "val"),
        (["DEL", "text", "list", "tagged"], nil),
    ]

    /// An argument's bytes arrive as the shell passed them, even when they are not UTF-8.
    @Test func keepsBytesThatAreNotUTF8() throws {
        let dir = try TemporaryDirectory()
        let environment = BuiltProducts.isolatedEnvironment(in: dir)
        let set = try Subprocess.run("/bin/bash", ["-c", "exec \"$0\" SET key $'\\xff\\xfe'", BuiltProducts.cachelab], environment: environment)
        #expect(set.text == "OK\n")
        let get = try Subprocess.run(BuiltProducts.cachelab, ["--no-raw", "GET", "key"], environment: environment)
        #expect(get.text == "\"\\xff\\xfe\"\n")
    }

    /// `-r` with a negative count repeats until stopped: here, until the reader goes away.
    @Test func negativeRepeatStopsWhenTheReaderCloses() throws {
        let dir = try TemporaryDirectory()
        let script = "\"$0\" --ephemeral -r -1 PING | head -n 3"
        let result = try Subprocess.run("/bin/bash", ["-c", script, BuiltProducts.cachelab],
                                        environment: BuiltProducts.isolatedEnvironment(in: dir), timeout: 20)
        #expect(!result.timedOut)
        #expect(result.text == "PONG\nPONG\nPONG\n")
    }
}
