import CacheLabEngine
@testable import CacheLabTerminal
import Testing

/// `cachelab --hotkeys` beside redis-cli's. With `lfu-log-factor 0` every access adds one to
/// a key's LFU counter, so the counters are the same on both sides; SCAN's order is not, so
/// the progress lines are compared as a set, and the keys get distinct counters so that the
/// summary's order is fixed.
@Suite(.serialized) struct HotKeysModeTests {
    @Test func matchesRedisCLI() throws {
        guard let oracle = try RedisCLIOracle.start() else { return }
        try oracle.expectSame(["--hotkeys"])
        try oracle.expectSame(["SET", "early", "v"])
        // Without an LFU policy there are no counters: the search fails with OBJECT FREQ's error.
        try oracle.expectSame(["--hotkeys"])
        try oracle.expectSame(["DEL", "early"])

        let lfu = ["--maxmemory-policy", "allkeys-lfu", "--lfu-log-factor", "0"]
        try oracle.expectSame(["CONFIG", "SET", "maxmemory-policy", "allkeys-lfu", "lfu-log-factor", "0"], ourArguments: lfu)
        for (key, reads) in [("cold", 0), ("warm", 1), ("hot", 3), ("hottest", 6), ("café", 2)] {
            try oracle.expectSame(["SET", key, "v"], ourArguments: lfu)
            for _ in 0..<reads { try oracle.expectSame(["GET", key], ourArguments: lfu) }
        }
        let (real, ours) = try oracle.runBoth(["--hotkeys"], ourArguments: lfu)
        #expect(ours.status == real.status)
        #expect(ours.errorText == real.errorText)
        #expect(RedisCLIOracle.progressAndRest(ours.text).progress == RedisCLIOracle.progressAndRest(real.text).progress)
        #expect(RedisCLIOracle.progressAndRest(ours.text).rest == RedisCLIOracle.progressAndRest(real.text).rest)
        #expect(ours.text.contains("hot key found with counter: 11\tkeyname: \"hottest\""))
    }

    /// The pool keeps the 16 highest counters, smallest first, as redis-cli's does.
    @Test func thePoolKeepsTheSixteenHighest() {
        var pool = HotKeysMode.Pool()
        for counter in 1...20 { _ = pool.offer(counter: Int64(counter), key: Bytes("k\(counter)")) }
        #expect(pool.entries.map(\.counter) == Array(5...20).map(Int64.init))
        #expect(pool.offer(counter: 3, key: "low") == nil)
        #expect(pool.offer(counter: 0, key: "zero") == nil)
        #expect(pool.offer(counter: 12, key: "tie") == "\"tie\"")
        #expect(pool.entries.map(\.counter) == [6, 7, 8, 9, 10, 11, 12, 12, 13, 14, 15, 16, 17, 18, 19, 20])
    }
}
