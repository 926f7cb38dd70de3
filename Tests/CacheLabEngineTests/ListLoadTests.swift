import DequeModule
import Foundation
import Testing
@testable import CacheLabEngine

/// Loading a list from an RDB quicklist: each node's listpack goes straight into the list,
/// measured as it is decoded; the list must come out exactly as `ListValue(items)` would
/// build it (same elements, same `entryBytes`, which MEMORY USAGE reads).
@Suite struct ListLoadTests {
    static let mixed: [Bytes] = ["0", "127", "128", "-1", "4095", "-4096", "4096", "32767", "-32768", "32768", "8388607",
                                 "-8388608", "8388608", "2147483647", "-2147483648", "2147483648", "9223372036854775807",
                                 "-9223372036854775808", "01", "+1", "-0", "", "element:1", Bytes(String(repeating: "a", count: 63)),
                                 Bytes(String(repeating: "b", count: 64)), Bytes(String(repeating: "c", count: 4095)),
                                 Bytes(String(repeating: "d", count: 4096)), Bytes(String(repeating: "e", count: 20000))]

    @Test func aNodeIsAppendedAndMeasuredLikeAList() throws {
        var lp = Listpack.Encoder()
        for v in Self.mixed { lp.append(v) }
        // A writer that kept integer-like strings as strings: still measured as integers,
        // as `ListValue` measures them.
        for s in ["42", "-7", "99999999999"] { Bytes(s).withUnsafeBytes { lp.appendString($0) } }
        let blob = lp.finish()
        var items: Deque<Bytes> = ["head"]
        let measured = try Listpack.appendListNode(blob, to: &items)
        let expected = Self.mixed + ["42", "-7", "99999999999"]
        #expect(Array(items.dropFirst()) == expected)
        #expect(measured == ListValue(Deque(expected)).entryBytes)
    }

    @Test func aDamagedNodeIsRefused() throws {
        var lp = Listpack.Encoder()
        for v in Self.mixed.prefix(5) { lp.append(v) }
        var blob = lp.finish()
        blob[4] = 9  // declared count
        var items: Deque<Bytes> = []
        #expect(throws: Listpack.DecodeError.self) { try Listpack.appendListNode(blob, to: &items) }
    }

    /// SAVE then load: every node kind (packed nodes of several sizes, a plain node for a
    /// huge element) gives the list and byte total a list built by pushes has.
    @Test func aSavedListLoadsWithTheSameElementsAndByteTotal() throws {
        let dir = PersistenceTests.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = Config()
        try config.setAtStartup("dir", dir)
        try config.setAtStartup("save", "")
        let engine = Engine(clock: .manual(), config: config)
        let session = engine.makeSession()
        var pushed: [Bytes] = []
        for i in 0..<5000 { pushed.append(i % 3 == 0 ? Bytes(integer: Int64(i * 7919 - 20000)) : Bytes("element:\(i)")) }
        pushed += Self.mixed
        pushed.append(Bytes(String(repeating: "p", count: 70000)))  // a plain node
        _ = engine.execute(["RPUSH", "l"] + pushed, session: session)
        #expect(engine.execute(["SAVE"], session: session) == .ok)
        let before = try #require(Self.list(engine))
        let loaded = Engine(clock: .manual(), config: config)
        _ = try loaded.persistence.loadDump()
        let after = try #require(Self.list(loaded))
        #expect(Array(after.items) == pushed)
        #expect(after.entryBytes == before.entryBytes)
        #expect(after.entryBytes == ListValue(Deque(pushed)).entryBytes)
    }

    static func list(_ engine: Engine) -> ListValue? {
        let db = engine.databases[0]
        guard let p = db.table.position(of: "l"), case .list(let l) = db.table.values[p].value else { return nil }
        return l
    }
}
