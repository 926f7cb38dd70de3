import CacheLabEngine
import Foundation

/// Access patterns for cache experiments: which key (0..<keys) each access reads.
///
/// - zipf(s): the key of popularity rank r is read with probability proportional to 1/r^s
///   (s = 0.99 is the classic web-cache skew). Ranks are mapped to keys through a seeded
///   shuffle, so hot keys are spread over the key space, not all at the start.
/// - eightyTwenty: 80% of accesses go uniformly to a hot fifth of the keys, 20% to the rest.
/// - uniform: every key equally likely (no cache can beat capacity / keys).
/// - scan: 0, 1, 2, ... keys-1, 0, 1, ... — the looping scan that defeats LRU once the loop
///   is larger than the cache.
public enum TraceKind: Sendable, Equatable, CustomStringConvertible {
    case zipf(skew: Double)
    case eightyTwenty
    case uniform
    case scan

    public var description: String {
        switch self {
        case .zipf(let s): return "zipf \(Text.fixed(s, 2))"
        case .eightyTwenty: return "80/20"
        case .uniform: return "uniform"
        case .scan: return "looping scan"
        }
    }

    /// Parses `zipf`, `zipf:0.8`, `80/20` (or `8020`), `uniform`, `scan`; nil otherwise.
    public init?(name: String, skew: Double = 0.99) {
        let lower = name.lowercased()
        if lower == "zipf" { self = .zipf(skew: skew); return }
        if lower.hasPrefix("zipf:"), let s = Double(lower.dropFirst(5)), s >= 0 { self = .zipf(skew: s); return }
        switch lower {
        case "80/20", "8020", "80-20": self = .eightyTwenty
        case "uniform": self = .uniform
        case "scan", "loop": self = .scan
        default: return nil
        }
    }
}

/// A seeded generator of key indices following a `TraceKind`. The same seed gives the same trace.
public struct TraceGenerator {
    public let kind: TraceKind
    public let keys: Int
    private var random: RandomSource
    private var cumulative: [Double] = []
    private var rankToKey: [Int] = []
    private var position = 0

    public init(kind: TraceKind, keys: Int, seed: UInt64) {
        precondition(keys > 0, "a trace needs at least one key")
        self.kind = kind
        self.keys = keys
        self.random = RandomSource(seed: seed)
        if case .zipf(let s) = kind {
            var total = 0.0
            cumulative.reserveCapacity(keys)
            for rank in 1...keys {
                total += 1 / pow(Double(rank), s)
                cumulative.append(total)
            }
            for i in cumulative.indices { cumulative[i] /= total }
            rankToKey = Array(0..<keys)
            for i in stride(from: keys - 1, to: 0, by: -1) { rankToKey.swapAt(i, random.below(i + 1)) }
        }
    }

    /// The keys of the hot set under 80/20: the first fifth.
    public var hotKeys: Int { max(1, keys / 5) }

    /// A uniform double in [0, 1).
    private mutating func unit() -> Double { Double(random.next() >> 11) / Double(1 << 53) }

    /// The next key index.
    public mutating func next() -> Int {
        switch kind {
        case .zipf:
            let u = unit()
            var lo = 0, hi = keys - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] < u { lo = mid + 1 } else { hi = mid }
            }
            return rankToKey[lo]
        case .eightyTwenty:
            let hot = hotKeys
            if unit() < 0.8 || hot == keys { return random.below(hot) }
            return hot + random.below(keys - hot)
        case .uniform:
            return random.below(keys)
        case .scan:
            defer { position = (position + 1) % keys }
            return position
        }
    }

    /// The next `count` key indices.
    public mutating func take(_ count: Int) -> [Int] {
        (0..<count).map { _ in next() }
    }
}
