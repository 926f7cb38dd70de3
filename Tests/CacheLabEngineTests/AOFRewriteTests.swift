import Foundation
import Testing
@testable import CacheLabEngine

/// When the AOF is rewritten without BGREWRITEAOF running at once: when it has grown by
/// `auto-aof-rewrite-percentage` over its size after the last rewrite (and is bigger than
/// `auto-aof-rewrite-min-size`), and when a BGREWRITEAOF was scheduled inside EXEC.
@Suite struct AOFRewriteTests {
    static func engine(_ parameters: [(String, String)]) throws -> (Engine, Session, String) {
        let dir = PersistenceTests.tempDirectory()
        let config = Config()
        try config.setAtStartup("dir", dir)
        try config.setAtStartup("appendonly", "yes")
        for (name, value) in parameters { try config.setAtStartup(name, value) }
        let engine = Engine(clock: .manual(), config: config)
        _ = try engine.persistence.loadAtStartup()
        return (engine, engine.makeSession(), dir)
    }

    static func info(_ engine: Engine, _ session: Session, _ field: String) -> String? {
        let text: Bytes
        switch engine.execute(["INFO", "persistence"], session: session) {
        case .bulk(let b), .verbatim(_, let b): text = b
        default: return nil
        }
        return text.string.components(separatedBy: "\r\n").first { $0.hasPrefix(field + ":") }.map { String($0.dropFirst(field.count + 1)) }
    }

    @Test func theAOFIsRewrittenWhenItHasDoubled() throws {
        let (engine, session, dir) = try Self.engine([("auto-aof-rewrite-min-size", "4096"), ("auto-aof-rewrite-percentage", "100")])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let aof = try #require(engine.persistence.appendOnly)
        #expect(Self.info(engine, session, "aof_rewrites") == "0", "the base written at start-up is not counted")
        var i = 0
        // Under the minimum size nothing happens, even far above 100 % growth.
        while true {
            _ = engine.execute(["SET", Bytes("key:\(i)"), Bytes(String(repeating: "v", count: 40))], session: session)
            i += 1
            guard aof.currentSize <= 4096 else { break }
            engine.cron()
            #expect(Self.info(engine, session, "aof_rewrites") == "0")
        }
        // Past it, with the base this small, the next cron rewrites.
        engine.clock.advance(byMilliseconds: 100)
        engine.cron()
        #expect(Self.info(engine, session, "aof_rewrites") == "1")
        let base = aof.baseSize
        #expect(aof.currentSize == base)
        // Now it takes 100 % growth over the new base.
        while aof.currentSize < 2 * base - 64 {
            _ = engine.execute(["SET", Bytes("key:\(i)"), "v"], session: session)
            engine.cron()
            i += 1
        }
        #expect(Self.info(engine, session, "aof_rewrites") == "1")
        while Self.info(engine, session, "aof_rewrites") == "1" && i < 100_000 {
            _ = engine.execute(["SET", Bytes("key:\(i)"), "v"], session: session)
            engine.cron()
            i += 1
        }
        #expect(Self.info(engine, session, "aof_rewrites") == "2")
        // The rewritten AOF holds every key.
        engine.persistence.stopAppendOnly()
        let check = Engine(clock: .manual(), config: engine.config)
        _ = try check.persistence.loadAppendOnlyFiles()
        #expect(check.databases[0].count == i)
    }

    @Test func aRewriteAskedInsideExecRunsFromTheCron() throws {
        let (engine, session, dir) = try Self.engine([("auto-aof-rewrite-percentage", "0")])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = engine.execute(["MULTI"], session: session)
        _ = engine.execute(["SET", "a", "1"], session: session)
        _ = engine.execute(["BGREWRITEAOF"], session: session)
        #expect(engine.execute(["EXEC"], session: session) == .array([.ok, .status("Background append only file rewriting scheduled")]))
        #expect(Self.info(engine, session, "aof_rewrite_scheduled") == "1")
        #expect(Self.info(engine, session, "aof_pending_rewrite") == "1")
        #expect(Self.info(engine, session, "aof_rewrites") == "0")
        engine.cron()
        #expect(Self.info(engine, session, "aof_rewrite_scheduled") == "0")
        #expect(Self.info(engine, session, "aof_rewrites") == "1")
        #expect(engine.execute(["BGREWRITEAOF"], session: session) == .status("Background append only file rewriting started"))
        #expect(Self.info(engine, session, "aof_rewrites") == "2")
    }

    @Test func bgrewriteaofWithoutAnAOFWritesOneButDoesNotTurnItOn() throws {
        let dir = PersistenceTests.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = Config()
        try config.setAtStartup("dir", dir)
        let engine = Engine(clock: .manual(), config: config)
        let session = engine.makeSession()
        _ = engine.execute(["SET", "a", "1"], session: session)
        #expect(engine.execute(["BGREWRITEAOF"], session: session) == .status("Background append only file rewriting started"))
        #expect(Self.info(engine, session, "aof_enabled") == "0")
        #expect(Self.info(engine, session, "aof_rewrites") == "1")
        #expect(FileManager.default.fileExists(atPath: dir + "/appendonlydir/appendonly.aof.manifest"))
        _ = engine.execute(["SET", "b", "1"], session: session)
        let check = Engine(clock: .manual(), config: config)
        _ = try check.persistence.loadAppendOnlyFiles()
        #expect(check.databases[0].count == 1, "the AOF holds the keyspace of the rewrite, and nothing after")
    }
}
