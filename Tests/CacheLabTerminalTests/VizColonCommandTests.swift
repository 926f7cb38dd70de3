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
}
