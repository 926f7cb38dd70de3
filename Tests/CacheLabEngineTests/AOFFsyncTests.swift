import Foundation
import Testing
@testable import CacheLabEngine

/// When the AOF's bytes reach the disk under each `appendfsync` policy, checked on the
/// engine's clock (a manual one: no sleeping). A crash of the machine loses what was written
/// but not yet synced, so "synced bytes" is what would survive it.
///
/// * `always`: every acknowledged write is synced before its reply.
/// * `everysec`: a write is synced at most about a second after it was made: by the sync
///   that a later write triggers once a second has passed since the last one, or by the
///   cron (10 times a second in Redis) when no write comes.
/// * `no`: the engine never syncs; the kernel decides (only closing the file syncs it).
@Suite struct AOFFsyncTests {
    /// An engine with the AOF on in a fresh folder, under `policy`.
    static func engine(_ policy: String) throws -> (Engine, Session, String) {
        let dir = PersistenceTests.tempDirectory()
        let config = Config()
        try config.setAtStartup("dir", dir)
        try config.setAtStartup("appendonly", "yes")
        try config.setAtStartup("appendfsync", policy)
        let engine = Engine(clock: .manual(), config: config)
        _ = try engine.persistence.loadAtStartup()
        return (engine, engine.makeSession(), dir)
    }

    /// A write made at `time` (engine ms) whose bytes end at `end` in the incremental file.
    struct Write {
        let time: Int64
        let end: Int
    }

    /// Runs `count` SETs `gap()` ms apart, with the cron every 100 ms when `cron`; after
    /// every step, checks that each write older than `bound` ms is synced.
    static func checkEverySecond(count: Int, cron: Bool, seed: UInt64, gap: (inout RandomSource) -> Int64) throws -> Int {
        let (engine, session, dir) = try Self.engine("everysec")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let aof = try #require(engine.persistence.appendOnly)
        var random = RandomSource(seed: seed)
        var writes: [Write] = []
        var lastCron = engine.clock.nowMilliseconds
        var checked = 0
        // Without the cron a second may pass with no write: only the next write syncs.
        let bound: Int64 = cron ? 1100 : 1000
        func check(_ label: String) {
            let now = engine.clock.nowMilliseconds
            for w in writes where now - w.time >= bound && (cron || w.time < now) {
                if w.end > aof.syncedBytes {
                    Issue.record("\(label): a write \(now - w.time) ms old is not synced (\(w.end) > \(aof.syncedBytes))")
                    return
                }
                checked += 1
            }
        }
        for i in 0..<count {
            var step = gap(&random)
            while cron && step > 0 {
                let tick = min(step, 100 - (engine.clock.nowMilliseconds - lastCron))
                engine.clock.advance(byMilliseconds: tick)
                step -= tick
                if engine.clock.nowMilliseconds - lastCron >= 100 {
                    engine.cron()
                    lastCron = engine.clock.nowMilliseconds
                    check("after a cron tick")
                }
            }
            if !cron { engine.clock.advance(byMilliseconds: step) }
            #expect(engine.execute(["SET", Bytes("k\(i)"), "v"], session: session) == .ok)
            writes.append(Write(time: engine.clock.nowMilliseconds, end: aof.writtenBytes))
            check("after write \(i)")
        }
        // Nothing is synced before a second has passed.
        #expect(aof.syncedBytes <= aof.writtenBytes)
        return checked
    }

    @Test func everySecondLosesAtMostAboutTheLastSecond() throws {
        // Bursts and pauses: 0-300 ms between writes, sometimes 2 s, the cron at 10 Hz.
        let checked = try Self.checkEverySecond(count: 400, cron: true, seed: 11) { random in
            random.below(20) == 0 ? 2000 : Int64(random.below(300))
        }
        #expect(checked > 1000)
    }

    @Test func everySecondSyncsOnTheWritePathWithoutTheCron() throws {
        let checked = try Self.checkEverySecond(count: 300, cron: false, seed: 12) { random in Int64(random.below(400)) }
        #expect(checked > 1000)
    }

    @Test func everySecondSyncsAtMostOnceASecond() throws {
        let (engine, session, dir) = try Self.engine("everysec")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let aof = try #require(engine.persistence.appendOnly)
        engine.clock.advance(byMilliseconds: 1000)
        _ = engine.execute(["SET", "a", "1"], session: session)
        #expect(aof.syncedBytes == aof.writtenBytes, "a second after the last sync, a write syncs at once")
        let synced = aof.syncedBytes
        for i in 0..<9 {
            engine.clock.advance(byMilliseconds: 100)
            _ = engine.execute(["SET", Bytes("b\(i)"), "1"], session: session)
            engine.cron()
        }
        #expect(aof.syncedBytes == synced, "within the second, nothing more is synced")
        engine.clock.advance(byMilliseconds: 100)
        engine.cron()
        #expect(aof.syncedBytes == aof.writtenBytes)
    }

    @Test func alwaysSyncsEveryWriteBeforeItsReply() throws {
        let (engine, session, dir) = try Self.engine("always")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let aof = try #require(engine.persistence.appendOnly)
        for i in 0..<50 {
            _ = engine.execute(["RPUSH", "l", Bytes("e\(i)")], session: session)
            #expect(aof.syncedBytes == aof.writtenBytes)
        }
        #expect(aof.writtenBytes > 0)
    }

    @Test func noLeavesSyncingToTheKernel() throws {
        let (engine, session, dir) = try Self.engine("no")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let aof = try #require(engine.persistence.appendOnly)
        for i in 0..<20 {
            engine.clock.advance(byMilliseconds: 500)
            _ = engine.execute(["SET", Bytes("k\(i)"), "v"], session: session)
            engine.cron()
        }
        #expect(aof.syncedBytes == 0)
        #expect(aof.writtenBytes > 0)
        engine.persistence.stopAppendOnly()
        #expect(aof.syncedBytes == aof.writtenBytes, "closing the file syncs it")
    }
}
