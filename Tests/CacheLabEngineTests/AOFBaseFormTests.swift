import Foundation
import Testing
@testable import CacheLabEngine

/// What a rewrite leaves on disk, compared with redis-server 7.0.15 for the same workload
/// (`aof-use-rdb-preamble no`, then BGREWRITEAOF): the base's commands, and the incremental
/// file that follows it.
@Suite struct AOFBaseFormTests {
    /// The commands of `file` in the AOF folder under `dir`, as words.
    static func commands(_ dir: String, _ file: String) throws -> [String] {
        let bytes = try #require(FileManager.default.contents(atPath: dir + "/appendonlydir/" + file))
        var parser = AOFCommandParser(bytes: Array(bytes))
        var lines: [String] = []
        while let argv = try parser.next() { lines.append(argv.map(\.string).joined(separator: " ")) }
        return lines
    }

    /// A listpack sorted set is written in score order, as Redis walks its listpack.
    @Test func aCompactSortedSetIsWrittenInScoreOrder() throws {
        let (engine, session, dir) = try AOFRewriteTests.engine([("aof-use-rdb-preamble", "no")])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = engine.execute(["ZADD", "z", "3", "c", "1.5", "a", "-inf", "b", "2", "d"], session: session)
        #expect(engine.execute(["OBJECT", "ENCODING", "z"], session: session) == .bulk("listpack"))
        #expect(engine.execute(["BGREWRITEAOF"], session: session) == .status("Background append only file rewriting started"))
        #expect(try Self.commands(dir, "appendonly.aof.2.base.aof") == ["SELECT 0", "ZADD z -inf b 1.5 a 2 d 3 c"])
    }

    /// A skip-list sorted set keeps every pair, 64 per ZADD.
    @Test func aLargeSortedSetKeepsEveryPair() throws {
        let (engine, session, dir) = try AOFRewriteTests.engine([("aof-use-rdb-preamble", "no")])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for i in 0..<200 { _ = engine.execute(["ZADD", "z", Bytes(integer: Int64(i)), Bytes("m\(i)")], session: session) }
        #expect(engine.execute(["OBJECT", "ENCODING", "z"], session: session) == .bulk("skiplist"))
        _ = engine.execute(["BGREWRITEAOF"], session: session)
        let lines = try Self.commands(dir, "appendonly.aof.2.base.aof")
        #expect(lines.count == 1 + 4)
        let pairs = lines.dropFirst().flatMap { $0.split(separator: " ").dropFirst(2).map(String.init) }
        #expect(pairs.count == 400)
        let written: Set<String> = Set(stride(from: 0, to: pairs.count, by: 2).map { (i: Int) -> String in pairs[i] + "=" + pairs[i + 1] })
        let expected: Set<String> = Set((0..<200).map { (i: Int) -> String in "\(i)=m\(i)" })
        #expect(written == expected)
    }

    /// After a rewrite the next command, in whatever database, goes to the new incremental
    /// file (the one the new manifest names) and starts with a SELECT, as Redis re-emits
    /// SELECT after a rewrite; nothing reaches the old incremental file, which is gone.
    @Test func theIncrementalFileAfterARewriteStartsWithSelect() throws {
        let (engine, session, dir) = try AOFRewriteTests.engine([("aof-use-rdb-preamble", "no")])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = engine.execute(["SELECT", "3"], session: session)
        _ = engine.execute(["SET", "in3", "x"], session: session)
        _ = engine.execute(["BGREWRITEAOF"], session: session)
        _ = engine.execute(["SET", "after", "y"], session: session)
        _ = engine.execute(["SELECT", "0"], session: session)
        _ = engine.execute(["SET", "zero", "z"], session: session)
        let manifest = try String(contentsOfFile: dir + "/appendonlydir/appendonly.aof.manifest", encoding: .utf8)
        #expect(manifest == "file appendonly.aof.2.base.aof seq 2 type b\nfile appendonly.aof.2.incr.aof seq 2 type i\n")
        #expect(!FileManager.default.fileExists(atPath: dir + "/appendonlydir/appendonly.aof.1.incr.aof"))
        #expect(try Self.commands(dir, "appendonly.aof.2.base.aof") == ["SELECT 3", "SET in3 x"])
        #expect(try Self.commands(dir, "appendonly.aof.2.incr.aof") == ["SELECT 3", "SET after y", "SELECT 0", "SET zero z"])
    }
}
