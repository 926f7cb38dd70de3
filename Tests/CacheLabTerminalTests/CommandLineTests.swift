import Testing
@testable import cachelab

/// The command line's own parsing (the REPL's options against the tools').
@Suite struct CommandLineTests {
    /// A tool's `--seed` is its own, not the REPL's (ArgumentParser would otherwise let the
    /// root command's `--seed` take it).
    @Test func toolOptionsAreTheTools() throws {
        let hitrate = try #require(try CacheLabTools.parseAsRoot(["viz", "hitrate", "--seed", "7", "--models", "lru_cache,memcached"]) as? VizHitRateCommand)
        #expect(hitrate.seed == 7)
        #expect(hitrate.models == "lru_cache,memcached")
        let lru = try #require(try CacheLabTools.parseAsRoot(["viz", "lru", "--seed", "3"]) as? VizLRUCommand)
        #expect(lru.seed == 3)
    }
}

/// Where a command given on the command line begins, and what ArgumentParser still parses.
@Suite struct CommandStartTests {
    private func split(_ words: [String]) -> (remaining: [String], pairs: [String], start: Int?) {
        let result = StartupConfiguration.extract(from: words)
        return (result.remaining, result.pairs.map { "\($0.name)=\($0.value)" }, result.commandStart)
    }

    @Test func theFirstPlainWordStartsTheCommand() {
        let result = split(["--raw", "SET", "k", "--maxmemory", "2mb"])
        #expect(result.remaining == ["--raw"])
        #expect(result.pairs.isEmpty)
        #expect(result.start == 1)
    }

    @Test func optionValuesAndConfigPairsComeFirst() {
        let result = split(["--dir", "data", "--maxmemory", "2mb", "--seed", "7", "-n", "2", "-r", "-1", "-e", "GET", "k"])
        #expect(result.remaining == ["--dir", "data", "--seed", "7", "-n", "2", "-r", "-1", "-e"])
        #expect(result.pairs == ["maxmemory=2mb"])
        #expect(result.start == 11)
    }

    @Test func replMayBeNamedBeforeTheCommand() {
        let result = split(["repl", "GET", "k"])
        #expect(result.remaining == ["repl"])
        #expect(result.start == 1)
    }

    @Test func toolsKeepTheirWords() {
        #expect(split(["lesson", "2", "--script"]).start == nil)
        #expect(split(["viz", "hitrate", "--seed", "7"]).remaining == ["viz", "hitrate", "--seed", "7"])
        #expect(split(["bench", "--only", "GET"]).start == nil)
    }

    @Test func helpIsArgumentParsersUnlessACommandFollows() {
        #expect(split(["help"]).start == nil)
        #expect(split(["help", "bench"]).start == nil)
        #expect(split(["help", "GET"]).start == 0)
        #expect(split(["HELP", "@string"]).start == 0)
    }

    @Test func aDoubleDashEndsTheOptions() {
        let result = split(["--no-raw", "--", "--weird-key-name"])
        #expect(result.remaining == ["--no-raw"])
        #expect(result.start == 2)
        #expect(split(["--raw"]).start == nil)
    }
}
