import Foundation
import Testing
@testable import CacheLabEngine

/// RDB files crossing between CacheLab and a real redis-server 7.0.15, in both directions:
/// what CacheLab writes passes redis-check-rdb and loads in Redis with the same data; what
/// Redis writes (SAVE) loads in CacheLab with the same data.
@Suite(.serialized) struct RDBInteropTests {
    // MARK: Reading a keyspace out of either side, in one comparable form

    /// key → "type:contents ttl=<abs ms or ->", per database.
    typealias Picture = [Int: [String: String]]

    static func render(_ b: Bytes) -> String { b.array.map { String($0) }.joined(separator: ".") }

    static func render(score: Double) -> String { "\(score)" }

    /// What CacheLab holds.
    static func picture(of engine: Engine) -> Picture {
        var result: Picture = [:]
        for db in engine.databases where db.count > 0 {
            var keys: [String: String] = [:]
            for (p, key) in db.table.keys.enumerated() {
                let ttl = db.expires[key].map(String.init) ?? "-"
                keys[render(key)] = describe(db.table.values[p].value) + " ttl=" + ttl
            }
            result[db.id] = keys
        }
        return result
    }

    static func describe(_ value: Value) -> String {
        switch value {
        case .string(let s): return "string:" + render(s.bytes)
        case .list(let l): return "list:" + l.items.map(render).joined(separator: ",")
        case .hash(let h): return "hash:" + RDBValueBridge.hashPairs(h).map { render($0.0) + "=" + render($0.1) }.sorted().joined(separator: ",")
        case .set(let s): return "set:" + s.members.map(render).sorted().joined(separator: ",")
        case .zset(let z): return "zset:" + RDBValueBridge.sortedSetPairs(z).map { render($0.member) + "=" + render(score: $0.score) }.sorted().joined(separator: ",")
        case .stream(let s): return "stream:\(s.count)"
        }
    }

    /// An error reply where the keyspace was being read (e.g. `-LOADING`): the picture
    /// would be wrong, so there is none.
    struct PictureError: Error, CustomStringConvertible {
        let description: String
    }

    /// What a real server holds, read with commands. Throws on an error reply to SELECT or
    /// KEYS rather than taking the database for empty.
    static func picture(of client: RESPClient, databases: Range<Int> = 0..<16) throws -> Picture {
        var result: Picture = [:]
        for db in databases {
            let selected = try client.call(["SELECT", Bytes(String(db))])
            guard selected == .ok else { throw PictureError(description: "SELECT \(db): \(ReplyComparison.describe(selected))") }
            let listed = try client.call(["KEYS", "*"])
            guard case .array(let keys) = listed else { throw PictureError(description: "KEYS * in db \(db): \(ReplyComparison.describe(listed))") }
            guard !keys.isEmpty else { continue }
            var picture: [String: String] = [:]
            for case .bulk(let key) in keys {
                guard case .status(let type) = try client.call(["TYPE", key]) else { continue }
                let contents: String
                switch type {
                case "string":
                    guard case .bulk(let v) = try client.call(["GET", key]) else { continue }
                    contents = "string:" + render(v)
                case "list":
                    contents = "list:" + bulks(try client.call(["LRANGE", key, "0", "-1"])).map(render).joined(separator: ",")
                case "hash":
                    let flat = bulks(try client.call(["HGETALL", key]))
                    contents = "hash:" + stride(from: 0, to: flat.count, by: 2).map { render(flat[$0]) + "=" + render(flat[$0 + 1]) }.sorted().joined(separator: ",")
                case "set":
                    contents = "set:" + bulks(try client.call(["SMEMBERS", key])).map(render).sorted().joined(separator: ",")
                case "zset":
                    let flat = bulks(try client.call(["ZRANGE", key, "0", "-1", "WITHSCORES"]))
                    contents = "zset:" + stride(from: 0, to: flat.count, by: 2).map {
                        render(flat[$0]) + "=" + render(score: flat[$0 + 1].doubleValue ?? .nan)
                    }.sorted().joined(separator: ",")
                default:
                    contents = "\(type):?"
                }
                guard case .integer(let when) = try client.call(["PEXPIRETIME", key]) else { continue }
                picture[render(key)] = contents + " ttl=" + (when < 0 ? "-" : String(when))
            }
            result[db] = picture
        }
        _ = try client.call(["SELECT", "0"])
        return result
    }

