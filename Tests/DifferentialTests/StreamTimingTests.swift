import CacheLabEngine
import Foundation
import Testing

/// Pending-entry bookkeeping against a real redis-server, with the clock-dependent numbers
/// masked: idle times (XPENDING, XINFO CONSUMERS), seen times and delivery times (XINFO
/// STREAM FULL). Everything else (owners, delivery counts, order, claimed IDs) must match
/// exactly, which a script can only compare by type.
@Suite struct StreamTimingTests {
    static let commands: [[Bytes]] = [
        ["XADD", "s", "1-0", "a", "1"], ["XADD", "s", "2-0", "b", "2"], ["XADD", "s", "3-0", "c", "3"],
        ["XADD", "s", "4-0", "d", "4"], ["XADD", "s", "5-0", "e", "5"],
        ["XGROUP", "CREATE", "s", "g", "0"],
        ["XREADGROUP", "GROUP", "g", "alice", "COUNT", "2", "STREAMS", "s", ">"],
        ["XREADGROUP", "GROUP", "g", "bob", "STREAMS", "s", ">"],
        ["XPENDING", "s", "g", "-", "+", "10"],
        // History re-delivery counts up.
        ["XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "0"],
        ["XREADGROUP", "GROUP", "g", "alice", "COUNT", "1", "STREAMS", "s", "0"],
        ["XPENDING", "s", "g", "-", "+", "10"],
        ["XPENDING", "s", "g", "IDLE", "0", "-", "+", "10", "bob"],
        // XCLAIM: counts up, unless JUSTID; RETRYCOUNT sets it; FORCE starts at 1 then counts.
        ["XCLAIM", "s", "g", "carol", "0", "1-0"],
        ["XCLAIM", "s", "g", "carol", "0", "2-0", "JUSTID"],
        ["XCLAIM", "s", "g", "carol", "0", "3-0", "RETRYCOUNT", "42", "JUSTID"],
        ["XCLAIM", "s", "g", "carol", "0", "4-0", "RETRYCOUNT", "-3"],
        ["XACK", "s", "g", "5-0"],
        ["XCLAIM", "s", "g", "dave", "0", "5-0", "FORCE"],
        ["XACK", "s", "g", "5-0"],
        ["XCLAIM", "s", "g", "dave", "0", "5-0", "FORCE", "JUSTID"],
        ["XPENDING", "s", "g", "-", "+", "10"],
        ["XPENDING", "s", "g"],
        // TIME sets the delivery time itself: visible in XINFO STREAM FULL.
        ["XCLAIM", "s", "g", "erin", "0", "1-0", "TIME", "1000", "JUSTID"],
        ["XINFO", "STREAM", "s", "FULL"],
        ["XINFO", "STREAM", "s", "FULL", "COUNT", "1"],
        ["XINFO", "CONSUMERS", "s", "g"],
        // XAUTOCLAIM counts up unless JUSTID; deleted entries leave the PEL.
        ["XAUTOCLAIM", "s", "g", "frank", "0", "0", "COUNT", "2"],
        ["XAUTOCLAIM", "s", "g", "frank", "0", "0", "COUNT", "2", "JUSTID"],
        ["XDEL", "s", "3-0"],
        ["XAUTOCLAIM", "s", "g", "gina", "0", "0"],
        ["XPENDING", "s", "g", "-", "+", "10"],
        ["XINFO", "CONSUMERS", "s", "g"],
        ["XGROUP", "DELCONSUMER", "s", "g", "frank"],
        ["XINFO", "CONSUMERS", "s", "g"],
        ["XINFO", "STREAM", "s", "FULL"],
        // SETID back: already-pending entries change owner, their count restarts at 1.
        ["XGROUP", "SETID", "s", "g", "0"],
        ["XREADGROUP", "GROUP", "g", "hank", "STREAMS", "s", ">"],
        ["XPENDING", "s", "g", "-", "+", "10"],
        ["XINFO", "GROUPS", "s"],
    ]

    @Test func pendingBookkeepingMatchesRedis() throws {
        let server = try RedisServerProcess()
        defer { server.stop() }
        let client = try RESPClient(port: server.port)
        let engine = Engine(clock: .system())
        let session = engine.makeSession()
        var failures: [String] = []
        for argv in Self.commands {
            let expected = Self.mask(try client.call(argv), command: argv)
            var parser = RESPParser(RESPEncoder(protocolVersion: 2).encode(engine.execute(argv, session: session)))
            let actual = Self.mask(try parser.next(), command: argv)
            if expected != actual {
                failures.append("\(argv.map(\.string).joined(separator: " "))\n"
                                + "    redis:    \(ReplyComparison.describe(expected))\n"
                                + "    cachelab: \(ReplyComparison.describe(actual))")
            }
        }
        #expect(failures.isEmpty, Comment(rawValue: failures.joined(separator: "\n")))
    }

    /// Replaces the clock-dependent integers of a reply with 0.
    static func mask(_ reply: Reply, command argv: [Bytes]) -> Reply {
        let name = argv[0].string.uppercased()
        if name == "XPENDING", argv.count > 3, case .array(let rows) = reply {
            // Extended form: [id, consumer, idle, count] rows.
            return .array(rows.map { row in
                guard case .array(var fields) = row, fields.count == 4 else { return row }
                fields[2] = .integer(0)
                return .array(fields)
            })
        }
        if name == "XINFO" { return maskInfo(reply) }
        return reply
    }

    /// XINFO: `idle` and `seen-time` values, and the delivery times in FULL's pending lists.
    static func maskInfo(_ reply: Reply) -> Reply {
        guard case .array(var items) = reply else { return reply }
        var i = 0
        while i < items.count {
            if case .bulk(let key) = items[i], i + 1 < items.count {
                if key == "idle" || key == "seen-time" {
                    items[i + 1] = .integer(0)
                } else if key == "pending", case .array(let rows) = items[i + 1] {
                    items[i + 1] = .array(rows.map(maskPendingRow))
                } else {
                    items[i + 1] = maskInfo(items[i + 1])
                }
                i += 2
                continue
            }
            items[i] = maskInfo(items[i])
            i += 1
        }
        return .array(items)
    }

    /// A pending row of XINFO STREAM FULL: group rows are [id, consumer, time, count],
    /// consumer rows [id, time, count].
    static func maskPendingRow(_ row: Reply) -> Reply {
        guard case .array(var fields) = row else { return row }
        if fields.count == 4 { fields[2] = .integer(0) }
        if fields.count == 3 { fields[1] = .integer(0) }
        return .array(fields)
    }
}
