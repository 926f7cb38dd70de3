import Foundation
import Testing
import CacheLabEngine
@testable import CacheLabModels

@Suite struct MemcachedTests {
    @Test func slabTableMatchesMemcached() {
        let slabs = SlabClasses()
        #expect(slabs.classes.count == 39)
        #expect(slabs.classes[0] == .init(id: 1, chunkSize: 96, chunksPerPage: 10922))
        #expect(slabs.classes[11] == .init(id: 12, chunkSize: 1184, chunksPerPage: 885))
        #expect(slabs.classes[12] == .init(id: 13, chunkSize: 1480, chunksPerPage: 708))
        #expect(slabs.classes.last == .init(id: 39, chunkSize: 524288, chunksPerPage: 2))
    }

    @Test func itemSize() {
        #expect(ItemSize.total(keyLength: 1, flags: 0, valueLength: 3) == 63)
        #expect(ItemSize.total(keyLength: 1, flags: 5, valueLength: 3) == 67)
    }

    /// Chunk layouts as a real memcached 1.6.18 fills `stats slabs` (observed with -vv runs).
    @Test func chunkedItemLayouts() throws {
        let slabs = SlabClasses()
        // 600,000 bytes: a header chunk (class 2), 524,240 bytes in class 39, 75,762 in class 31.
        let huge = try #require(ItemLayout.forValue(keyLength: 4, flags: 0, valueLength: 600_000, slabs: slabs))
        #expect(huge.classes == [2, 39, 31])
        #expect(huge.chainUsage == [0, 524_240, 75_762])
        #expect(ItemLayout.forValue(keyLength: 3, flags: 0, valueLength: 500_000, slabs: slabs)?.classes == [39])
        #expect(ItemLayout.forValue(keyLength: 3, flags: 0, valueLength: 1_048_000, slabs: slabs)?.classes == [2, 39, 39])
        // append 10 bytes to it: the copy asks for a chunk whenever one is exactly full, even
        // for nothing, and such empty requests land in class 1.
        let appended = try #require(ItemLayout.forCopy(
            keyLength: 4, flags: 0, valueLength: 600_010,
            first: .chain(usage: huge.chainUsage, length: 600_000), second: .flat(length: 12), slabs: slabs))
        #expect(appended.classes == [2, 39, 31, 1, 1, 1])
        // a 500,000-byte one-chunk item plus 100,000 appended: 500,000 then 100,002 bytes.
        let med = try #require(ItemLayout.forCopy(
            keyLength: 3, flags: 0, valueLength: 600_000,
            first: .flat(length: 500_000), second: .flat(length: 100_002), slabs: slabs))
        #expect(med.classes == [2, 39, 1, 32, 1])
    }

    @Test func expiryRule() {
        #expect(Expiry.absolute(10, now: 1000) == 1010)
        #expect(Expiry.absolute(2_592_000, now: 1000) == 2_593_000)
        #expect(Expiry.absolute(2_592_001, now: 1000) == 2_592_001)
        #expect(Expiry.isExpired(Expiry.absolute(-1, now: 1000), now: 1000))
        let clock = Clock.manual()
        let session = MemcachedTextSession(store: MemcachedStore(clock: clock))
        _ = session.feed(line: Array("set k 0 10 1".utf8))
        #expect(session.feed(line: Array("x".utf8)) == "STORED\r\n")
        clock.advance(byMilliseconds: 9_000)
        #expect(session.feed(line: Array("get k".utf8)).hasPrefix("VALUE k 0 1"))
        clock.advance(byMilliseconds: 1_000)
        #expect(session.feed(line: Array("get k".utf8)) == "END\r\n")
    }

    @Test func hitTwiceBecomesActiveAndSurvivesScan() {
        let store = MemcachedStore(clock: .manual(), megabytes: 1)
        let value = Array(repeating: UInt8(ascii: "v"), count: 900)  // class 12 (1184-byte chunks)
        _ = store.store(.set, key: "hot", flags: 0, exptime: 0, value: value)
        #expect(store.item("hot")?.segment == .cold)  // alone, HOT is over 20% of the class
        _ = store.fetch("hot")
        #expect(store.item("hot")?.fetched == true)
        _ = store.fetch("hot")
        #expect(store.item("hot")?.segment == .warm)  // active in COLD: bumped to WARM
        for i in 0..<2000 {  // a scan far bigger than the one page the class can have
            _ = store.store(.set, key: Bytes("scan\(i)"), flags: 0, exptime: 0, value: value)
        }
        // An inactive WARM item is demoted once WARM holds over 40% of the class bytes, so
        // "hot" (never read again) is not protected here: it leaves with the scan.
        #expect(store.item("scan0") == nil)
        #expect(store.classCounters[11].evicted > 0)
        #expect(store.pages[11] == 1)
    }

    @Test func outOfMemoryWithoutEviction() {
        let store = MemcachedStore(clock: .manual(), megabytes: 1, evictToFree: false)
        let value = Array(repeating: UInt8(ascii: "v"), count: 900)
        var last = StoreResult.stored
        for i in 0..<1000 { last = store.store(.set, key: Bytes("k\(i)"), flags: 0, exptime: 0, value: value) }
        #expect(last == .outOfMemory)
    }

    @Test func traceAPI() {
        var cache = MemcachedTraceCache(store: MemcachedStore(clock: .manual()))
        #expect(cache.access("a") == .miss)
        #expect(cache.access("a") == .hit)
    }

    /// The same lines typed to the model and to a real memcached; every reply compared.
    /// `<N bytes>` stands for a data line of N bytes (the too-large value's block, which both
    /// must skip before reading commands again).
    @Test func protocolMatchesRealMemcached() throws {
        let server = try MemcachedServerProcess.start()
        defer { server.stop() }
        let script = """
            set a 5 0 3|abc|get a|gets a|add a 0 0 1|x|replace b 0 0 1|x|append a 9 0 2|de|get a|prepend a 0 0 1|z|gets a
            cas a 0 0 1 999|z|cas zz 0 0 1 1|z|cas a 0 0 1 4|q|get a|incr a 1|set n 0 0 2|10|incr n 5|decr n 100
            incr n 18446744073709551615|incr n x|incr zz 1|decr zz 1|touch a 10|touch zz 10|touch a x|touch a|delete a|delete a
            foo||get|set k 0 0 x|set k 0 0 2|abc|set k 0 0 -1|set k 0 0 5|ab|c|gets k|version|verbosity 1|verbosity|verbosity x
            gat 100 n|gats 100 n zz|gat x n|gat 10|set m 0 0 20|18446744073709551615|incr m 1|get m|set s 0 0 3|  5|incr s 1|get s
            set q 0 0 1 noreply|1|incr q 1 noreply|get q|delete q 0|delete q 1|set f 4294967295 0 1|x|gets f|set d 0 -1 1|x|get d
            set e 0 0 1 foo|x|get e e|set big 0 0 2000000|<2000000 bytes>|get big|stats detail|stats foo|delete|incr
            add f 0 0 1|y|get f|set big 0 0 1048000|<1048000 bytes>|get big|set big 0 0 1048576 noreply|<1048576 bytes>|get big
            flush_all|get a n f|set g 0 0 1|x|gets g|flush_all x|flush_all 0 noreply|get g|decr s 99999999999999999999
            """
        let lines = script.split(separator: "\n").flatMap { $0.split(separator: "|", omittingEmptySubsequences: false) }.map(String.init)
        let conversation = MemcachedConversation(server: server, session: MemcachedTextSession(store: MemcachedStore(clock: .system())))
        for line in lines {
            var bytes = Array(line.utf8)
            if line.hasPrefix("<"), let size = Int(line.dropFirst().prefix { $0.isNumber }) {
                bytes = Array(repeating: UInt8(ascii: "v"), count: size)
            }
            try conversation.type(bytes, label: String(line.prefix(40)))
        }
        #expect(conversation.exchanges == lines.count)
    }

    /// The slab table the model computes is the one memcached prints with `-vv`.
    @Test func slabTableMatchesRealMemcached() throws {
        let server = try MemcachedServerProcess.start()
        defer { server.stop() }
        #expect(SlabClasses().verboseListing == server.slabListing)
    }
}