    static func bulks(_ reply: Reply) -> [Bytes] {
        guard case .array(let items) = reply else { return [] }
        return items.compactMap { if case .bulk(let b) = $0 { return b } else { return nil } }
    }

    static func checkRDB(_ path: String) throws -> (ok: Bool, output: String) {
        let (status, output) = try RedisCheckTool.run("redis-check-rdb", path)
        return (status == 0 && output.contains("RDB looks OK"), output)
    }

    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cachelab-rdb-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func makeHash(_ pairs: [(Bytes, Bytes)]) -> Value {
        var hash = HashValue()
        for (f, v) in pairs { hash.set(f, v, limits: HashValue.Limits(Config())) }
        return .hash(hash)
    }

    static func zset(_ scores: [Bytes: Double]) -> Value {
        RDBValueBridge.makeSortedSet(scores.map { ($0.key, $0.value) }, limits: .init())!
    }

    /// Data of every type, with expires, in three databases, as CacheLab holds it.
    static func populatedEngine() -> Engine {
        let engine = Engine(clock: .system())
        var random = RandomSource(seed: 77)
        let future = engine.clock.nowMilliseconds + 3_600_000
        for dbIndex in [0, 4, 15] {
            let db = engine.databases[dbIndex]
            func element(_ i: Int) -> Bytes {
                switch random.below(5) {
                case 0: return Bytes(integer: Int64(random.below(1 << 40)) - (1 << 39))
                case 1: return Bytes(String(repeating: "ab", count: random.below(60)) + "\(i)")
                case 2: return Bytes([0, 255, 10, 13, UInt8(i & 0xFF)])
                case 3: return Bytes(integer: Int64(random.below(300)))
                default: return Bytes("e\(i)")
                }
            }
            for k in 0..<30 {
                let key = Bytes("db\(dbIndex):k\(k)")
                let size = [1, 4, 100, 600, 3000][k % 5]
                let value: Value
                switch k % 6 {
                case 0: value = .string(k % 5 == 4 ? Bytes(String(repeating: "lzf-friendly ", count: 300)) : element(k))
                case 1: value = .list(ListValue(.init((0..<size).map { element($0) })))
                case 2: value = Self.makeHash((0..<size).map { (Bytes("field\($0)"), element($0)) })
                case 3: value = RDBValueBridge.makeSet(Array(Set((0..<min(size, 700)).map { Bytes(integer: Int64($0 * 7919 - 100_000)) })), limits: .init())!
                case 4: value = RDBValueBridge.makeSet(Array(Set((0..<size).map { element($0) + Bytes("/\($0)") })), limits: .init())!
                default:
                    let scores: [Double] = [0, 1.5, -3, .infinity, -.infinity, 1e300, 12345678901234, 0.1, 2.5e-8]
                    value = Self.zset(Dictionary((0..<size).map { (Bytes("member\($0)") + element($0), scores[random.below(scores.count)]) },
                                                            uniquingKeysWith: { a, _ in a }))
                }
                db.add(key, value)
                if k % 4 == 1 { db.setExpire(key, at: future + Int64(k)) }
            }
        }
        return engine
    }

    // MARK: CacheLab → Redis

    @Test func redisLoadsWhatCacheLabWrites() throws {
        try RedisServerProcess.requireInstalled()
        let engine = Self.populatedEngine()
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (name, options) in [("plain.rdb", RDBWriter.Options(compression: false, checksum: false)),
                                ("full.rdb", RDBWriter.Options())] {
            let path = dir + "/" + name
            try RDBFile.save(engine.snapshotKeyspace(), to: path, options: options)
            let check = try Self.checkRDB(path)
            #expect(check.ok, "\(check.output)")
            let server = try RedisServerProcess(extraArguments: ["--dir", dir, "--dbfilename", name])
            defer { server.stop() }
            let client = try RESPClient(port: server.port)
            let theirs = try Self.picture(of: client)
            let ours = Self.picture(of: engine)
            #expect(theirs.keys.sorted() == ours.keys.sorted())
            for (db, keys) in ours {
                for (key, value) in keys where theirs[db]?[key] != value {
                    Issue.record("\(name) db \(db) key \(key): ours \(value.prefix(200)) theirs \(theirs[db]?[key]?.prefix(200) ?? "missing")")
                }
                #expect(theirs[db]?.count == keys.count)
            }
        }
    }

