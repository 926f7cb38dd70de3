import Foundation
import Testing
@testable import CacheLabEngine

/// MEMORY USAGE and maxmemory capacity compared numerically with a real redis-server 7.0.15
/// (a free loopback port, a temp dir, stopped by PID). These figures are approximate by nature,
/// so they are compared within a tolerance rather than byte for byte.
@Suite(.serialized) struct MemoryFidelityTests {
    func call(_ client: RESPClient, _ words: [String]) throws -> Reply {
        try client.call(words.map { Bytes($0) })
    }

    func integer(_ reply: Reply) -> Int {
        if case .integer(let n) = reply { return Int(n) }
        return -1
    }

    /// An engine set up as `RedisServerProcess` starts the server: no save points. (With
    /// Redis's default ones, FLUSHALL would also write a dump, into the working directory.)
    static func engineLikeTheServer() throws -> Engine {
        let engine = Engine(clock: .manual())
        try engine.config.setAtStartup("save", "")
        return engine
    }

    @Test func memoryUsageOfStringsIsWithinTenPercent() throws {
        let server = try RedisServerProcess()
        defer { server.stop() }
        let client = try RESPClient(port: server.port)
        let engine = try Self.engineLikeTheServer()
        let session = engine.makeSession()
        for length in [1, 5, 12, 30, 44, 45, 64, 100, 200, 500, 1000, 4000, 20_000] {
            for key in ["k", "user:1000:profile", String(repeating: "K", count: 40)] {
                let value = String(repeating: "x", count: length)
                _ = try call(client, ["SET", key, value])
                _ = engine.execute([Bytes("SET"), Bytes(key), Bytes(value)], session: session)
                let real = integer(try call(client, ["MEMORY", "USAGE", key]))
                let ours = integer(engine.execute([Bytes("MEMORY"), Bytes("USAGE"), Bytes(key)], session: session))
                #expect(abs(ours - real) * 10 <= real, "value \(length) key \(key.count): ours \(ours), redis \(real)")
            }
        }
    }

    /// Same maxmemory, same workload (10,000 SETs of 100-byte values under allkeys-lru): the
    /// number of keys kept must be within 10% of Redis's. Both sides run the very same
    /// commands, CONFIG SET and DBSIZE included: Redis allocates a 24,688-byte latency
    /// histogram the first time each command runs, which counts in used_memory like keys do.
    @Test func sameMaxmemoryHoldsAboutTheSameNumberOfKeys() throws {
        let server = try RedisServerProcess()
        defer { server.stop() }
        let client = try RESPClient(port: server.port)
        let engine = try Self.engineLikeTheServer()
        let session = engine.makeSession()
        let value = String(repeating: "v", count: 100)
        for limit in [2_000_000, 2_500_000] {
            try both(client, engine, session, ["FLUSHALL"])
            try both(client, engine, session, ["CONFIG", "SET", "maxmemory-policy", "allkeys-lru"])
            try both(client, engine, session, ["CONFIG", "SET", "maxmemory", String(limit)])
            for i in 0..<10_000 {
                try both(client, engine, session, ["SET", "k:\(i)", value])
            }
            let real = integer(try call(client, ["DBSIZE"]))
            let ours = integer(engine.execute([Bytes("DBSIZE")], session: session))
            print("maxmemory \(limit): redis keeps \(real) keys, CacheLab \(ours)")
            #expect(abs(ours - real) * 100 <= real * 3, "maxmemory \(limit): ours \(ours), redis \(real)")
        }
    }

    /// Runs the same commands on both sides.
    func both(_ client: RESPClient, _ engine: Engine, _ session: Session, _ words: [String]) throws {
        _ = try call(client, words)
        _ = engine.execute(words.map { Bytes($0) }, session: session)
    }

