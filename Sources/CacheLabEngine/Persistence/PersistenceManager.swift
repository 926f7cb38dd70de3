import Foundation

/// The engine's persistence state and actions: SAVE, BGSAVE, save points, loading the dump.
///
/// BGSAVE without fork: the keyspace is snapshotted (copy-on-write, see `KeyspaceSnapshot`) on
/// the command thread, then serialised and written on a background thread while commands
/// keep running. The background job only touches its snapshot and its own result box; the
/// engine picks the result up in `cron()` (or when someone asks, e.g. LASTSAVE or INFO), just as
/// Redis's `serverCron` reaps its finished child.
public final class PersistenceManager {
    /// Set once, right after the engine's own initialisation, and never changed: the engine
    /// owns this manager, so a plain pointer back (no reference counting on the per-command
    /// hooks) is safe.
    var engine: Engine { owner.unsafelyUnwrapped }
    private unowned(unsafe) var owner: Engine?
    /// Where and how to save, read from the configuration (`dir`, `dbfilename`, `save`,
    /// `rdbcompression`, `rdbchecksum`) each time it is needed.
    public var settings: PersistenceSettings {
        let config = engine.config
        var s = PersistenceSettings(directory: config.directory)
        s.dbFilename = config.snapshotFilename
        s.savePoints = config.savePoints.map { .init(seconds: $0.seconds, changes: $0.changes) }
        s.compression = config.value(of: "rdbcompression") != "no"
        s.checksum = config.value(of: "rdbchecksum") != "no"
        return s
    }
    /// Unix seconds of the last successful save (LASTSAVE); the start time before any.
    public private(set) var lastSaveTime: Int64
    /// Whether the last background save succeeded (`rdb_last_bgsave_status`).
    public private(set) var lastBackgroundSaveSucceeded = true
    /// Duration of the last background save in seconds, -1 before any.
    public private(set) var lastBackgroundSaveSeconds: Int64 = -1
    /// Number of successful saves (`rdb_saves`).
    public private(set) var saveCount = 0
    /// Keys loaded and expired keys skipped by the last load.
    public internal(set) var lastLoadKeysLoaded = 0
    public private(set) var lastLoadKeysExpired = 0
    /// A BGSAVE SCHEDULE waiting for the running job to finish.
    public private(set) var backgroundSaveScheduled = false
    /// The last error of a save, for the logs and the REPL.
    public private(set) var lastError: String?

    /// The append-only file while `appendonly` is on.
    public internal(set) var appendOnly: AppendOnlyFile?
    var observingKeyRemovals = false
    /// How many commands are running (EXEC runs others inside itself), and the AOF's frame
    /// for each of them (see `PropagationFrame`).
    var callDepth = 0
    /// BGREWRITEAOF waiting for the cron (asked inside EXEC or during a BGSAVE).
    public internal(set) var aofRewriteScheduled = false
    var aofStats = AppendOnlyStats()
    /// True while the commands of an AOF are replayed (Redis's "must obey" AOF client).
    public internal(set) var isLoadingAppendOnlyFile = false
    var propagationFrames: [PropagationFrame] = []
    /// The last error of the AOF (turning it on, a rewrite).
    public internal(set) var lastAOFError: String?

    /// CONFIG SET, which may turn the AOF on or off: `commandFinished` checks every command
    /// against it.
    let configSetIdentity = ServerState.metadataByFullName["config|set"].map(ObjectIdentifier.init)

    private var job: BackgroundJob?
    private var lastBackgroundSaveAttempt: Int64 = 0

    init(startTime: Int64) {
        self.lastSaveTime = startTime / 1000
    }

    /// Connects the manager to the engine that owns it; the engine calls this once, in its
    /// initialiser.
    func attach(to engine: Engine) {
        owner = engine
    }

    /// A background save is running (without reaping a finished one first).
    var isBackgroundJobRunning: Bool { job != nil }

    public var isBackgroundSaveInProgress: Bool {
        reapBackgroundSave()
        return job != nil
    }

    /// Unix ms when the running background save started.
    public var backgroundSaveStart: Int64? { job?.startedAt }

    // MARK: Saving