/// One telnet conversation held twice: each typed line goes to the model and to the real
/// server, and their answers are compared once the model is reading commands again (while a
/// storage command waits for its data block, neither answers yet).
final class MemcachedConversation {
    let server: MemcachedServerProcess
    let session: MemcachedTextSession
    private(set) var exchanges = 0
    private var modelPending = ""
    private var sentSinceAnswer: [String] = []

    init(server: MemcachedServerProcess, session: MemcachedTextSession) {
        self.server = server
        self.session = session
    }

    /// Types one line (`\r\n` is added); returns the model's answer once the exchange is
    /// complete (nil while a data block is awaited), after checking it against the server's.
    @discardableResult
    func type(_ line: [UInt8], label: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String? {
        exchanges += 1
        let bytes = line + [13, 10]
        modelPending += session.feed(bytes: bytes)
        sentSinceAnswer.append(label)
        guard case .command = session.state else {
            server.send(bytes)
            return nil
        }
        let expected = try server.request(bytes)
        let actual = modelPending
        #expect(actual == expected, "after \(sentSinceAnswer.joined(separator: " | "))", sourceLocation: sourceLocation)
        modelPending = ""
        sentSinceAnswer = []
        return actual
    }

    func type(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String? {
        try type(Array(line.utf8), label: line, sourceLocation: sourceLocation)
    }
}
