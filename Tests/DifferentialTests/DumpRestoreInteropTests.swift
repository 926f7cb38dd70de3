import Foundation
import Testing
@testable import CacheLabEngine

/// DUMP payloads crossing between CacheLab and a real redis-server 7.0.15: what CacheLab
/// DUMPs, Redis RESTOREs with the same contents; what Redis DUMPs, CacheLab RESTOREs with the
/// same contents; and for values whose layout does not depend on a hash table's order, the
/// two payloads are the same bytes (LZF output included). The error paths are in the
/// differential script `dump-restore.redis`.
@Suite(.serialized) struct DumpRestoreInteropTests {
    typealias Picture = RDBInteropTests.Picture

    /// Every key of `databases`, moved by DUMP on `source` and RESTORE (with its absolute
    /// expire time) on `target`; both are callables taking an argv.
    static func copyEveryKey(_ databases: [Int], from source: ([Bytes]) throws -> Reply,
                             to target: ([Bytes]) throws -> Reply) throws {
        for db in databases {
            _ = try source(["SELECT", Bytes(String(db))])
            _ = try target(["SELECT", Bytes(String(db))])
            guard case .array(let keys) = try source(["KEYS", "*"]) else { continue }
            for case .bulk(let key) in keys {
                guard case .bulk(let payload) = try source(["DUMP", key]),
                      case .integer(let expireAt) = try source(["PEXPIRETIME", key]) else {
                    Issue.record("db \(db) key \(key.string): no payload or expire time")
                    continue
                }
                let ttl = Bytes(integer: max(0, expireAt))
                let reply = try target(["RESTORE", key, ttl, payload, "ABSTTL"])
                #expect(reply == .ok, "db \(db) key \(key.string): \(ReplyComparison.describe(reply))")
            }
        }
        _ = try source(["SELECT", "0"])
        _ = try target(["SELECT", "0"])
    }

    static func expectSame(_ ours: Picture, _ theirs: Picture, _ label: String) {
        #expect(ours.keys.sorted() == theirs.keys.sorted(), "\(label): databases differ")
        for (db, keys) in ours {
            #expect(theirs[db]?.count == keys.count, "\(label): db \(db) holds \(theirs[db]?.count ?? 0) keys, not \(keys.count)")
            for (key, value) in keys where theirs[db]?[key] != value {
                Issue.record("\(label) db \(db) key \(key): \(value.prefix(120)) against \(theirs[db]?[key]?.prefix(120) ?? "missing")")
            }
        }
    }

    /// Every type and encoding, with expires, in three databases: DUMPed by CacheLab, RESTOREd
    /// by Redis; then DUMPed by Redis and RESTOREd by a fresh CacheLab. All three hold the same.
    @Test func payloadsCrossBothWays() throws {
        try RedisServerProcess.requireInstalled()
        let engine = RDBInteropTests.populatedEngine()
        let session = engine.makeSession()
        let server = try RedisServerProcess()
        defer { server.stop() }
        let client = try RESPClient(port: server.port)
        let databases = [0, 4, 15]
        try Self.copyEveryKey(databases, from: { engine.execute($0, session: session) }, to: { try client.call($0) })
        let original = RDBInteropTests.picture(of: engine)
        Self.expectSame(original, try RDBInteropTests.picture(of: client), "CacheLab → Redis")

        let back = Engine(clock: .system())
        let backSession = back.makeSession()
        try Self.copyEveryKey(databases, from: { try client.call($0) }, to: { back.execute($0, session: backSession) })
        Self.expectSame(original, RDBInteropTests.picture(of: back), "Redis → CacheLab")
    }