    /// How a dump is written now: the rdbcompression and rdbchecksum settings, and the used
    /// memory of this moment for the `used-mem` AUX field (Redis logs it when it loads).
    func writerOptions() -> RDBWriter.Options {
        RDBWriter.Options(compression: settings.compression, checksum: settings.checksum,
                          usedMemory: Int64(engine.usedMemory))
    }

    /// SAVE: writes the dump now, on the calling thread. `counted`: the save shows in
    /// `rdb_saves` (SAVE's does; the one FLUSHALL and DEBUG RELOAD make does not).
    public func save(counted: Bool = true) throws(RDBFile.IOError) {
        let snapshot = engine.snapshotKeyspace()
        let dirtyBefore = engine.dirty
        do {
            try RDBFile.save(snapshot, to: settings.dumpPath, options: writerOptions())
        } catch {
            lastError = error.description
            throw error
        }
        saveSucceeded(dirtyBefore: dirtyBefore, counted: counted)
    }

    private func saveSucceeded(dirtyBefore: Int64, counted: Bool = true) {
        engine.dirty -= dirtyBefore
        lastSaveTime = engine.clock.nowMilliseconds / 1000
        if counted { saveCount += 1 }
        lastError = nil
    }

    /// After FLUSHALL: with save points configured, Redis writes the now empty dump at once,
    /// so a restart cannot bring the flushed keys back (a BGSAVE already running goes on).
    public func saveAfterFlushAll() {
        guard !settings.savePoints.isEmpty else { return }
        try? save(counted: false)
    }

    /// True while EXEC runs its queued commands (Redis's `server.in_exec`): the only
    /// command that runs others. BGSAVE and BGREWRITEAOF then schedule instead of starting.
    public var isInsideExec: Bool { callDepth > 1 }

    /// BGSAVE: snapshots now and writes on a background thread. False when one is running.
    @discardableResult
    public func startBackgroundSave() -> Bool {
        reapBackgroundSave()
        guard job == nil else { return false }
        let snapshot = engine.snapshotKeyspace()
        let newJob = BackgroundJob(startedAt: engine.clock.nowMilliseconds, dirtyBefore: engine.dirty)
        let path = settings.dumpPath
        let options = writerOptions()
        lastBackgroundSaveAttempt = newJob.startedAt
        backgroundSaveScheduled = false
        job = newJob
        Thread.detachNewThread {
            var failure: String?
            do {
                try RDBFile.save(snapshot, to: path, options: options)
            } catch {
                failure = "\(error)"
            }
            newJob.finish(error: failure)
        }
        return true
    }

    /// Asks for a BGSAVE as soon as the running one ends.
    public func scheduleBackgroundSave() {
        backgroundSaveScheduled = true
    }

    /// Blocks until the running background save (if any) ends, then records its result.
    public func waitForBackgroundSave() {
        job?.wait()
        reapBackgroundSave()
    }

    /// Records the result of a finished background save.
    func reapBackgroundSave() {
        guard let job, let outcome = job.outcome else { return }
        self.job = nil
        lastBackgroundSaveSeconds = (engine.clock.nowMilliseconds - job.startedAt) / 1000
        if let error = outcome.error {
            lastBackgroundSaveSucceeded = false
            lastError = error
        } else {
            lastBackgroundSaveSucceeded = true
            saveSucceeded(dirtyBefore: job.dirtyBefore)
        }
    }

    /// Periodic work: reap a finished job, start a scheduled one, and save when a save point
    /// is reached (after a failure, retry only every 5 seconds, as Redis does).
    public func cron() {
        appendOnlyCron()
        reapBackgroundSave()
        guard job == nil else { return }
        if backgroundSaveScheduled {
            startBackgroundSave()
            return
        }
        let now = engine.commandTime  // the engine's cron has just read the clock
        let nowSeconds = now / 1000
        for point in engine.config.savePoints where engine.dirty >= point.changes && nowSeconds - lastSaveTime > point.seconds {
            if lastBackgroundSaveSucceeded || now - lastBackgroundSaveAttempt > 5000 {
                startBackgroundSave()
            }
            return
        }
    }

    // MARK: INFO

