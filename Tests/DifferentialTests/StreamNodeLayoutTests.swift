import CacheLabEngine
import Foundation
import Testing

/// The node layout of streams against a real redis-server started with small nodes, so a
/// few hundred operations build many nodes: after every XADD, XDEL and XTRIM, XINFO STREAM
/// (length, `radix-tree-keys`, `radix-tree-nodes`, first/last IDs...) must match, which
/// checks where nodes split (entry and byte limits), which nodes `~` trimming drops, and
/// the size of the radix tree Redis keeps over them.
///
/// The operations come from a seeded generator: the same sequence on every run.
@Suite struct StreamNodeLayoutTests {
    struct Layout: CustomStringConvertible {
        let maxEntries: Int64
        let maxBytes: Int64
        var description: String { "entries \(maxEntries), bytes \(maxBytes)" }
    }

    static let layouts = [
        Layout(maxEntries: 1, maxBytes: 4096),
        Layout(maxEntries: 2, maxBytes: 4096),
        Layout(maxEntries: 3, maxBytes: 4096),
        Layout(maxEntries: 7, maxBytes: 4096),
        Layout(maxEntries: 100, maxBytes: 200),
        Layout(maxEntries: 0, maxBytes: 0),
    ]

    /// One layout after the other (one server at a time).
    @Test("XINFO STREAM matches Redis with small nodes")
    func layoutsMatchRedis() throws {
        for layout in Self.layouts {
            let failures = try compare(layout)
            #expect(failures.isEmpty, Comment(rawValue: "\(layout):\n" + failures.joined(separator: "\n")))
        }
    }

    private func compare(_ layout: Layout) throws -> [String] {
        let server = try RedisServerProcess(extraArguments: [
            "--stream-node-max-entries", String(layout.maxEntries),
            "--stream-node-max-bytes", String(layout.maxBytes),
        ])
        defer { server.stop() }
        let client = try RESPClient(port: server.port)
        let config = Config()
        config.streamNodeMaxEntries = layout.maxEntries
        config.streamNodeMaxBytes = layout.maxBytes
        let engine = Engine(clock: .system(), config: config)
        let session = engine.makeSession()

        var generator = OperationGenerator(seed: UInt64(layout.maxEntries * 1000 + layout.maxBytes))
        var failures: [String] = []
        for step in 0..<600 {
            for argv in generator.next() + [["XINFO", "STREAM", "s"], ["XINFO", "STREAM", "s", "FULL", "COUNT", "3"]] {
                let expected = try client.call(argv)
                var parser = RESPParser(RESPEncoder(protocolVersion: 2).encode(engine.execute(argv, session: session)))
                let actual = try parser.next()
                if expected != actual {
                    failures.append("step \(step): \(argv.map(\.string).joined(separator: " "))\n"
                                    + "    redis:    \(ReplyComparison.describe(expected))\n"
                                    + "    cachelab: \(ReplyComparison.describe(actual))")
                }
            }
            if failures.count >= 5 { break }
        }
        return failures
    }
}

/// A deterministic mix of stream writes with IDs that vary in every byte position (small
/// steps, jumps in the milliseconds, sequence changes), so the radix tree over the node keys
/// takes many shapes.
struct OperationGenerator {
    private var state: UInt64
    private var ms: UInt64 = 1
    private var seq: UInt64 = 0
    private var added: [(UInt64, UInt64)] = []

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    private mutating func random(_ n: UInt64) -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state % n
    }

    mutating func next() -> [[Bytes]] {
        let roll = random(100)
        if roll < 70 || added.isEmpty {
            switch random(10) {
            case 0: ms += 1 << (8 * random(5))
            case 1, 2: ms += 1; seq = 0
            case 3: seq += 1 << (8 * random(3))
            default: seq += 1
            }
            added.append((ms, seq))
            let fields: [Bytes] = random(3) == 0
                ? ["name", Bytes(String(repeating: "x", count: Int(random(120)))), "n", Bytes(integer: Int64(random(100_000)))]
                : ["n", Bytes(integer: Int64(random(1000)))]
            return [["XADD", "s", Bytes("\(ms)-\(seq)")] + fields]
        }
        if roll < 85 {
            let (m, s) = added[Int(random(UInt64(added.count)))]
            return [["XDEL", "s", Bytes("\(m)-\(s)")]]
        }
        let approximate: Bytes = random(2) == 0 ? "~" : "="
        if roll < 93 {
            return [["XTRIM", "s", "MAXLEN", approximate, Bytes(integer: Int64(random(40)))]]
        }
        let (m, s) = added[Int(random(UInt64(added.count)))]
        return [["XTRIM", "s", "MINID", approximate, Bytes("\(m)-\(s)")]]
    }
}
