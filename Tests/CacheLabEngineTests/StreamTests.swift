import Testing
@testable import CacheLabEngine

/// Stream behaviour the differential scripts cannot pin down: generated IDs and idle times
/// on a manual clock, WRONGTYPE (no other type can be created in this branch's scripts),
/// WATCH signalling, statistics, BLOCK in a single session, and the data structures.
@Suite struct StreamTests {
    /// An engine on a manual clock and a session, with a helper to run commands.
    final class Harness {
        let engine: Engine
        let session: Session
        static let start: Int64 = 1_700_000_000_000

        init(config: Config = Config()) {
            engine = Engine(clock: .manual(startMilliseconds: Self.start), config: config)
            session = engine.makeSession()
        }

        @discardableResult
        func run(_ words: Bytes...) -> Reply {
            engine.execute(words, session: session)
        }

        func advance(_ ms: Int64) { engine.clock.advance(byMilliseconds: ms) }
        var db: Database { engine.databases[0] }
    }

    static func ids(_ reply: Reply) -> [String] {
        guard case .array(let items) = reply else { return [] }
        return items.compactMap {
            if case .array(let entry) = $0, case .bulk(let id) = entry[0] { return id.string }
            if case .bulk(let id) = $0 { return id.string }
            return nil
        }
    }

    // MARK: Generated IDs

    @Test func autoIDsFollowTheClockAndNeverGoBack() {
        let h = Harness()
        let t = Harness.start
        #expect(h.run("XADD", "s", "*", "f", "v") == .bulk(Bytes("\(t)-0")))
        #expect(h.run("XADD", "s", "*", "f", "v") == .bulk(Bytes("\(t)-1")))
        h.advance(5)
        #expect(h.run("XADD", "s", "*", "f", "v") == .bulk(Bytes("\(t + 5)-0")))
        h.advance(-100)  // the clock goes back: the sequence goes on from the last ID
        #expect(h.run("XADD", "s", "*", "f", "v") == .bulk(Bytes("\(t + 5)-1")))
        h.advance(200)
        #expect(h.run("XADD", "s", "*", "f", "v") == .bulk(Bytes("\(t + 105)-0")))
        #expect(h.run("XLEN", "s") == .integer(5))
    }

    @Test func autoIDAfterAnExplicitFutureID() {
        let h = Harness()
        let future = Harness.start + 1_000
        h.run("XADD", "s", Bytes("\(future)-7"), "f", "v")
        #expect(h.run("XADD", "s", "*", "f", "v") == .bulk(Bytes("\(future)-8")))
        h.run("XSETID", "s", Bytes("\(future + 50)-0"))
        #expect(h.run("XADD", "s", "*", "f", "v") == .bulk(Bytes("\(future + 50)-1")))
    }

    @Test func partialSequenceIDs() {
        let h = Harness()
        #expect(h.run("XADD", "s", "5-*", "f", "v") == .bulk("5-0"))
        #expect(h.run("XADD", "s", "5-*", "f", "v") == .bulk("5-1"))
        #expect(h.run("XADD", "s", "7-*", "f", "v") == .bulk("7-0"))
        #expect(h.run("XADD", "s", "6-*", "f", "v").isError)
        #expect(h.run("XADD", "t", "0-*", "f", "v") == .bulk("0-1"))
    }

    // MARK: Idle times and claiming