    /// MEMORY USAGE ... SAMPLES 0 of lists, hashes and streams, small and large, with short,
    /// integer and long elements: within 10% of Redis's.
    @Test func memoryUsageOfCollectionsIsWithinTenPercent() throws {
        let server = try RedisServerProcess()
        defer { server.stop() }
        let client = try RESPClient(port: server.port)
        let engine = try Self.engineLikeTheServer()
        let session = engine.makeSession()
        let elements: [(String, (Int) -> String)] = [
            ("short", { "e\($0)" }), ("integer", { "\($0 * 7)" }), ("long", { _ in String(repeating: "x", count: 200) }),
        ]
        for n in [1, 10, 200, 3000] {
            for (kind, element) in elements {
                try both(client, engine, session, ["DEL", "l", "h", "s"])
                for i in 0..<n {
                    try both(client, engine, session, ["RPUSH", "l", element(i)])
                    try both(client, engine, session, ["HSET", "h", "f\(i)", element(i)])
                    try both(client, engine, session, ["XADD", "s", "\(i + 1)-0", "field", element(i)])
                }
                for key in ["l", "h", "s"] {
                    let real = integer(try call(client, ["MEMORY", "USAGE", key, "SAMPLES", "0"]))
                    let ours = integer(engine.execute([Bytes("MEMORY"), Bytes("USAGE"), Bytes(key), Bytes("SAMPLES"), Bytes("0")], session: session))
                    #expect(abs(ours - real) * 10 <= real, "\(key) of \(n) \(kind) elements: ours \(ours), redis \(real)")
                }
            }
        }
    }

    /// Runs the same commands on both sides, pipelined to Redis in batches.
    func both(_ client: RESPClient, _ engine: Engine, _ session: Session, batch commands: [[String]]) throws {
        var start = 0
        while start < commands.count {
            let end = min(commands.count, start + 1000)
            _ = try client.pipeline(commands[start..<end].map { $0.map { Bytes($0) } })
            start = end
        }
        for words in commands { _ = engine.execute(words.map { Bytes($0) }, session: session) }
    }

