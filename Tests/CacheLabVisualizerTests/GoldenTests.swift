import Foundation
import Testing
@testable import CacheLabEngine
@testable import CacheLabVisualizer

/// Golden tests: each picture, at a fixed seed, must match the text stored in `Golden/`.
/// To re-record after an intended change: `CACHELAB_RECORD_GOLDEN=1 swift test --filter GoldenTests`,
/// then review the diff of the `.txt` files.
@Suite struct GoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    func check(_ text: String, _ name: String) throws {
        let url = Self.directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["CACHELAB_RECORD_GOLDEN"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "\(name) differs from its golden file")
    }

    @Test func lruComparisonPlain() throws {
        let comparison = LRUComparison(keys: 120, samples: 5, seed: 7)
        let text = LRUComparisonView(palette: Palette(useColor: false)).render(comparison.run(), keys: 120, seed: 7)
        try check(text, "lru-120-seed7.txt")
    }

    @Test func lruComparisonColour() throws {
        let comparison = LRUComparison(keys: 60, samples: 3, seed: 2)
        let text = LRUComparisonView(palette: Palette(useColor: true)).render(comparison.run(), keys: 60, seed: 2)
        try check(text, "lru-60-seed2-colour.txt")
    }

    @Test func lruPanelsAreOrdered() {
        let panels = LRUComparison(keys: 200, samples: 5, seed: 1).run()
        #expect(panels[0].errorPercent == 0)                     // theory
        #expect(panels[1].errorPercent < panels[2].errorPercent)  // 10 samples with pool beat 2.8
        #expect(panels[3].errorPercent < panels[2].errorPercent)  // the pool beats no pool at 5
    }

    /// A crafted eviction: 8 keys with distinct idle times, 1 ms LRU clock, samples 5.
    func evictionFrame(policy: String, useColor: Bool) -> String {
        let clock = Clock.manual()
        let engine = Engine(clock: clock, seed: 11)
        let session = engine.makeSession()
        var reports: [EvictionReport] = []
        engine.observe { if case .keyEvicted(let r) = $0 { reports.append(r) } }
        func run(_ words: String...) { _ = engine.execute(words.map { Bytes($0) }, session: session) }
        run("CONFIG", "SET", "maxmemory-policy", policy)
        run("CONFIG", "SET", "cachelab-lru-clock-resolution-ms", "1")
        for i in 0..<8 {
            clock.advance(byMilliseconds: 1500)
            run("SET", "user:\(i)", "v")
            if policy == "volatile-ttl" { run("PEXPIRE", "user:\(i)", String(100_000 - i * 7000)) }
        }
        run("CONFIG", "SET", "maxmemory", String(engine.usedMemory))
        clock.advance(byMilliseconds: 1000)
        run("SET", "user:new", "v")
        run("SET", "user:new2", "v")
        return EvictionFrame(palette: Palette(useColor: useColor)).render(reports, now: engine.commandTime)
    }

    @Test func evictionFrames() throws {
        try check(evictionFrame(policy: "allkeys-lru", useColor: false), "frame-lru.txt")
        try check(evictionFrame(policy: "allkeys-lru", useColor: true), "frame-lru-colour.txt")
        try check(evictionFrame(policy: "allkeys-lfu", useColor: false), "frame-lfu.txt")
        try check(evictionFrame(policy: "volatile-ttl", useColor: false), "frame-ttl.txt")
        try check(evictionFrame(policy: "allkeys-random", useColor: false), "frame-random.txt")
    }

    @Test func hitRateChart() throws {
        var options = HitRateExperiment.Options(trace: .zipf(skew: 0.99), sizes: [50, 100, 200, 300])
        options.keys = 600
        options.accesses = 3000
        options.seed = 3
        options.accessesPerSecond = 500
        let result = HitRateExperiment(options: options).run()
        try check(HitRateChart(palette: Palette(useColor: false)).render(result), "hitrate-zipf.txt")
        // LRU with 1 sample sees one candidate per eviction, met by walking Redis's buckets
        // (a chain's newest key first): on this trace it does no better than random eviction.
        for i in result.sizes.indices { #expect(result.ratios[1][i] <= result.ratios[6][i]) }
        // Exact LRU beats random at every size on a skewed trace.
        for i in result.sizes.indices { #expect(result.ratios[0][i] > result.ratios[6][i]) }
    }
}
