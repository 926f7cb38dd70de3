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