    /// A stream with entries 1-0...4-0 delivered to alice at the start time.
    func deliveredToAlice() -> Harness {
        let h = Harness()
        for i in 1...4 { h.run("XADD", "s", Bytes("\(i)-0"), "n", Bytes(integer: i)) }
        h.run("XGROUP", "CREATE", "s", "g", "0")
        h.run("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">")
        return h
    }

    @Test func pendingIdleTimesFollowTheClock() {
        let h = deliveredToAlice()
        h.advance(1_500)
        #expect(h.run("XPENDING", "s", "g", "-", "+", "1") ==
                .array([.array([.bulk("1-0"), .bulk("alice"), .integer(1_500), .integer(1)])]))
        #expect(h.run("XPENDING", "s", "g", "IDLE", "1500", "-", "+", "10").arrayCount == 4)
        #expect(h.run("XPENDING", "s", "g", "IDLE", "1501", "-", "+", "10") == .emptyArray)
        #expect(h.run("XINFO", "CONSUMERS", "s", "g") ==
                .array([.map([.bulk("name"), .bulk("alice"), .bulk("pending"), .integer(4), .bulk("idle"), .integer(1_500)])]))
        // Reading the history re-delivers: idle back to 0, count up.
        h.run("XREADGROUP", "GROUP", "g", "alice", "COUNT", "1", "STREAMS", "s", "0")
        #expect(h.run("XPENDING", "s", "g", "-", "+", "1") ==
                .array([.array([.bulk("1-0"), .bulk("alice"), .integer(0), .integer(2)])]))
    }

    @Test func xclaimHonoursMinIdleTime() {
        let h = deliveredToAlice()
        h.advance(999)
        #expect(h.run("XCLAIM", "s", "g", "bob", "1000", "1-0", "JUSTID") == .emptyArray)
        #expect(h.run("XINFO", "CONSUMERS", "s", "g").arrayCount == 1)  // bob not created
        h.advance(1)
        #expect(h.run("XCLAIM", "s", "g", "bob", "1000", "1-0", "JUSTID") == .array([.bulk("1-0")]))
        // Claimed: idle restarts, JUSTID leaves the count alone.
        #expect(h.run("XPENDING", "s", "g", "-", "+", "1") ==
                .array([.array([.bulk("1-0"), .bulk("bob"), .integer(0), .integer(1)])]))
        // Too fresh now for another claim.
        #expect(h.run("XCLAIM", "s", "g", "carol", "1000", "1-0") == .emptyArray)
        // IDLE sets the idle time, TIME the delivery time; future or negative times mean now.
        h.run("XCLAIM", "s", "g", "carol", "0", "2-0", "IDLE", "5000", "JUSTID")
        h.run("XCLAIM", "s", "g", "carol", "0", "3-0", "TIME", Bytes(integer: Harness.start), "JUSTID")
        h.run("XCLAIM", "s", "g", "carol", "0", "4-0", "TIME", Bytes(integer: Harness.start + 99_999), "JUSTID")
        let rows = h.run("XPENDING", "s", "g", "2-0", "+", "10")
        #expect(rows == .array([
            .array([.bulk("2-0"), .bulk("carol"), .integer(5_000), .integer(1)]),
            .array([.bulk("3-0"), .bulk("carol"), .integer(1_000), .integer(1)]),
            .array([.bulk("4-0"), .bulk("carol"), .integer(0), .integer(1)]),
        ]))
        // A claim without JUSTID counts a delivery; RETRYCOUNT sets the count.
        h.run("XCLAIM", "s", "g", "dave", "0", "2-0")
        h.run("XCLAIM", "s", "g", "dave", "0", "3-0", "RETRYCOUNT", "10")
        #expect(h.run("XPENDING", "s", "g", "2-0", "3-0", "10") == .array([
            .array([.bulk("2-0"), .bulk("dave"), .integer(0), .integer(2)]),
            .array([.bulk("3-0"), .bulk("dave"), .integer(0), .integer(10)]),
        ]))
    }

    @Test func xautoclaimHonoursMinIdleTimeAndCursor() {
        let h = deliveredToAlice()
        h.advance(100)
        h.run("XCLAIM", "s", "g", "alice", "0", "2-0", "JUSTID")  // 2-0 fresh again
        h.advance(50)
        // 1-0, 3-0, 4-0 are idle 150 ms, 2-0 only 50 ms.
        #expect(h.run("XAUTOCLAIM", "s", "g", "bob", "100", "0", "COUNT", "2", "JUSTID") ==
                .array([.bulk("4-0"), .array([.bulk("1-0"), .bulk("3-0")]), .emptyArray]))
        #expect(h.run("XAUTOCLAIM", "s", "g", "bob", "100", "4-0", "JUSTID") ==
                .array([.bulk("0-0"), .array([.bulk("4-0")]), .emptyArray]))
        #expect(h.run("XAUTOCLAIM", "s", "g", "bob", "100", "0", "JUSTID") ==
                .array([.bulk("0-0"), .emptyArray, .emptyArray]))
        // At most 10 x COUNT entries are looked at per call.
        let many = Harness()
        for i in 1...30 { many.run("XADD", "s", Bytes("\(i)-0"), "n", "v") }
        many.run("XGROUP", "CREATE", "s", "g", "0")
        many.run("XREADGROUP", "GROUP", "g", "a", "STREAMS", "s", ">")
        many.advance(10)
        many.run("XCLAIM", "s", "g", "a", "0", Bytes("25-0"), "JUSTID")
        for i in 1...24 { many.run("XCLAIM", "s", "g", "a", "0", Bytes("\(i)-0"), "JUSTID") }
        #expect(many.run("XAUTOCLAIM", "s", "g", "b", "5", "0", "COUNT", "1", "JUSTID") ==
                .array([.bulk("11-0"), .emptyArray, .emptyArray]))
        #expect(many.run("XAUTOCLAIM", "s", "g", "b", "5", "11-0", "COUNT", "2", "JUSTID") ==
                .array([.bulk("28-0"), .array([.bulk("26-0"), .bulk("27-0")]), .emptyArray]))
    }

    @Test func deletedPendingEntriesAreReportedByXautoclaim() {
        let h = deliveredToAlice()
        h.run("XDEL", "s", "2-0", "3-0")
        #expect(h.run("XAUTOCLAIM", "s", "g", "bob", "0", "0", "JUSTID") ==
                .array([.bulk("0-0"), .array([.bulk("1-0"), .bulk("4-0")]), .array([.bulk("2-0"), .bulk("3-0")])]))
        #expect(h.run("XPENDING", "s", "g") ==
                .array([.integer(2), .bulk("1-0"), .bulk("4-0"), .array([.array([.bulk("bob"), .bulk("2")])])]))
    }

    // MARK: Types, WATCH, statistics

    @Test func everyCommandRefusesAnotherType() {
        let h = Harness()
        h.db.set("str", .string("hello"))
        let wrongType = RedisError.wrongType
        let commands: [[Bytes]] = [
            ["XADD", "str", "1-1", "f", "v"], ["XADD", "str", "NOMKSTREAM", "1-1", "f", "v"], ["XLEN", "str"],
            ["XRANGE", "str", "-", "+"], ["XREVRANGE", "str", "+", "-"], ["XDEL", "str", "1-1"],
            ["XTRIM", "str", "MAXLEN", "0"], ["XREAD", "STREAMS", "str", "0"],
            ["XREADGROUP", "GROUP", "g", "c", "STREAMS", "str", ">"], ["XSETID", "str", "1-1"],
            ["XACK", "str", "g", "1-1"], ["XPENDING", "str", "g"], ["XPENDING", "str", "g", "-", "+", "1"],
            ["XCLAIM", "str", "g", "c", "0", "1-1"], ["XAUTOCLAIM", "str", "g", "c", "0", "0"],
            ["XGROUP", "CREATE", "str", "g", "$"], ["XGROUP", "CREATE", "str", "g", "$", "MKSTREAM"],
            ["XGROUP", "SETID", "str", "g", "$"], ["XGROUP", "DESTROY", "str", "g"],
            ["XGROUP", "CREATECONSUMER", "str", "g", "c"], ["XGROUP", "DELCONSUMER", "str", "g", "c"],
            ["XINFO", "STREAM", "str"], ["XINFO", "GROUPS", "str"], ["XINFO", "CONSUMERS", "str", "g"],
        ]
        for argv in commands {
            #expect(h.engine.execute(argv, session: h.session) == wrongType, "\(argv)")
        }
        // Errors that Redis checks first still win.
        #expect(h.run("XRANGE", "str", "x", "+") == StreamIDParser.invalidError)
        #expect(h.run("XADD", "str", "0-0", "f", "v") == StreamErrors.xaddIDZero)
        #expect(h.run("XDEL", "str", "x") == wrongType)
        #expect(h.run("XACK", "str", "g", "x") == wrongType)
        #expect(h.run("XAUTOCLAIM", "str", "g", "c", "0", "0", "COUNT", "0") == .error("ERR COUNT must be > 0"))
        #expect(h.run("XREAD", "STREAMS", "s", "str", "0", "x") == wrongType)
    }

    /// Runs `argv` on a session watching `key`; returns whether the watch was triggered.
    func triggersWatch(_ h: Harness, _ key: Bytes, _ argv: Bytes...) -> Bool {
        let watcher = h.engine.makeSession()
        h.db.watchers[key, default: []].append(watcher)
        defer { h.db.watchers[key] = nil }
        _ = h.engine.execute(argv, session: h.session)
        return watcher.transactionIsDirty
    }

    @Test func onlyEntryChangesSignalWatchers() {
        let h = Harness()
        #expect(triggersWatch(h, "s", "XADD", "s", "1-0", "f", "v"))
        #expect(!triggersWatch(h, "s", "XADD", "s", "1-0", "f", "v"))  // refused
        #expect(triggersWatch(h, "g", "XGROUP", "CREATE", "g", "grp", "$", "MKSTREAM"))
        #expect(!triggersWatch(h, "s", "XGROUP", "CREATE", "s", "grp", "0"))
        #expect(!triggersWatch(h, "s", "XREADGROUP", "GROUP", "grp", "c", "STREAMS", "s", ">"))
        #expect(!triggersWatch(h, "s", "XACK", "s", "grp", "1-0"))
        #expect(!triggersWatch(h, "s", "XCLAIM", "s", "grp", "c", "0", "1-0", "FORCE"))
        #expect(!triggersWatch(h, "s", "XGROUP", "SETID", "s", "grp", "0"))
        #expect(!triggersWatch(h, "s", "XGROUP", "CREATECONSUMER", "s", "grp", "d"))
        #expect(!triggersWatch(h, "s", "XSETID", "s", "5-0"))
        #expect(!triggersWatch(h, "s", "XDEL", "s", "9-9"))
        #expect(!triggersWatch(h, "s", "XTRIM", "s", "MAXLEN", "5"))
        #expect(triggersWatch(h, "s", "XTRIM", "s", "MAXLEN", "0"))
        h.run("XADD", "s", "6-0", "f", "v")
        #expect(triggersWatch(h, "s", "XDEL", "s", "6-0"))
    }

    @Test func readsCountKeyspaceHitsAndMisses() {
        let h = Harness()
        h.run("XADD", "s", "1-0", "f", "v")
        let hits = h.engine.stats.keyspaceHits, misses = h.engine.stats.keyspaceMisses
        h.run("XRANGE", "s", "-", "+")
        h.run("XLEN", "nokey")
        #expect(h.engine.stats.keyspaceHits == hits + 1)
        #expect(h.engine.stats.keyspaceMisses == misses + 1)
        h.run("XADD", "s", "2-0", "f", "v")
        h.run("XDEL", "nokey", "1-0")
        #expect(h.engine.stats.keyspaceHits == hits + 1)
        #expect(h.engine.stats.keyspaceMisses == misses + 1)
        // XREAD looks every key up twice, as Redis does.
        h.run("XREAD", "STREAMS", "s", "nokey", "0", "0")
        #expect(h.engine.stats.keyspaceHits == hits + 3)
        #expect(h.engine.stats.keyspaceMisses == misses + 3)
    }

    @Test func objectEncodingIsStream() {
        #expect(StreamValue().encoding == "stream")
    }

    // MARK: BLOCK in a single session

    @Test func blockingReadsAnswerAtOnce() {
        let h = Harness()
        h.run("XADD", "s", "1-0", "f", "v")
        #expect(h.run("XREAD", "BLOCK", "0", "STREAMS", "s", "0").arrayCount == 1)
        #expect(h.run("XREAD", "BLOCK", "5000", "STREAMS", "s", "$") == .nullArray)
        #expect(h.run("XREAD", "BLOCK", "0", "STREAMS", "s", "$") == Engine.waitsForeverError)
        h.run("XGROUP", "CREATE", "s", "g", "$")
        #expect(h.run("XREADGROUP", "GROUP", "g", "c", "BLOCK", "10", "STREAMS", "s", ">") == .nullArray)
        #expect(h.run("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">") == Engine.waitsForeverError)
        // History is always served, even with BLOCK 0.
        #expect(h.run("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", "0").arrayCount == 1)
        // Inside a transaction nothing blocks: null at once, even BLOCK 0.
        h.session.queuedCommands = []
        defer { h.session.queuedCommands = nil }
        let xread = h.engine.registry.command(named: "xread")!
        #expect(h.engine.call(xread, ["XREAD", "BLOCK", "0", "STREAMS", "s", "$"], session: h.session) == .nullArray)
    }

    // MARK: Data structures

    @Test func nodesSplitByEntriesAndBytes() {
        let config = Config()
        config.streamNodeMaxEntries = 3
        let h = Harness(config: config)
        for i in 1...9 { h.run("XADD", "s", Bytes("\(i)-0"), "f", "v") }
        var stream = h.db.stream(at: h.db.table.position(of: "s")!)
        #expect(stream.nodeCount == 3)
        // A deleted entry still takes its place in its node: 10-0 starts a new node.
        h.run("XDEL", "s", "9-0")
        h.run("XADD", "s", "10-0", "f", "v")
        stream = h.db.stream(at: h.db.table.position(of: "s")!)
        #expect(stream.nodeCount == 4)
        #expect(stream.nodes.last!.entryCount == 1)
        // Deleting the last live entry of a node frees the node.
        h.run("XDEL", "s", "10-0")
        #expect(h.db.stream(at: h.db.table.position(of: "s")!).nodeCount == 3)

        config.streamNodeMaxEntries = 100
        config.streamNodeMaxBytes = 100
        let b = Harness(config: config)
        // 38 bytes for the first entry, 20 for each next one: the fifth would reach 100 bytes.
        for i in 1...6 { b.run("XADD", "s", Bytes("\(i)-0"), "f", "xxxxxxxxxx") }
        let nodes = b.db.stream(at: b.db.table.position(of: "s")!).nodes
        #expect(nodes.map(\.entryCount) == [4, 2])
        #expect(nodes[0].listpackBytes == 98)
    }

    @Test func listpackSizesFollowRedisEncodings() {
        #expect(ListpackSize.integer(0) == 2)
        #expect(ListpackSize.integer(127) == 2)
        #expect(ListpackSize.integer(128) == 3)
        #expect(ListpackSize.integer(-4096) == 3)
        #expect(ListpackSize.integer(40_000) == 5)
        #expect(ListpackSize.integer(Int64.max) == 10)
        #expect(ListpackSize.string("12") == 2)
        #expect(ListpackSize.string("012") == 5)
        #expect(ListpackSize.string(Bytes(String(repeating: "a", count: 63))) == 65)
        #expect(ListpackSize.string(Bytes(String(repeating: "a", count: 64))) == 67)
        #expect(ListpackSize.string(Bytes(String(repeating: "a", count: 126))) == 130)  // backlen takes 2 bytes past 127
        // One entry `XADD s 1-1 a 1`: header, counters, master entry and the entry itself.
        let node = StreamNode(id: StreamID(ms: 1, seq: 1), pairs: ["a", "1"])
        #expect(node.listpackBytes == 7 + 2 + 2 + (2 + 3 + 2) + (2 + 2 + 2 + 2 + 2))
    }

    @Test func radixTreeNodeCounts() {
        func ids(_ pairs: [(UInt64, UInt64)]) -> [StreamID] { pairs.map { StreamID(ms: $0.0, seq: $0.1) } }
        #expect(RadixTreeShape.nodeCount(sortedKeys: []) == 1)
        #expect(RadixTreeShape.nodeCount(sortedKeys: ids([(1, 1)])) == 2)
        // Keys differing in their last byte: prefix chain, branch, two leaves.
        #expect(RadixTreeShape.nodeCount(sortedKeys: ids([(1, 1), (1, 2)])) == 4)
        #expect(RadixTreeShape.nodeCount(sortedKeys: ids([(1, 1), (1, 2), (1, 3)])) == 5)
        // Keys differing in their first byte: the root is the branch; each leaf edge is long.
        #expect(RadixTreeShape.nodeCount(sortedKeys: ids([(1, 0), (1 << 56, 0)])) == 5)
    }

    @Test func idTableKeepsOrderAcrossChunks() {
        var table = StreamIDTable<Int>()
        let n = 1_000
        for i in stride(from: n, to: 0, by: -1) { table.insert(StreamID(ms: UInt64(i), seq: 0), i) }
        #expect(table.count == n)
        let inserted = table.insert(StreamID(ms: 5, seq: 0), 0)
        #expect(!inserted)
        for i in stride(from: 2, through: n, by: 2) { table.remove(StreamID(ms: UInt64(i), seq: 0)) }
        #expect(table.count == n / 2)
        let all = table.ids()
        #expect(all == all.sorted())
        #expect(all.first == StreamID(ms: 1, seq: 0))
        #expect(table.firstID(atOrAfter: StreamID(ms: 500, seq: 0)) == StreamID(ms: 501, seq: 0))
        #expect(table[StreamID(ms: 999, seq: 0)] == 999)
        #expect(table[StreamID(ms: 998, seq: 0)] == nil)
        #expect(table.lastID == StreamID(ms: 999, seq: 0))
    }

    @Test func streamIDParsingFollowsStrtoull() {
        func parse(_ s: Bytes, strict: Bool = true) -> String? {
            StreamIDParser.parse(s, strict: strict).map { $0.id.description }
        }
        #expect(parse("1-2") == "1-2")
        #expect(parse("5") == "5-0")
        #expect(parse("+5") == "5-0")
        #expect(parse(" 5- 6") == "5-6")
        #expect(parse("007-008") == "7-8")
        #expect(parse("-5") == nil)
        #expect(parse("1--5") == nil)
        #expect(parse("1-") == nil)
        #expect(parse("-") == nil)
        #expect(parse("-", strict: false) == "0-0")
        #expect(parse("+", strict: false) == "18446744073709551615-18446744073709551615")
        #expect(parse("18446744073709551616") == nil)
        #expect(parse("1-18446744073709551615") == "1-18446744073709551615")
        #expect(parse("5\u{0}junk") == "5-0")
        #expect(StreamID(ms: 12, seq: 345).bytes == "12-345")
        #expect(StreamID.max.successor == nil)
        #expect(StreamID.zero.predecessor == nil)
        #expect(StreamID(ms: 1, seq: 0).predecessor == StreamID(ms: 0, seq: .max))
    }
}

extension Reply {
    /// The number of elements of an array reply (-1 otherwise).
    var arrayCount: Int {
        if case .array(let items) = self { return items.count }
        return -1
    }
}
