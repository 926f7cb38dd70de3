import Testing
import CacheLabEngine
import CacheLabModels
@testable import CacheLabVisualizer

/// The hit-ratio experiment with the comparison models: memcached's segmented LRU (sized by
/// `-m`) and functools.lru_cache's exact LRU (sized by entries) on the same trace as Redis.
@Suite struct HitRateModelsTests {
    static func options(_ models: String, sizes: [Int] = [188, 282, 376], trace: TraceKind = .zipf(skew: 0.99)) -> HitRateExperiment.Options {
        var options = HitRateExperiment.Options(trace: trace, sizes: sizes)
        options.keys = 600
        options.accesses = 3000
        options.valueSize = 10_000  // 94 items per 1 MB page of 11,104-byte chunks
        options.seed = 3
        options.accessesPerSecond = 500
        options.series = HitRateExperiment.Series.parse(models: models)!
        return options
    }

    @Test func modelsParse() {
        let parse = HitRateExperiment.Series.parse
        #expect(parse("exact,redis")! == HitRateExperiment.Series.standard)
        #expect(parse("lru_cache, redis-lru:7 ,memcached")!.map(\.name)
            == ["lru_cache exact LRU", "redis LRU 7 samples", "memcached segmented LRU"])
        #expect(parse("redis-lru")!.map(\.marker) == ["5"])
        #expect(parse("redis-lru:10,redis-lfu,random")!.map(\.marker) == ["X", "F", "R"])
        #expect(parse("memcached,memcached") == nil)
        #expect(parse("redis,redis-lru:5") == nil)  // LRU 5 twice
        #expect(parse("redis-lru:0") == nil)
        #expect(parse("memcache") == nil)
        #expect(parse("") == nil)
    }

    /// lru_cache's model is an exact LRU: on the same trace it scores exactly what the exact
    /// LRU simulation scores, at every size.
    @Test func lruCacheIsExactLRU() {
        let result = HitRateExperiment(options: Self.options("exact,lru_cache", sizes: [10, 50, 188, 400])).run()
        #expect(result.ratios[0] == result.ratios[1])
        #expect(result.capacities[1] == [10, 50, 188, 400])
    }

    /// Sized for N keys, Redis and lru_cache hold exactly N once every key has been stored.
    @Test func redisAndLRUCacheHoldN() {
        for (valueSize, sizes) in [(100, [50, 100, 300]), (10_000, [188, 470])] {
            var options = Self.options("redis-lru,lru_cache,exact", sizes: sizes)
            options.valueSize = valueSize
            let result = HitRateExperiment(options: options).run()
            #expect(result.capacities == [sizes, sizes, sizes])
        }
    }

    /// memcached holds whole 1 MB pages: 94 of these items a page, at least 2 pages.
    @Test func memcachedIsSizedInPages() {
        let result = HitRateExperiment(options: Self.options("memcached", sizes: [50, 188, 200, 282, 600])).run()
        #expect(result.capacities[0] == [188, 188, 188, 282, 564])
        #expect(result.sizing.contains("  11104-byte chunks (slab class 22, 94 a page), so it holds whole pages:"))
        #expect(result.sizing.last == "  N=282: -m 3 held 282;  N=600: -m 6 held 564")
        #expect(result.sizing.allSatisfy { $0.count <= 76 })
        // A bigger cache never hits less on the same trace here.
        #expect(result.ratios[0][3] > result.ratios[0][0])
    }

    /// A looping scan larger than the cache defeats any LRU: exact LRU and lru_cache never
    /// hit; memcached's segmented LRU does not do better, as its COLD tail evicts in order too.
    @Test func loopingScanDefeatsEveryLRU() {
        let result = HitRateExperiment(options: Self.options("lru_cache,memcached", sizes: [188], trace: .scan)).run()
        #expect(result.ratios[0] == [0])
        #expect(result.ratios[1] == [0])
    }

    /// The three caches on one chart, at a fixed seed.
    @Test func threeCachesGolden() throws {
        let result = HitRateExperiment(options: Self.options("lru_cache,redis-lru:5,redis-lru:10,memcached")).run()
        try GoldenTests().check(HitRateChart(palette: Palette(useColor: false)).render(result), "hitrate-three-caches.txt")
        // Redis's sampled LRU, even with 10 samples, does not beat exact LRU on this trace.
        for i in result.sizes.indices {
            #expect(result.ratios[1][i] <= result.ratios[0][i])
            #expect(result.ratios[2][i] <= result.ratios[0][i])
        }
    }
}