    /// Values built by the same commands on both sides DUMP to the same bytes: strings of
    /// every size and kind (the LZF compressor makes Redis's choices, and gives up where
    /// Redis's does), and every compact encoding.
    @Test func payloadsAreRedisBytes() throws {
        try RedisServerProcess.requireInstalled()
        let engine = Engine(clock: .system())
        let session = engine.makeSession()
        let server = try RedisServerProcess()
        defer { server.stop() }
        let client = try RESPClient(port: server.port)
        var commands: [[Bytes]] = Self.seededStrings(count: 150, seed: 5).enumerated().map { ["SET", Bytes("s\($0.offset)"), $0.element] }
        commands += [
            ["RPUSH", "list", "a", "b", "12", "-7", "70000", "5000000000", Bytes(String(repeating: "long element ", count: 40))],
            ["RPUSH", "biglist"] + (0..<3000).map { Bytes("element:\($0)") },
            // Over 512 kB of entries: a SAVE writes it in two halves on two threads, a DUMP in one pass.
            ["RPUSH", "hugelist"] + (0..<60_000).map { Bytes("element:\($0)") },
            ["HSET", "hash", "f", "v", "n", "12", "text", Bytes(String(repeating: "xy", count: 20))],
            ["SADD", "intset", "1", "-2", "300", "70000", "5000000000"],
            ["SADD", "bigintset"] + (0..<500).map { Bytes(integer: Int64($0 * 3)) },
            ["ZADD", "zset", "1", "a", "2.5", "b", "-inf", "c", "+inf", "d", "1e300", "e"],
            ["XADD", "stream", "1-1", "f", "v"], ["XADD", "stream", "1-2", "f", "w", "g", "1"], ["XADD", "stream", "5-0", "other", "x"],
            ["SETBIT", "bits", "1000", "1"],
            ["PFADD", "hll"] + (0..<100).map { Bytes("e\($0)") },
        ]
        var keys: [Bytes] = []
        for argv in commands {
            let expected = try client.call(argv)
            #expect(engine.execute(argv, session: session) == expected, "\(argv[0].string) \(argv[1].string)")
            keys.append(argv[1])
        }
        for key in keys {
            let theirs = try client.call(["DUMP", key])
            let ours = engine.execute(["DUMP", key], session: session)
            // Compared outside #expect, which would print both payloads whole.
            let same = ours == theirs
            #expect(same, "DUMP \(key.string): \(Self.firstDifference(ours, theirs))")
        }
    }

    /// Where two bulk replies first differ, and their lengths.
    static func firstDifference(_ a: Reply, _ b: Reply) -> String {
        guard case .bulk(let x) = a, case .bulk(let y) = b else { return "\(ReplyComparison.describe(a)) against \(ReplyComparison.describe(b))" }
        let (u, v) = (x.array, y.array)
        let at = zip(u, v).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(u.count, v.count)
        return "\(u.count) bytes against \(v.count), first difference at byte \(at)"
    }

    /// Strings from 21 bytes (the shortest Redis compresses) to 70 kB: runs of a few letters,
    /// digits, noise, and repeated words with a few bytes changed.
    static func seededStrings(count: Int, seed: UInt64) -> [Bytes] {
        var random = RandomSource(seed: seed)
        let lengths = [21, 22, 23, 24, 25, 30, 40, 64, 100, 300, 1000, 5000, 20_000, 70_000]
        let alphabets: [[UInt8]] = [Array("ab".utf8), Array("abcdefgh".utf8), (0...255).map { UInt8($0) }, Array("0123456789".utf8),
                                    Array("xyz ".utf8)]
        return (0..<count).map { _ in
            let length = lengths[random.below(lengths.count)]
            let alphabet = alphabets[random.below(alphabets.count)]
            if random.below(3) == 0 {
                let word = (0..<(random.below(40) + 1)).map { _ in alphabet[random.below(alphabet.count)] }
                var bytes = (0..<length).map { word[$0 % word.count] }
                for _ in 0..<random.below(5) { bytes[random.below(length)] = UInt8(random.below(256)) }
                return Bytes(bytes)
            }
            return Bytes((0..<length).map { _ in alphabet[random.below(alphabet.count)] })
        }
    }
}
