@testable import CacheLabEngine
import Foundation
import Testing
@testable import CacheLabTerminal

/// `:crash` and `:restart` on the Redis side: the engine is replaced by a new one started on
/// the same data folder, which loads what redis-server loads at start.
@Suite struct ServerRestartTests {
    let folder: TemporaryDirectory

    init() throws { folder = try TemporaryDirectory() }

    private func processor(save: String = "", format: OutputFormat = .raw) throws -> LineProcessor {
        let config = Config()
        try config.setAtStartup("dir", folder.path)
        try config.setAtStartup("save", save)
        let engine = Engine(clock: .manual(startMilliseconds: 1_700_000_000_000), config: config)
        return LineProcessor(engine: engine, session: engine.makeSession(), settings: ReplSettings(format: format),
                             output: OutputBuffer())
    }

    @discardableResult
    private func run(_ lines: String..., on repl: LineProcessor) -> String {
        for line in lines { repl.process(line: Array(line.utf8)) }
        return String(decoding: repl.output.take(), as: UTF8.self)
    }

    /// The output of a restart with the load time (which varies) replaced by `T`.
    private func restart(_ command: String, on repl: LineProcessor) -> String {
        let text = run(command, on: repl)
        return text.replacing(/loaded in [0-9.]+ ms/, with: "loaded in T ms")
    }

