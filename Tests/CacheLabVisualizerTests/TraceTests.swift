import Testing
@testable import CacheLabVisualizer

@Suite struct TraceTests {
    @Test func sameSeedSameTrace() {
        var a = TraceGenerator(kind: .zipf(skew: 0.99), keys: 1000, seed: 7)
        var b = TraceGenerator(kind: .zipf(skew: 0.99), keys: 1000, seed: 7)
        let ta = a.take(500), tb = b.take(500)
        #expect(ta == tb)
        var c = TraceGenerator(kind: .zipf(skew: 0.99), keys: 1000, seed: 8)
        var d = TraceGenerator(kind: .zipf(skew: 0.99), keys: 1000, seed: 7)
        let tc = c.take(500), td = d.take(500)
        #expect(tc != td)
    }

    @Test func keysStayInRange() {
        for kind in [TraceKind.zipf(skew: 0.99), .eightyTwenty, .uniform, .scan] {
            var g = TraceGenerator(kind: kind, keys: 37, seed: 1)
            let trace = g.take(2000)
            #expect(trace.allSatisfy { (0..<37).contains($0) })
        }
    }

    @Test func zipfHeadIsHot() {
        // With s = 0.99 over 1000 keys, the top rank gets 1/H(1000, 0.99) ≈ 13% of accesses.
        var g = TraceGenerator(kind: .zipf(skew: 0.99), keys: 1000, seed: 3)
        var counts = [Int](repeating: 0, count: 1000)
        for k in g.take(100_000) { counts[k] += 1 }
        let top = counts.max()!
        #expect(top > 11_000 && top < 15_500)
        // Skew 0 is uniform.
        var u = TraceGenerator(kind: .zipf(skew: 0), keys: 10, seed: 3)
        var flat = [Int](repeating: 0, count: 10)
        for k in u.take(50_000) { flat[k] += 1 }
        #expect(flat.allSatisfy { $0 > 4500 && $0 < 5500 })
    }

    @Test func eightyTwentySplit() {
        var g = TraceGenerator(kind: .eightyTwenty, keys: 10_000, seed: 5)
        let hot = g.take(100_000).filter { $0 < 2000 }.count
        #expect(hot > 79_000 && hot < 81_000)
    }

    @Test func scanLoops() {
        var g = TraceGenerator(kind: .scan, keys: 4, seed: 9)
        let trace = g.take(10)
        #expect(trace == [0, 1, 2, 3, 0, 1, 2, 3, 0, 1])
    }

    @Test func traceNames() {
        #expect(TraceKind(name: "zipf") == .zipf(skew: 0.99))
        #expect(TraceKind(name: "zipf:0.5") == .zipf(skew: 0.5))
        #expect(TraceKind(name: "80/20") == .eightyTwenty)
        #expect(TraceKind(name: "UNIFORM") == .uniform)
        #expect(TraceKind(name: "scan") == .scan)
        #expect(TraceKind(name: "pareto") == nil)
    }
}

@Suite struct ExactLRUTests {
    @Test func evictsLeastRecentlyUsed() {
        var cache = ExactLRUCache(capacity: 2, keys: 10)
        cache.recordsEvictions = true
        let hits = [cache.access(1), cache.access(2), cache.access(1), cache.access(3)]
        // The second read of 1 hits, and makes 2 the least recent: 3 evicts it.
        #expect(hits == [false, false, true, false])
        #expect(cache.evicted == [2])
        #expect(cache.contains(1) && cache.contains(3) && !cache.contains(2))
    }
}

@Suite struct ErrorScoreTests {
    @Test func exactLRUScoresZero() {
        // Oldest three evicted, the rest kept.
        #expect(ErrorScore.percent(evicted: [true, true, true, false, false, false, false]) == 0)
    }

    @Test func evictingTheNewestScoresHundred() {
        #expect(ErrorScore.percent(evicted: [false, false, false, false, true, true, true]) == 100)
        #expect(ErrorScore.percent(evicted: [false, false, true, true, true]) == 100)   // overlapping case
    }

    @Test func weightsByDistanceFromTheBoundary() {
        // E = 2. Keeping rank 1 and evicting rank 2 (just across the boundary): cost 1 + 1.
        // Worst (evict ranks 4, 5; keep 0, 1): (2 + 1) + (3 + 4) = 10.
        #expect(ErrorScore.percent(evicted: [true, false, true, false, false, false]) == 20)
        // Keeping rank 1 and evicting rank 5 instead costs 1 + 4 = 5: worse.
        #expect(ErrorScore.percent(evicted: [true, false, false, false, false, true]) == 50)
    }

    @Test func nothingEvictedScoresZero() {
        #expect(ErrorScore.percent(evicted: [false, false]) == 0)
    }
}
