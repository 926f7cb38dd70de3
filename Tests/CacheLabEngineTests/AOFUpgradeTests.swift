import Foundation
import Testing
@testable import CacheLabEngine

/// An AOF from before Redis 7.0 (one file, `appendonly.aof` in `dir`) is taken over as the
/// base of a multi-part AOF, as Redis 7.0 does, instead of being ignored and its data lost.
@Suite struct AOFUpgradeTests {
    /// An engine with appendonly on, started on `dir`.
    static func start(on dir: String) throws -> (Engine, Session) {
        let config = Config()
        try config.setAtStartup("dir", dir)
        try config.setAtStartup("appendonly", "yes")
        let engine = Engine(clock: .manual(), config: config)
        _ = try engine.persistence.loadAtStartup()
        return (engine, engine.makeSession())
    }

    @Test func aSingleFileAOFBecomesTheBase() throws {
        let dir = PersistenceTests.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let old = AOFCorruptionTests.resp([["SELECT", "0"], ["SET", "a", "1"], ["RPUSH", "l", "x"]])
        #expect(FileManager.default.createFile(atPath: dir + "/appendonly.aof", contents: Data(old)))
        let (engine, session) = try Self.start(on: dir)
        #expect(engine.execute(["GET", "a"], session: session) == .bulk("1"))
        #expect(engine.execute(["LRANGE", "l", "0", "-1"], session: session) == .array([.bulk("x")]))
        // The old file moved into the folder, named as base 1 by the manifest.
        #expect(!FileManager.default.fileExists(atPath: dir + "/appendonly.aof"))
        #expect(FileManager.default.fileExists(atPath: dir + "/appendonlydir/appendonly.aof"))
        let manifest = try String(contentsOfFile: dir + "/appendonlydir/appendonly.aof.manifest", encoding: .utf8)
        #expect(manifest.hasPrefix("file appendonly.aof seq 1 type b\n"))
        // What comes next goes to a new incremental file; a restart finds everything.
        #expect(engine.execute(["SET", "b", "2"], session: session) == .ok)
        let (again, session2) = try Self.start(on: dir)
        #expect(again.execute(["MGET", "a", "b"], session: session2) == .array([.bulk("1"), .bulk("2")]))
    }

    @Test func anRDBPreambleIsFollowedByItsCommands() throws {
        let dir = PersistenceTests.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // An RDB holding r = 1, written by the engine, then commands, as Redis 4 to 6 wrote
        // an AOF with aof-use-rdb-preamble.
        let config = ScratchDirectory.config()
        let writer = Engine(clock: .manual(), config: config)
        let writerSession = writer.makeSession()
        _ = writer.execute(["SET", "r", "1"], session: writerSession)
        #expect(writer.execute(["SAVE"], session: writerSession) == .ok)
        let rdb = try [UInt8](Data(contentsOf: URL(fileURLWithPath: config.directory + "/dump.rdb")))
        #expect(FileManager.default.createFile(atPath: dir + "/appendonly.aof", contents: Data(rdb + AOFCorruptionTests.resp([["SET", "s", "2"]]))))
        let (engine, session) = try Self.start(on: dir)
        #expect(engine.execute(["MGET", "r", "s"], session: session) == .array([.bulk("1"), .bulk("2")]))
    }

    /// A manifest with Windows line ends reads as the same manifest (Redis trims the "\r").
    @Test func aManifestWithCRLFLineEndsParses() throws {
        let unix = "file appendonly.aof.1.base.rdb seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n"
        let windows = unix.replacingOccurrences(of: "\n", with: "\r\n")
        let manifest = try AOFManifest.parse(windows)
        #expect(manifest == (try AOFManifest.parse(unix)))
        #expect(manifest.base?.file == "appendonly.aof.1.base.rdb")
        #expect(manifest.incremental.map(\.file) == ["appendonly.aof.1.incr.aof"])
    }
}