    @Test func crashWithoutAOFLosesWhatCameAfterTheSnapshot() throws {
        let repl = try processor()
        run("HSET cart:ann book 1 pen 2", "SAVE", "HSET cart:dan chair 4", "HDEL cart:ann book", on: repl)
        weak let old = repl.engine
        #expect(restart(":crash", on: repl) == """
            Crashed: the engine stopped at once and saved nothing, as a killed redis-server would.
            Restarted on the same data folder (appendonly no):
            Data: \(folder.path)/dump.rdb (1 key loaded in T ms)

            """)
        #expect(old == nil, "the crashed engine is gone, its files closed")
        #expect(run("EXISTS cart:dan", "HGETALL cart:ann", on: repl) == "0\nbook\n1\npen\n2\n")
        #expect(!repl.sawError)
    }

    @Test func crashWithAOFKeepsEveryWriteAndTheLogGoesOn() throws {
        let repl = try processor()
        run("HSET cart:ann book 1 pen 2", "SAVE", "CONFIG SET appendonly yes", "HSET cart:dan chair 4", "HDEL cart:ann book",
            on: repl)
        #expect(restart(":crash", on: repl) == """
            Crashed: the engine stopped at once and saved nothing, as a killed redis-server would.
            Restarted on the same data folder (appendonly yes):
            Data: \(folder.path)/appendonlydir/appendonly.aof.manifest (2 keys loaded in T ms)

            """)
        #expect(run("HGETALL cart:dan", "HGETALL cart:ann", on: repl) == "chair\n4\npen\n2\n")
        // The restarted engine appends to the same log: a second crash still has everything.
        run("INCR visits", on: repl)
        _ = restart(":crash", on: repl)
        #expect(run("GET visits", "DBSIZE", on: repl) == "1\n3\n")
        let log = try String(contentsOfFile: folder.file("appendonlydir/appendonly.aof.1.incr.aof"), encoding: .utf8)
        #expect(log.components(separatedBy: "\r\nSELECT\r\n").count == 3, "a SELECT after each restart: \(log)")
    }

    @Test func cleanRestartSavesAsShutdownDoes() throws {
        let repl = try processor(save: "3600 1")
        run("SET a 1", "SAVE", "SET b 2", on: repl)
        #expect(restart(":restart", on: repl) == """
            Shut down cleanly: the dump was saved (save points are set).
            Restarted on the same data folder (appendonly no):
            Data: \(folder.path)/dump.rdb (2 keys loaded in T ms)

            """)
        #expect(run("MGET a b", on: repl) == "1\n2\n")
        run("CONFIG SET appendonly yes", "SET c 3", on: repl)
        #expect(restart(":restart", on: repl).hasPrefix(
            "Shut down cleanly: the dump was saved (save points are set), the AOF was synced to disk.\n"
            + "Restarted on the same data folder (appendonly yes):\n"
            + "Data: \(folder.path)/appendonlydir/appendonly.aof.manifest (3 keys loaded in T ms)\n"))
        #expect(run("DBSIZE", on: repl) == "3\n")
    }

    @Test func cleanRestartWithoutPersistenceLosesEverything() throws {
        let repl = try processor(save: "")
        run("SET a 1", on: repl)
        #expect(restart(":restart", on: repl) == """
            Shut down cleanly: nothing to save (save points are off, appendonly is no).
            Restarted on the same data folder (appendonly no):
            Data: \(folder.path)/dump.rdb (no saved data yet)

            """)
        #expect(run("DBSIZE", on: repl) == "0\n")
    }

    /// Redis refuses to shut down when its last save fails; so does `:restart`.
    @Test func aFailedSaveStopsTheRestart() throws {
        let repl = try processor(save: "3600 1")
        try FileManager.default.createDirectory(atPath: folder.file("dump.rdb/in-the-way"), withIntermediateDirectories: true)
        run("SET a 1", on: repl)
        let engine = repl.engine
        let text = run(":restart", on: repl)
        #expect(text.hasPrefix("The dump could not be saved ("))
        #expect(text.hasSuffix("): not restarted, as Redis refuses to shut down when its last save fails.\n"))
        #expect(repl.sawError)
        #expect(repl.engine === engine)
        #expect(run("GET a", on: repl) == "1\n")
    }

    @Test func theClockTheConfigurationAndTheDatabaseCarryOver() throws {
        let repl = try processor(format: .tty)
        run("CONFIG SET maxmemory 5mb", ":clock +1h", "SELECT 3", "SET k v", "SAVE", "MULTI", on: repl)
        #expect(repl.promptText == "cachelab[3](TX)> ")
        _ = run(":crash", on: repl)
        #expect(repl.promptText == "cachelab[3]> ", "reconnected on db 3, the transaction gone")
        #expect(run("GET k", on: repl) == "\"v\"\n")
        #expect(repl.engine.clock.nowMilliseconds == 1_700_003_600_000)
        #expect(run("CONFIG GET maxmemory", on: repl) == "1) \"maxmemory\"\n2) \"5242880\"\n")
        #expect(run("LASTSAVE", on: repl) == "(integer) 1700003600\n", "a new server's LASTSAVE is its start")
    }

    @Test func unreadableFilesLeaveAnEmptyEngineThatWritesNothing() throws {
        let repl = try processor(save: "3600 1")
        run("CONFIG SET appendonly yes", "SET k v", on: repl)
        let manifest = folder.file("appendonlydir/appendonly.aof.manifest")
        try Data("this is not a manifest\n".utf8).write(to: URL(fileURLWithPath: manifest))
        let text = run(":crash", on: repl)
        #expect(text.contains("Restarted on the same data folder (appendonly yes):\ncannot load the data in \(folder.path): "))
        #expect(text.hasSuffix("(redis-server would refuse to start; this engine starts empty with save \"\" and appendonly no, "
            + "so the files are left as they are)\n"))
        #expect(repl.sawError)
        #expect(run("DBSIZE", "CONFIG GET save", "CONFIG GET appendonly", on: repl) == "0\nsave\n\nappendonly\nno\n")
        #expect(try String(contentsOfFile: manifest, encoding: .utf8) == "this is not a manifest\n")
    }

    @Test func theLiveEvictionViewFollowsTheNewEngine() throws {
        let repl = try processor()
        run(":viz on", on: repl)
        _ = run(":crash", on: repl)
        run("CONFIG SET maxmemory-policy allkeys-lru", on: repl)
        for i in 0..<50 { run("SET key:\(i) value", on: repl) }
        run("CONFIG SET maxmemory \(repl.engine.usedMemory)", "SET extra:1 value", on: repl)
        #expect(run("SET extra:2 value", on: repl).hasPrefix("OK\n── evicted "))
    }

    @Test func usageAndModes() throws {
        let repl = try processor()
        #expect(run(":crash now", on: repl) == "usage: :crash\n")
        #expect(run(":restart now", on: repl) == "usage: :restart\n")
        run(":mode memcached", on: repl)
        #expect(run(":crash", on: repl).hasPrefix(":crash crashes the Redis engine: :mode redis first."))
        #expect(repl.sawError)
    }

    @Test func theDataLineSaysWhereTheDataCameFrom() throws {
        let engine = Engine(clock: .manual())
        try engine.config.setAtStartup("dir", folder.path)
        #expect(ServerRestart.dataLine(engine, loaded: nil) == "Data: \(folder.path)/dump.rdb (no saved data yet)")
        let summary = PersistenceManager.LoadSummary(path: "/d/dump.rdb", keysLoaded: 3, expiredKeysSkipped: 0, milliseconds: 0.26,
                                                     warnings: [])
        #expect(ServerRestart.dataLine(engine, loaded: summary) == "Data: /d/dump.rdb (3 keys loaded in 0.3 ms)")
    }
}