    /// MEMORY USAGE of sets, hashes and sorted sets of 10, 1,000, 10,000 and 100,000 members,
    /// one per command: with the default 5 samples and with SAMPLES 0. These sizes catch the
    /// dicts in and out of their incremental rehashing (a set of 10,000 still holds 8,192 +
    /// 16,384 buckets, one of 100,000 65,536 + 131,072; a hash or sorted set, stepping twice
    /// per insert, has finished at 100,000). SAMPLES 0 must be within 2%; with the default 5
    /// samples, sets and hashes within 10% (their nodes' levels are random). With 5
    /// sampled nodes a sorted set's estimate depends on those nodes' random levels, in Redis
    /// from one server to the next as well (measured at 10,000: 1,077,400 on one, 1,141,400 on
    /// another): within 20%. A set of members of three lengths (8-, 32- and 48-byte sds) is
    /// compared with SAMPLES 0 only, since with 5 samples Redis's own answer moves by 25%
    /// with the members its hash seed puts first.
    @Test func memoryUsageOfSetsHashesAndSortedSetsFollowsRedisDicts() throws {
        let server = try RedisServerProcess()
        defer { server.stop() }
        let client = try RESPClient(port: server.port)
        let engine = try Self.engineLikeTheServer()
        let session = engine.makeSession()
        let kinds: [(key: String, tight: Bool, make: (Int) -> [String])] = [
            ("s", true, { ["SADD", "s", "member\($0)"] }),
            ("h", true, { ["HSET", "h", "field\($0)", "value\($0)"] }),
            ("z", false, { ["ZADD", "z", "\($0)", "member\($0)"] }),
            ("m", false, { ["SADD", "m", String(repeating: "m", count: [3, 20, 40][$0 % 3]) + "\($0)"] }),
        ]
        for n in [10, 1000, 10_000, 100_000] {
            for kind in kinds {
                try both(client, engine, session, ["DEL", kind.key])
                try both(client, engine, session, batch: (1...n).map(kind.make))
                for samples in [nil, "0"] where samples != nil || kind.key != "m" {
                    let words = ["MEMORY", "USAGE", kind.key] + (samples.map { ["SAMPLES", $0] } ?? [])
                    let real = integer(try call(client, words))
                    let ours = integer(engine.execute(words.map { Bytes($0) }, session: session))
                    // Exact counts (SAMPLES 0) within 2%. An estimate from 5 samples follows
                    // the members Redis's per-process hash seed puts first: within the issue's
                    // 10% for sets and hashes (a 5% gap was seen once in a dozen runs), 20%
                    // for sorted sets, whose sampled nodes also have random levels.
                    let percent = samples == "0" ? 2 : (kind.tight ? 10 : 20)
                    print("\(words.joined(separator: " ")) of \(n): redis \(real), CacheLab \(ours)")
                    #expect(abs(ours - real) * 100 <= real * percent,
                            "\(words.joined(separator: " ")) of \(n): ours \(ours), redis \(real)")
                }
            }
        }
    }

    /// MEMORY DOCTOR on an empty instance, and after storing 66 MB and deleting 60 MB of it:
    /// Redis reports the peak, the total RSS and the allocator's RSS overhead (its RSS still
    /// holds the freed pages), CacheLab the same three (its RSS is the whole test process's),
    /// in the same words but for the allocator named.
    @Test func memoryDoctorMatchesRedis() throws {
        let server = try RedisServerProcess()
        defer { server.stop() }
        let client = try RESPClient(port: server.port)
        let engine = try Self.engineLikeTheServer()
        let session = engine.makeSession()
        func doctor() throws -> (real: String, ours: String) {
            let words = [Bytes("MEMORY"), Bytes("DOCTOR")]
            func text(_ reply: Reply) -> String {
                switch reply {
                case .bulk(let b), .verbatim(_, let b): return b.string
                default: return "\(reply)"
                }
            }
            return (text(try client.call(words)), text(engine.execute(words, session: session)))
        }
        let empty = try doctor()
        #expect(empty.ours == empty.real)
        let value = String(repeating: "x", count: 1000)
        try both(client, engine, session, batch: (0..<6000).map { ["SET", "d:\($0)", value] })
        try both(client, engine, session, batch: (0..<60_000).map { ["SET", "e:\($0)", value] })
        try both(client, engine, session, batch: (0..<60_000).map { ["DEL", "e:\($0)"] })
        let after = try doctor()
        #expect(after.real.contains(" * Peak memory:"))
        #expect(after.ours == after.real.replacingOccurrences(of: "\"jemalloc-5.3.0\"", with: "\"libc\""))
    }

    /// Same maxmemory, same workload of small hashes (5 short fields) or small lists (5 short
    /// elements) under allkeys-lru, the same commands on both sides: the number of keys kept
    /// must be within 3% of Redis's. (A small list costs Redis 200 bytes: its quicklist header
    /// and its node are 40-byte structs in jemalloc's 48-byte class.)
    @Test func sameMaxmemoryHoldsAboutTheSameNumberOfHashesAndLists() throws {
        let server = try RedisServerProcess()
        defer { server.stop() }
        let client = try RESPClient(port: server.port)
        let engine = try Self.engineLikeTheServer()
        let session = engine.makeSession()
        for type in ["hash", "list"] {
            try both(client, engine, session, ["FLUSHALL"])
            try both(client, engine, session, ["CONFIG", "SET", "maxmemory-policy", "allkeys-lru"])
            try both(client, engine, session, ["CONFIG", "SET", "maxmemory", "2000000"])
            for i in 0..<10_000 {
                let words = type == "hash"
                    ? ["HSET", "k:\(i)", "name", "user\(i)", "age", "\(i % 90)", "city", "Paris", "zip", "75011", "tag", "x"]
                    : ["RPUSH", "k:\(i)", "user\(i)", "\(i % 90)", "Paris", "75011", "x"]
                try both(client, engine, session, words)
            }
            let real = integer(try call(client, ["DBSIZE"]))
            let ours = integer(engine.execute([Bytes("DBSIZE")], session: session))
            print("\(type)s at maxmemory 2000000: redis keeps \(real) keys, CacheLab \(ours)")
            #expect(abs(ours - real) * 100 <= real * 3, "\(type): ours \(ours), redis \(real)")
        }
    }
}