    @Test func redisKeepsIdleTimesAndFrequencies() throws {
        try RedisServerProcess.requireInstalled()
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for policy in ["allkeys-lru", "allkeys-lfu"] {
            let engine = Engine(clock: .system())
            engine.config.maxmemoryPolicy = policy
            engine.databases[0].add("k", .string("v"))
            let path = dir + "/\(policy).rdb"
            try RDBFile.save(engine.snapshotKeyspace(), to: path, options: .init())
            #expect(try Self.checkRDB(path).ok)
            let file = try #require(try RDBFile.read(path))
            let marker: UInt8 = policy == "allkeys-lru" ? 0xF8 : 0xF9
            #expect(file.contains(marker))
            let server = try RedisServerProcess(extraArguments: ["--dir", dir, "--dbfilename", "\(policy).rdb", "--maxmemory-policy", policy])
            defer { server.stop() }
            #expect(try RESPClient(port: server.port).call(["GET", "k"]) == .bulk("v"))
        }
    }

    // MARK: Redis → CacheLab

    @Test func cacheLabLoadsWhatRedisWrites() throws {
        try RedisServerProcess.requireInstalled()
        let server = try RedisServerProcess()
        defer { server.stop() }
        let client = try RESPClient(port: server.port)
        func run(_ words: [String]) throws { _ = try client.call(words.map { Bytes($0) }) }
        try run(["SET", "str", "hello"])
        try run(["SET", "int", "12345"])
        try run(["SET", "big", "123456789012"])
        try run(["SET", "neg", "-7"])
        try run(["SET", "long", String(repeating: "x", count: 1000)])
        try run(["SET", "ttl", "v", "PXAT", "4102444800000"])
        _ = try client.call(["SET", "bin", Bytes([0, 1, 2, 255, 13, 10])])
        try run(["RPUSH", "small", "a", "b", "1", "-2"])
        try run(["RPUSH", "biglist"] + (0..<3000).map(String.init))
        try run(["CONFIG", "SET", "list-compress-depth", "1"])
        try run(["RPUSH", "compressed"] + (0..<5000).map { "item-\($0 % 50)-padding-padding" })
        try run(["HSET", "hsmall", "f", "v", "n", "7"])
        try run(["HSET", "hbig"] + (0..<600).flatMap { ["f\($0)", "v\($0)"] })
        try run(["HSET", "hlong", "f", String(repeating: "y", count: 100)])
        try run(["SADD", "iset", "1", "2", "3", "-70000", "5000000000"])
        try run(["SADD", "sset", "a", "b", "c"])
        try run(["SADD", "bigiset"] + (0..<600).map(String.init))
        try run(["ZADD", "zsmall", "1", "a", "2.5", "b", "-inf", "c", "inf", "d"])
        try run(["ZADD", "zbig"] + (0..<200).flatMap { ["\(Double($0) / 3)", "m\($0)"] })
        try run(["PFADD", "hll", "a", "b", "c"])
        try run(["SELECT", "5"])
        try run(["SET", "in5", "five"])
        try run(["EXPIRE", "in5", "1000"])
        try run(["SELECT", "0"])
        #expect(try client.call(["SAVE"]) == .ok)
        let theirs = try Self.picture(of: client)
        let path = server.directory.appendingPathComponent("dump.rdb").path
        let bytes = try #require(try RDBFile.read(path))
        let engine = Engine(clock: .system())
        var options = RDBReader.Options()
        options.now = engine.clock.nowMilliseconds
        let result = try RDBReader.load(bytes, file: path, options: options)
        try engine.install(result, merge: false)
        #expect(result.keysLoaded == 20)
        let ours = Self.picture(of: engine)
        #expect(ours.keys.sorted() == theirs.keys.sorted())
        for (db, keys) in theirs {
            for (key, value) in keys where ours[db]?[key] != value {
                Issue.record("db \(db) key \(key): theirs \(value.prefix(200)) ours \(ours[db]?[key]?.prefix(200) ?? "missing")")
            }
        }
    }
}
