import Testing
@testable import CacheLabVisualizer

@Suite struct TraceTests {
    @Test func sameSeedSameTrace() {
        var a = TraceGenerator(kind: .zipf(skew: 0.99), keys: 1000, seed: 7)
        var b = TraceGenerator(kind: .zipf(skew: 0.99), keys: 1000, seed: 7)
        #expect(a.take(500) == b.take(500))
        var c = TraceGenerator(kind: .zipf(skew: 0.99), keys: 1000, seed: 8)
        var d = TraceGenerator(kind: .zipf(skew: 0.99), keys: 1000, seed: 7)
        #expect(c.take(500) != d.take(500))
    }
}