    /// The `rdb_*` fields of INFO persistence, as Redis names them.
    public func infoFields() -> [(String, String)] {
        reapBackgroundSave()
        let now = engine.clock.nowMilliseconds
        return [
            ("rdb_changes_since_last_save", String(engine.dirty)),
            ("rdb_bgsave_in_progress", job == nil ? "0" : "1"),
            ("rdb_last_save_time", String(lastSaveTime)),
            ("rdb_last_bgsave_status", lastBackgroundSaveSucceeded ? "ok" : "err"),
            ("rdb_last_bgsave_time_sec", String(lastBackgroundSaveSeconds)),
            ("rdb_current_bgsave_time_sec", job.map { String((now - $0.startedAt) / 1000) } ?? "-1"),
            ("rdb_saves", String(saveCount)),
            ("rdb_last_cow_size", "0"),
            ("rdb_last_load_keys_expired", String(lastLoadKeysExpired)),
            ("rdb_last_load_keys_loaded", String(lastLoadKeysLoaded)),
        ]
    }

    // MARK: Loading

    /// What a load found.
    public struct LoadSummary: Sendable {
        public let path: String
        public let keysLoaded: Int
        public let expiredKeysSkipped: Int
        public let milliseconds: Double
        public let warnings: [String]
    }

    /// How this engine reads an RDB (the dump, or an AOF's base): its databases, its clock,
    /// its policy for the keys' IDLE and FREQ, its encoding limits.
    func rdbLoadOptions() -> RDBReader.Options {
        // At start-up no command has read the clock yet: the LRU clock must be today's for
        // the keys' idle times to count back from it.
        engine.commandTime = engine.clock.nowMilliseconds
        var options = engine.loadOptions()
        options.databaseCount = engine.databases.count
        options.verifyChecksum = settings.checksum
        return options
    }

    /// Reads the dump at `settings.dumpPath` into the engine. Nil when there is no dump. On
    /// any error the keyspace is left as it was.
    @discardableResult
    public func loadDump(merge: Bool = false, replaceExisting: Bool = true) throws -> LoadSummary? {
        let path = settings.dumpPath
        let started = DispatchTime.now().uptimeNanoseconds
        guard let bytes = try RDBFile.read(path) else { return nil }
        let result = try RDBReader.load(bytes, file: path, options: rdbLoadOptions())
        try engine.install(result, merge: merge, replaceExisting: replaceExisting)
        lastLoadKeysLoaded = result.keysLoaded
        lastLoadKeysExpired = result.expiredKeysSkipped
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
        return LoadSummary(path: path, keysLoaded: result.keysLoaded, expiredKeysSkipped: result.expiredKeysSkipped,
                           milliseconds: elapsed, warnings: result.warnings)
    }

    /// Loads at start-up what the REPL or a server should start with. With `appendonly yes`
    /// the AOF wins, as in Redis, and is then appended to; when there is no AOF yet, the dump
    /// (if any) is loaded and becomes the AOF's first base, so turning the AOF on never
    /// starts from an empty keyspace. Otherwise the dump, if any.
    public func loadAtStartup() throws -> LoadSummary? {
        guard engine.config.value(of: "appendonly") == "yes" else { return try loadDump() }
        if let summary = try loadAppendOnlyFiles() {
            try startAppendOnly(reuseExisting: true, atStartup: true)
            return summary
        }
        let summary = try loadDump()
        try startAppendOnly(atStartup: true)
        return summary
    }
}

/// A background save's shared state: written once by the worker thread, read by the engine.
final class BackgroundJob: @unchecked Sendable {
    struct Outcome {
        let error: String?
    }

    let startedAt: Int64
    let dirtyBefore: Int64
    private let condition = NSCondition()
    private var result: Outcome?

    init(startedAt: Int64, dirtyBefore: Int64) {
        self.startedAt = startedAt
        self.dirtyBefore = dirtyBefore
    }

    var outcome: Outcome? {
        condition.lock()
        defer { condition.unlock() }
        return result
    }

    func finish(error: String?) {
        condition.lock()
        result = Outcome(error: error)
        condition.broadcast()
        condition.unlock()
    }

    func wait() {
        condition.lock()
        while result == nil { condition.wait() }
        condition.unlock()
    }
}
