import CacheLabEngine

/// The live picture `:viz on` draws under a command that evicted: what the sampler saw, what
/// the pool holds, and who lost. At most 80 columns.
///
///     ── evicted key:17 · allkeys-lru · idle 41.0s · freed 72 B (1 key this command)
///     sampled         idle (longer = evicted sooner)
///     key:17          ████████████████████████████████████  41.0s  ◀ victim
///     key:902         ███████████                            12.5s  pooled
///     key:311         ·                                        0ms
///     pool before [········▁▂▃▄▅▆▇█]  after [·········▁▂▃▄▅▆▇]  worst ◀─▶ best
///
/// The bars show the score each policy ranks by: idle time (LRU), the LFU counter (the shortest
/// bar is evicted first), or the TTL left (volatile-ttl: the shortest goes first). The pool's
/// 16 slots are drawn as levels of their scores, best candidate at the right end, where Redis
/// takes its victim from. The random policies sample nothing: the frame says so.
public struct EvictionFrame {
    public let palette: Palette
    /// Most sampled keys listed (more are summarised in one line).
    public var maxSampleLines = 10
    public static let width = 80
    static let keyWidth = 15
    static let barWidth = 36

    public init(palette: Palette) {
        self.palette = palette
    }

    /// Renders the evictions of one command; `now` is the engine's command time (ms) for TTLs.
    public func render(_ reports: [EvictionReport], now: Int64) -> String {
        guard let last = reports.last else { return "" }
        var out = header(last, count: reports.count, now: now)
        if reports.count > 1 {
            let earlier = reports.dropLast()
            var line = "also evicted:"
            var listed = 0
            for report in earlier {
                let key = " " + Text.key(report.victim.array, width: 12)
                if line.count + key.count > Self.width - 12 { break }
                line += key
                listed += 1
            }
            if listed < earlier.count { line += " (+\(earlier.count - listed) more)" }
            out += line + "\n"
        }
        if last.policy.isRandom {
            out += "   no sampling: \(last.policy.name) picks a uniformly random key\n"
            return out
        }
        out += samples(last, now: now)
        out += pool(last)
        return out
    }

    private func header(_ r: EvictionReport, count: Int, now: Int64) -> String {
        let victim = Text.key(r.victim.array, width: 20)
        var line = "── evicted \(victim) · \(r.policy.name)"
        if !r.policy.isRandom { line += " · \(scoreLabel(r.victimScore, policy: r.policy, now: now))" }
        line += " · freed \(r.bytesFreed) B"
        if count > 1 { line += " (\(count) evicted)" }
        return palette.paint(Text.fit(line, Self.width).trimmedRight, .bold) + "\n"
    }

    /// What a bar measures under `policy`, for the column title.
    private func measure(_ policy: EvictionPolicy) -> String {
        if policy.usesLFU { return "LFU counter (lowest = evicted sooner)" }
        if policy == .volatileTTL { return "TTL left (shortest = evicted sooner)" }
        return "idle time (longest = evicted sooner)"
    }

    /// The bar length's quantity for a score: idle ms, counter, or TTL ms.
    private func magnitude(_ score: UInt64, policy: EvictionPolicy, now: Int64) -> UInt64 {
        if policy.usesLFU { return 255 - min(255, score) }
        if policy == .volatileTTL {
            let expireAt = Int64(bitPattern: UInt64.max - score)
            return UInt64(max(0, expireAt - now))
        }
        return score
    }

    private func scoreLabel(_ score: UInt64, policy: EvictionPolicy, now: Int64?) -> String {
        if policy.usesLFU { return "counter \(255 - min(255, score))" }
        if policy == .volatileTTL {
            guard let now else { return "soonest TTL" }
            return "ttl " + Text.duration(milliseconds: magnitude(score, policy: policy, now: now))
        }
        return "idle " + Text.duration(milliseconds: score)
    }

    private func samples(_ r: EvictionReport, now: Int64) -> String {
        var out = Text.fit("sampled", Self.keyWidth + 1) + measure(r.policy) + "\n"
        let shown = r.samples.prefix(maxSampleLines)
        let values = shown.map { magnitude($0.score, policy: r.policy, now: now) }
        let top = max(1, values.max() ?? 1)
        let pooled = Set(r.poolAfter.compactMap { $0?.key })
        for (sample, value) in zip(shown, values) {
            let filled = value == 0 ? 0 : max(1, Int((Double(value) / Double(top) * Double(Self.barWidth)).rounded()))
            let isVictim = sample.key == r.victim && sample.database == r.database
            let bar = palette.useColor
                ? palette.paint(String(repeating: "█", count: filled), isVictim ? .red : .cyan)
                    + String(repeating: " ", count: Self.barWidth - filled)
                : String(repeating: "#", count: filled) + String(repeating: " ", count: Self.barWidth - filled)
            let label = r.policy.usesLFU ? String(value) : Text.duration(milliseconds: value)
            var line = Text.fit(Text.key(sample.key.array, width: Self.keyWidth), Self.keyWidth) + " " + bar
            line += " " + Text.right(label, 7)
            if isVictim {
                line += "  " + palette.paint(palette.useColor ? "◀ victim" : "<- victim", .red)
            } else if pooled.contains(sample.key) {
                line += "  " + palette.paint("pooled", .dim)
            }
            out += line + "\n"
        }
        if r.samples.count > shown.count {
            out += "… \(r.samples.count - shown.count) more sampled\n"
        }
        if !r.samples.contains(where: { $0.key == r.victim && $0.database == r.database }) {
            let score = scoreLabel(r.victimScore, policy: r.policy, now: now)
            out += "victim \(Text.key(r.victim.array, width: 20)) (\(score)) was pooled by an earlier eviction\n"
        }
        return out
    }

    private func pool(_ r: EvictionReport) -> String {
        let scores = (r.poolBefore + r.poolAfter).compactMap { $0?.score } + [r.victimScore]
        let top = max(1, scores.max() ?? 1)
        let arrows = palette.useColor ? "worst ◀─▶ best" : "worst <-> best"
        return "pool before [\(slots(r.poolBefore, top: top))]  after [\(slots(r.poolAfter, top: top))]  \(arrows)\n"
    }

    /// The 16 slots as one character each: a level of the slot's score, or an empty mark.
    func slots(_ slots: [EvictionPool.Slot?], top: UInt64) -> String {
        let levels: [Character] = palette.useColor ? Array("▁▂▃▄▅▆▇█") : Array("12345678")
        var s = ""
        for slot in slots {
            guard let slot else {
                s += palette.useColor ? palette.paint("·", .grey) : "-"
                continue
            }
            let i = min(levels.count - 1, Int(Double(slot.score) / Double(top) * Double(levels.count - 1) + 0.5))
            s += palette.paint(String(levels[i]), .cyan)
        }
        return s
    }
}

extension String {
    /// The string without trailing spaces.
    var trimmedRight: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
