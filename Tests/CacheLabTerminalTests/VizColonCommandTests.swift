import Testing
import CacheLabEngine
@testable import CacheLabTerminal

@Suite struct VizColonCommandTests {
    func processor() -> LineProcessor {
        let engine = Engine(clock: .manual(), seed: 3)
        return LineProcessor(engine: engine, session: engine.makeSession(), settings: ReplSettings(format: .raw),
                             output: OutputBuffer())
    }

    func run(_ line: String, on repl: LineProcessor) -> String {
        let before = repl.output.bytes.count
        repl.process(line: Array(line.utf8))
        return String(decoding: repl.output.bytes[before...], as: UTF8.self)
    }

    @Test func drawsEvictionsBelowTheReplyOnlyWhenOn() {
        let repl = processor()
        _ = run("config set maxmemory-policy allkeys-lru", on: repl)
        for i in 0..<50 { _ = run("set key:\(i) value", on: repl) }
        _ = run("config set maxmemory \(repl.engine.usedMemory)", on: repl)
        let off = run("set extra:1 value", on: repl)
        _ = run("set extra:2 value", on: repl)
        #expect(!off.contains("evicted"))
        #expect(run(":viz on", on: repl).hasPrefix("viz is on"))
        let on = run("set extra:3 value", on: repl)
        #expect(on.hasPrefix("OK\n── evicted "))
        #expect(on.contains("<- victim") || on.contains("was pooled by an earlier eviction"))
        #expect(on.contains("pool before ["))
        #expect(on.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(run(":viz off", on: repl) == "viz is off\n")
        #expect(run("set extra:4 value", on: repl) == "OK\n")
    }

    @Test func lruComparisonAndUsage() {
        let repl = processor()
        let text = run(":viz lru 40 5 1", on: repl)
        #expect(text.contains("Theoretical LRU: error 0.0%"))
        #expect(run(":viz sideways", on: repl).hasPrefix("usage: :viz"))
        #expect(repl.sawError)
    }

    @Test func hitRateChartWithTheModels() {
        let repl = processor()
        let text = run(":viz hitrate --keys 300 --accesses 1500 --value-size 10000 --sizes 188,282 --models lru_cache,redis-lru,memcached --seed 5", on: repl)
        #expect(text.hasPrefix("hit ratio vs cache size — zipf 0.99, 300 keys, 1500 accesses, 10000-byte values, seed 5\n"))
        #expect(text.contains("P lru_cache exact LRU   5 redis LRU 5 samples   M memcached segmented LRU\n"))
        #expect(text.contains("    N=188: -m 2 held 188;  N=282: -m 3 held 282\n"))
        #expect(!repl.sawError)
    }

    @Test func hitRateUsageErrors() {
        let repl = processor()
        #expect(run(":viz hitrate --keys", on: repl).hasPrefix("usage: :viz hitrate"))
        #expect(run(":viz hitrate --colour red", on: repl).hasPrefix("usage: :viz hitrate"))
        #expect(run(":viz hitrate --keys 5", on: repl) == "--keys: 10 to 20000\n")
        #expect(run(":viz hitrate --models redis,memcache", on: repl).hasPrefix("--models: a comma-separated list of exact, redis"))
        #expect(run(":viz hitrate --keys 100 --sizes 50,200", on: repl).hasPrefix("--sizes: up to 12"))
        #expect(run(":viz hitrate --trace sideways", on: repl).hasPrefix("--trace: zipf, 80/20"))
        #expect(repl.sawError)
    }
}
