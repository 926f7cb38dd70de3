import Foundation
import Testing
@testable import CacheLabEngine

/// DEBUG LOADAOF, and what the AOF leaves out: commands that saved rather than changed data.
/// Checked against redis-server 7.0.15 (started with `--enable-debug-command yes`).
@Suite struct AOFReloadTests {
    /// An engine whose `dir` is a new temporary folder (removed by the caller), with DEBUG
    /// allowed as on the server these tests were checked against.
    private func harness() throws -> (StringHarness, String) {
        let h = StringHarness()
        h.allowDebugCommand()
        let dir = PersistenceTests.tempDirectory()
        try h.engine.config.setAtStartup("dir", dir)
        try h.engine.config.setAtStartup("save", "")
        return (h, dir)
    }

    /// The commands of the incremental file `seq`, as words.
    private func log(_ dir: String, seq: Int = 1) throws -> [String] {
        let bytes = try #require(FileManager.default.contents(atPath: dir + "/appendonlydir/appendonly.aof.\(seq).incr.aof"))
        var parser = AOFCommandParser(bytes: Array(bytes))
        var lines: [String] = []
        while let argv = try parser.next() { lines.append(argv.map(\.string).joined(separator: " ")) }
        return lines
    }

    @Test func saveAndReloadAreNotLogged() throws {
        let (h, dir) = try harness()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(h.run("CONFIG SET appendonly yes") == .ok)
        h.run("SET a 1")
        #expect(h.run("SAVE") == .ok)
        #expect(h.run("DEBUG RELOAD") == .ok)
        h.run("SET b 2")
        #expect(try log(dir) == ["SELECT 0", "SET a 1", "SET b 2"])
    }

    @Test func loadAOFReplaysTheLogWithoutLoggingItAgain() throws {
        let (h, dir) = try harness()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        h.run("HSET cart:ann book 1 pen 2")
        #expect(h.run("CONFIG SET appendonly yes") == .ok)
        h.run("HSET cart:dan chair 4")
        h.run("HDEL cart:ann book")
        h.run("SELECT 3")
        h.run("INCR visits")
        let before = KeyspaceImage(h.engine)
        #expect(h.engine.dirty > 0)
        #expect(h.run("DEBUG LOADAOF") == .ok)
        #expect(KeyspaceImage(h.engine) == before)
        #expect(h.engine.dirty == 0)
        #expect(h.engine.persistence.appendOnly != nil)
        // Arguments after LOADAOF are ignored, as Redis ignores them.
        #expect(h.run("DEBUG loadaof please") == .ok)
        #expect(KeyspaceImage(h.engine) == before)
        // The log holds each write once, and appending goes on after the reload.
        h.run("INCR visits")
        #expect(try log(dir) == ["SELECT 0", "HSET cart:dan chair 4", "HDEL cart:ann book", "SELECT 3", "INCR visits", "INCR visits"])
        #expect(h.run("DEBUG LOADAOF") == .ok)
        #expect(h.run("GET visits") == .bulk("2"))
    }

    /// The replay is Redis's fake client, which never logs in: a password on the default user
    /// must not turn the log's commands away (they would be lost).
    @Test func loadAOFReplaysWhileAPasswordIsRequired() throws {
        let (h, dir) = try harness()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(h.run("CONFIG SET appendonly yes") == .ok)
        h.run("SET a 1")
        h.run("RPUSH l x y")
        #expect(h.run("CONFIG SET requirepass secret") == .ok)
        let before = KeyspaceImage(h.engine)
        #expect(h.run("DEBUG LOADAOF") == .ok)
        #expect(KeyspaceImage(h.engine) == before)
        #expect(h.run("GET a") == .bulk("1"))
    }

    @Test func loadAOFReadsTheLogOnDiskEvenWhenTheAOFIsOff() throws {
        let (h, dir) = try harness()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(h.run("CONFIG SET appendonly yes") == .ok)
        h.run("SET logged 1")
        #expect(h.run("CONFIG SET appendonly no") == .ok)
        h.run("SET unlogged 1")
        #expect(h.run("DEBUG LOADAOF") == .ok)
        #expect(h.run("EXISTS logged unlogged") == .integer(1))
        #expect(h.engine.persistence.appendOnly == nil)
    }

    /// Redis exits when there is no AOF to load or it cannot be read; CacheLab answers an
    /// error, with the keyspace emptied as Redis had emptied it before finding out.
    @Test func loadAOFWithoutALogFailsWithAnEmptyKeyspace() throws {
        let (h, dir) = try harness()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        h.run("SET k v")
        #expect(h.run("DEBUG LOADAOF") == .error("ERR Error trying to load the AOF files, check server logs."))
        #expect(h.run("DBSIZE") == .integer(0))
        #expect(h.run("CONFIG SET appendonly yes") == .ok)
        h.run("SET k v")
        try Data("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\nbogus".utf8)
            .write(to: URL(fileURLWithPath: dir + "/appendonlydir/appendonly.aof.1.incr.aof"))
        #expect(h.run("DEBUG LOADAOF") == .error("ERR Error trying to load the AOF files, check server logs."))
        #expect(h.run("DBSIZE") == .integer(0))
    }

    /// `aof-timestamp-enabled yes`: a `#TS:<unix seconds>` line before the first command of
    /// each new second (before its SELECT, and before a transaction's MULTI), as redis-server
    /// 7.0.15 writes them; a base written in commands starts with one. The loader skips them.
    @Test func timestampAnnotationsMarkEachNewSecond() throws {
        let (h, dir) = try harness()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(h.run("CONFIG SET aof-timestamp-enabled yes") == .ok)
        #expect(h.run("CONFIG SET appendonly yes") == .ok)
        let start = h.engine.clock.nowMilliseconds / 1000
        h.run("SET a 1")
        h.run("SET b 2")
        h.engine.clock.advance(byMilliseconds: 2000)
        h.run("MULTI")
        h.run("SET c 3")
        h.run("SET d 4")
        h.run("EXEC")
        #expect(h.run("CONFIG SET aof-timestamp-enabled no") == .ok)
        h.engine.clock.advance(byMilliseconds: 2000)
        h.run("SET e 5")
        let text = String(decoding: try #require(FileManager.default.contents(atPath: dir + "/appendonlydir/appendonly.aof.1.incr.aof")), as: UTF8.self)
        let lines = text.split(separator: "\r\n").filter { $0.hasPrefix("#") || $0.hasPrefix("SELECT") || $0.hasPrefix("SET") || $0 == "MULTI" }
        #expect(lines == ["#TS:\(start)", "SELECT", "SET", "SET", "#TS:\(start + 2)", "MULTI", "SET", "SET", "SET"])
        #expect(h.run("DEBUG LOADAOF") == .ok)
        #expect(h.run("DBSIZE") == .integer(5))
        #expect(h.run("CONFIG SET aof-timestamp-enabled yes") == .ok)
        #expect(h.run("CONFIG SET aof-use-rdb-preamble no") == .ok)
        #expect(h.run("BGREWRITEAOF") == .status("Background append only file rewriting started"))
        let base = String(decoding: try #require(FileManager.default.contents(atPath: dir + "/appendonlydir/appendonly.aof.2.base.aof")), as: UTF8.self)
        #expect(base.hasPrefix("#TS:\(start + 4)\r\n*2\r\n$6\r\nSELECT"))
    }
}
