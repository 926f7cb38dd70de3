import Foundation
import Testing
@testable import CacheLabEngine

/// Which keys eviction picks among ties, compared with a real redis-server 7.0.15.
@Suite(.serialized) struct EvictionSamplingFidelityTests {
    /// allkeys-lfu, maxmemory at 2,000 keys never read, then 4,000 new keys stored one at a
    /// time: every key ties at counter 5, so which survive depends only on how keys are
    /// sampled. Redis walks its hash buckets, chains head (newest) first, and keeps about 410
    /// of the first 2,000 and 700 of the last 1,000 (a uniform sampler: 260 and 780). The
    /// same counts, within 100 and 60, on both sides. Redis's own runs vary more than the old
    /// keys' first bound of 80 allowed: 426, 431, 447 and 479 old keys in four runs against
    /// CacheLab's 394 (seeded, the same every run); 100 still fails a uniform sampler by 60 or more.
    @Test func lfuTiesEvictRecentKeysLikeRedis() throws {
        let server = try RedisServerProcess()
        defer { server.stop() }
        let client = try RESPClient(port: server.port)
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        func both(_ words: [String]) throws {
            _ = try client.call(words.map { Bytes($0) })
            _ = engine.execute(words.map { Bytes($0) }, session: session)
        }
        func usedMemory(_ reply: Reply) -> Int {
            let text: Bytes
            switch reply {
            case .bulk(let b): text = b
            case .verbatim(_, let b): text = b
            default: return 0
            }
            let line = text.string.split(separator: "\r\n").first { $0.hasPrefix("used_memory:") }
            return line.flatMap { Int($0.dropFirst("used_memory:".count)) } ?? 0
        }
        func survivors(_ keys: [Bytes]) -> (old: Int, recent: Int) {
            var old = 0, recent = 0
            for key in keys.map(\.string) {
                if key.hasPrefix("old:") { old += 1 } else if Int(key.dropFirst(4))! >= 3000 { recent += 1 }
            }
            return (old, recent)
        }
        try both(["CONFIG", "SET", "maxmemory-policy", "allkeys-lfu"])
        // No decay: a minute starting on Redis's wall clock mid-run would lower the old keys.
        try both(["CONFIG", "SET", "lfu-decay-time", "0"])
        // Every command used below runs once first: its latency histogram (24,688 bytes in
        // Redis) must not land after maxmemory is set, which would evict ~150 keys at once.
        for words in [["SET", "warm", "x"], ["DEL", "warm"], ["INFO", "memory"], ["KEYS", "nothing"]] { try both(words) }
        let value = String(repeating: "x", count: 100)
        for i in 0..<2000 { try both(["SET", "old:\(i)", value]) }
        let info = [Bytes("INFO"), Bytes("memory")]
        try both(["CONFIG", "SET", "maxmemory", String(usedMemory(try client.call(info)))])
        _ = engine.execute([Bytes("CONFIG"), Bytes("SET"), Bytes("maxmemory"),
                            Bytes(String(usedMemory(engine.execute(info, session: session))))], session: session)
        for i in 0..<4000 { try both(["SET", "new:\(i)", value]) }
        try both(["CONFIG", "SET", "maxmemory", "0"])
        guard case .array(let replies) = try client.call([Bytes("KEYS"), Bytes("*")]) else {
            Issue.record("KEYS failed")
            return
        }
        let real = survivors(replies.compactMap { reply -> Bytes? in if case .bulk(let k) = reply { return k } else { return nil } })
        let ours = survivors(engine.databases[0].table.keys)
        print("old keys kept: redis \(real.old), CacheLab \(ours.old); last 1,000 kept: redis \(real.recent), CacheLab \(ours.recent)")
        #expect(abs(ours.old - real.old) <= 100, "old: ours \(ours.old), redis \(real.old)")
        #expect(abs(ours.recent - real.recent) <= 60, "recent: ours \(ours.recent), redis \(real.recent)")
    }
}
