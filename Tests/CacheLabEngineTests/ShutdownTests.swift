import Foundation
import Testing
@testable import CacheLabEngine

/// SHUTDOWN saves what Redis would save before it stops, and refuses to stop when that save
/// fails, unless FORCE.
@Suite struct ShutdownTests {
    static func engine(in dir: String, save: String) throws -> (Engine, Session) {
        let config = Config()
        try config.setAtStartup("dir", dir)
        try config.setAtStartup("save", save)
        let engine = Engine(clock: .manual(), config: config)
        return (engine, engine.makeSession())
    }

    static func run(_ engine: Engine, _ session: Session, _ words: String...) -> Reply {
        engine.execute(words.map { Bytes($0) }, session: session)
    }

    @Test func savesWhenSavePointsAreSet() throws {
        let dir = PersistenceTests.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (engine, session) = try Self.engine(in: dir, save: "3600 1")
        _ = Self.run(engine, session, "SET", "k", "v")
        #expect(Self.run(engine, session, "SHUTDOWN") == .ok)
        #expect(engine.isShutDown)
        #expect(FileManager.default.fileExists(atPath: dir + "/dump.rdb"))
    }

    @Test func noSaveAndNoSavePointsWriteNothing() throws {
        let dir = PersistenceTests.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (engine, session) = try Self.engine(in: dir, save: "3600 1")
        _ = Self.run(engine, session, "SET", "k", "v")
        #expect(Self.run(engine, session, "SHUTDOWN", "nosave", "NOW") == .ok)
        #expect(!FileManager.default.fileExists(atPath: dir + "/dump.rdb"))

        let (other, otherSession) = try Self.engine(in: dir, save: "")
        #expect(Self.run(other, otherSession, "SHUTDOWN") == .ok)
        #expect(!FileManager.default.fileExists(atPath: dir + "/dump.rdb"))
        #expect(Self.run(other, otherSession, "SHUTDOWN", "SAVE") == .ok)
        #expect(FileManager.default.fileExists(atPath: dir + "/dump.rdb"))
    }

    @Test func aFailedSaveKeepsTheServerUpUnlessForced() throws {
        let dir = PersistenceTests.tempDirectory()
        let (engine, session) = try Self.engine(in: dir, save: "3600 1")
        try FileManager.default.removeItem(atPath: dir)  // the save has nowhere to go
        #expect(Self.run(engine, session, "SHUTDOWN") == PersistenceCommands.shutdownFailed)
        #expect(!engine.isShutDown)
        #expect(Self.run(engine, session, "SHUTDOWN", "FORCE") == .ok)
        #expect(engine.isShutDown)
    }

    @Test func optionErrorsAsRedisAnswersThem() throws {
        let (engine, session) = try Self.engine(in: NSTemporaryDirectory(), save: "")
        #expect(Self.run(engine, session, "SHUTDOWN", "ABORT") == .error("ERR No shutdown in progress."))
        #expect(Self.run(engine, session, "SHUTDOWN", "ABORT", "NOW") == RedisError.syntax)
        #expect(Self.run(engine, session, "SHUTDOWN", "NOSAVE", "SAVE") == RedisError.syntax)
        #expect(Self.run(engine, session, "SHUTDOWN", "LATER") == RedisError.syntax)
        #expect(Self.run(engine, session, "MULTI") == .ok)
        #expect(Self.run(engine, session, "SHUTDOWN") == .error("ERR Command not allowed inside a transaction"))
        #expect(!engine.isShutDown)
    }
}
