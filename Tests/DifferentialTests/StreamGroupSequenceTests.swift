import CacheLabEngine
import Foundation
import Testing

/// Long seeded sequences of consumer-group operations (reads, acks, claims, SETID, deletions,
/// trims) run on a real redis-server and on the engine; after each one, the group state
/// (XINFO GROUPS with entries-read and lag, XPENDING, XINFO STREAM) must match, with
/// clock-dependent fields masked as in `StreamTimingTests`. Claims use min-idle-time 0 so
/// that no answer depends on the clock.
@Suite struct StreamGroupSequenceTests {
    /// A few seeds, one server at a time.
    @Test func groupStateMatchesRedis() throws {
        for seed: UInt64 in [1, 2, 3] {
            let failures = try run(seed: seed)
            #expect(failures.isEmpty, Comment(rawValue: "seed \(seed):\n" + failures.joined(separator: "\n")))
        }
    }

    private func run(seed: UInt64) throws -> [String] {
        let server = try RedisServerProcess(extraArguments: ["--stream-node-max-entries", "4"])
        defer { server.stop() }
        let client = try RESPClient(port: server.port)
        let config = Config()
        config.streamNodeMaxEntries = 4
        let engine = Engine(clock: .system(), config: config)
        let session = engine.makeSession()
        var generator = GroupOperationGenerator(seed: seed)
        let checks: [[Bytes]] = [
            ["XINFO", "GROUPS", "s"], ["XPENDING", "s", "g1"], ["XPENDING", "s", "g2", "-", "+", "100"],
            ["XINFO", "STREAM", "s"],
        ]
        var failures: [String] = []
        for step in 0..<400 {
            for argv in generator.next() + checks {
                let expected = StreamTimingTests.mask(try client.call(argv), command: argv)
                var parser = RESPParser(RESPEncoder(protocolVersion: 2).encode(engine.execute(argv, session: session)))
                let actual = StreamTimingTests.mask(try parser.next(), command: argv)
                if expected != actual {
                    failures.append("step \(step): \(argv.map(\.string).joined(separator: " "))\n"
                                    + "    redis:    \(ReplyComparison.describe(expected))\n"
                                    + "    cachelab: \(ReplyComparison.describe(actual))")
                }
            }
            if failures.count >= 3 { break }
        }
        return failures
    }
}

/// Seeded consumer-group operations on stream `s` with groups `g1`, `g2`.
struct GroupOperationGenerator {
    private var state: UInt64
    private var nextMs: UInt64 = 1
    private var started = false

    init(seed: UInt64) { state = seed &* 0x2545_F491_4F6C_DD1D | 1 }

    private mutating func random(_ n: UInt64) -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state % n
    }

    private mutating func someID() -> Bytes {
        Bytes("\(random(nextMs + 2))-\(random(3))")
    }

    private mutating func group() -> Bytes { random(2) == 0 ? "g1" : "g2" }
    private mutating func consumer() -> Bytes { ["alice", "bob", "carol"][Int(random(3))] }

    mutating func next() -> [[Bytes]] {
        if !started {
            started = true
            return [["XADD", "s", "1-0", "f", "v"], ["XGROUP", "CREATE", "s", "g1", "0"],
                    ["XGROUP", "CREATE", "s", "g2", "$", "ENTRIESREAD", "1"]]
        }
        let count = Bytes(integer: Int64(random(4)))
        switch random(20) {
        case 0...5:
            nextMs += 1 + random(2)
            return [["XADD", "s", Bytes("\(nextMs)-\(random(2))"), "f", Bytes(integer: Int64(nextMs))]]
        case 6...8:
            return [["XREADGROUP", "GROUP", group(), consumer(), "COUNT", count, "STREAMS", "s", ">"]]
        case 9:
            return [["XREADGROUP", "GROUP", group(), consumer(), "COUNT", count, "NOACK", "STREAMS", "s", ">"]]
        case 10:
            return [["XREADGROUP", "GROUP", group(), consumer(), "COUNT", count, "STREAMS", "s", someID()]]
        case 11:
            return [["XACK", "s", group(), someID(), someID()]]
        case 12:
            var argv: [Bytes] = ["XCLAIM", "s", group(), consumer(), "0", someID(), someID()]
            if random(2) == 0 { argv.append("JUSTID") }
            if random(3) == 0 { argv += ["RETRYCOUNT", Bytes(integer: Int64(random(5)))] }
            if random(3) == 0 { argv.append("FORCE") }
            if random(4) == 0 { argv += ["LASTID", someID()] }
            return [argv]
        case 13:
            var argv: [Bytes] = ["XAUTOCLAIM", "s", group(), consumer(), "0", someID(), "COUNT", Bytes(integer: Int64(1 + random(3)))]
            if random(2) == 0 { argv.append("JUSTID") }
            return [argv]
        case 14:
            let id: Bytes = random(3) == 0 ? "$" : someID()
            if random(2) == 0 { return [["XGROUP", "SETID", "s", group(), id]] }
            return [["XGROUP", "SETID", "s", group(), id, "ENTRIESREAD", Bytes(integer: Int64(random(6)) - 1)]]
        case 15:
            return [["XDEL", "s", someID(), someID()]]
        case 16:
            return [["XTRIM", "s", "MAXLEN", random(2) == 0 ? "~" : "=", Bytes(integer: Int64(random(12)))]]
        case 17:
            return [["XGROUP", random(2) == 0 ? "CREATECONSUMER" : "DELCONSUMER", "s", group(), consumer()]]
        case 18:
            return [["XTRIM", "s", "MINID", random(2) == 0 ? "~" : "=", someID()]]
        default:
            return [["XREADGROUP", "GROUP", group(), consumer(), "STREAMS", "s", "0"]]
        }
    }
}
