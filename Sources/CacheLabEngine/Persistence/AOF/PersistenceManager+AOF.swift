import Foundation

/// The AOF side of the persistence manager: turning it on and off, feeding it the commands
/// that changed data, rewriting it (on demand, when scheduled, or when it has grown), and
/// its INFO fields.
extension PersistenceManager {
    /// `<dir>/<appenddirname>`.
    var aofDirectory: String {
        let dir = engine.config.directory
        let name = engine.config.value(of: "appenddirname")?.string ?? "appendonlydir"
        return dir.hasSuffix("/") ? dir + name : dir + "/" + name
    }

    var aofBaseName: String { engine.config.value(of: "appendfilename")?.string ?? "appendonly.aof" }

    var aofManifestPath: String { aofDirectory + "/" + aofBaseName + ".manifest" }

    /// `appendfsync`, read from the configuration at each write.
    var syncPolicy: AppendOnlyFile.SyncPolicy {
        switch engine.config.appendFsync {
        case "always": return .always
        case "no": return .never
        default: return .everySecond
        }
    }

    // MARK: On and off

    /// Starts the AOF: a rewrite writes a base from the current keyspace and a fresh
    /// incremental file (what `CONFIG SET appendonly yes` and a first start do). With
    /// `reuseExisting`, an AOF folder that has a manifest is appended to instead. The base
    /// written at start-up is not counted in `aof_rewrites`; one written because
    /// `appendonly` was turned on at run time is, as in Redis.
    public func startAppendOnly(reuseExisting: Bool = false, atStartup: Bool = false) throws {
        guard appendOnly == nil else { return }
        let aof = try openAppendOnlyFolder(readManifest: reuseExisting)
        let manifest = aof.manifest
        if reuseExisting && (manifest.base != nil || !manifest.incremental.isEmpty) {
            try aof.openForAppend()
        } else {
            try rewrite(aof, counted: !atStartup)
        }
        aof.lastFsync = engine.clock.nowMilliseconds
        appendOnly = aof
        if !observingKeyRemovals {
            observingKeyRemovals = true
            engine.observe { [unowned self] event in
                switch event {
                case .keyExpired(let db, let key):
                    self.propagateDeletion(of: key, db: db, lazy: self.engine.config.value(of: "lazyfree-lazy-expire") == "yes")
                case .keyEvicted(let report):
                    self.propagateDeletion(of: report.victim, db: report.database,
                                           lazy: self.engine.config.value(of: "lazyfree-lazy-eviction") == "yes")
                }
            }
        }
    }

    /// The AOF folder (created if needed), with the manifest found there when `readManifest`.
    private func openAppendOnlyFolder(readManifest: Bool) throws -> AppendOnlyFile {
        if mkdir(aofDirectory, 0o755) != 0 && errno != EEXIST {
            throw AppendOnlyFile.Failure(description: "Can't create the AOF directory \(aofDirectory): \(String(cString: strerror(errno)))")
        }
        var manifest = AOFManifest()
        if readManifest, let text = try? String(contentsOfFile: aofManifestPath, encoding: .utf8) {
            manifest = try AOFManifest.parse(text)
        }
        let aof = AppendOnlyFile(directory: aofDirectory, baseName: aofBaseName, manifest: manifest)
        aof.annotatesTime = annotatesTime
        return aof
    }

    /// Stops the AOF (`CONFIG SET appendonly no`, or exit), syncing what was written.
    public func stopAppendOnly() {
        appendOnly?.close()
        appendOnly = nil
        aofRewriteScheduled = false
    }

    var rdbPreamble: Bool { engine.config.value(of: "aof-use-rdb-preamble") != "no" }

    /// `aof-timestamp-enabled`: whether the AOF is marked with the time (`#TS:` lines).
    var annotatesTime: Bool { engine.config.value(of: "aof-timestamp-enabled") == "yes" }

    // MARK: Rewriting

    /// BGREWRITEAOF: a new base from the keyspace as it is now, and a new incremental file.
    /// With the AOF off, Redis still writes the folder: a base and a manifest naming only it
    /// (numbered after the manifest already there), and nothing is appended afterwards.
    public func rewriteAppendOnly() throws {
        if let aof = appendOnly {
            try rewrite(aof)
        } else {
            try rewrite(try openAppendOnlyFolder(readManifest: true), incremental: false)
        }
    }

    /// Runs one rewrite of `aof`, keeping the statistics INFO reports.
    private func rewrite(_ aof: AppendOnlyFile, counted: Bool = true, incremental: Bool = true) throws {
        let started = DispatchTime.now().uptimeNanoseconds
        aofRewriteScheduled = false
        do {
            try aof.rewrite(snapshot: engine.snapshotKeyspace(), rdbPreamble: rdbPreamble, options: writerOptions(),
                            incremental: incremental)
        } catch {
            aofStats.lastRewriteSucceeded = false
            aofStats.consecutiveRewriteFailures += 1
            lastAOFError = "\(error)"
            throw error
        }
        if counted { aofStats.rewrites += 1 }
        aofStats.lastRewriteSucceeded = true
        aofStats.consecutiveRewriteFailures = 0
        aofStats.lastRewriteSeconds = Int64((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000_000)
    }

    /// BGREWRITEAOF inside EXEC, or while a BGSAVE runs: Redis cannot fork then and runs
    /// the rewrite from the cron as soon as it can.
    public func scheduleAppendOnlyRewrite() {
        aofRewriteScheduled = true
        aofStats.consecutiveRewriteFailures = 0
    }

    /// The cron's AOF work: a scheduled rewrite once no BGSAVE runs, an automatic rewrite
    /// when the AOF has grown by `auto-aof-rewrite-percentage` since the last one (and is
    /// over `auto-aof-rewrite-min-size`), and the `everysec` fsync.
    func appendOnlyCron() {
        reapBackgroundSave()
        if aofRewriteScheduled && !isBackgroundJobRunning {
            do { try rewriteAppendOnly() } catch { lastAOFError = "\(error)" }
        }
        guard let aof = appendOnly else { return }
        if !isBackgroundJobRunning && !aofRewriteScheduled, let percentage = engine.config.value(of: "auto-aof-rewrite-percentage")?.int64Value,
           percentage > 0, let minimum = engine.config.value(of: "auto-aof-rewrite-min-size")?.int64Value,
           Int64(aof.currentSize) > minimum {
            let base = Int64(max(aof.baseSize, 1))
            let growth = Int64(aof.currentSize) * 100 / base - 100
            if growth >= percentage {
                do { try rewrite(aof) } catch { lastAOFError = "\(error)" }
            }
        }
        if syncPolicy == .everySecond { aof.syncIfDue(now: engine.clock.nowMilliseconds) }
    }

    // MARK: Hooks from Engine.call

    /// After a command ran: what it propagated (see `PropagationFrame`), then, when it
    /// changed data (`dirty` moved) or insists, and did not say otherwise, its own
    /// deterministic form, go to the AOF together; CONFIG SET may have turned appendonly on
    /// or off.
    func commandFinished(_ context: CommandContext, reply: Reply, dirtyBefore: Int64) {
        if let frame = closePropagationFrame() {
            write(frame, of: context, reply: reply, dirtyBefore: dirtyBefore)
        }
        // Compared by identity: this runs after every command, and a string compare is not free
        // (nor is the retain Swift would wrap around a plain `===` here).
        let isConfigSet = Unmanaged.passUnretained(context.command)._withUnsafeGuaranteedRef {
            ObjectIdentifier($0) == configSetIdentity
        }
        if isConfigSet { applyAppendOnlySetting() }
    }

    /// Writes what a command gathered in its frame to the AOF, with its own form when it
    /// changed data or insists, and did not say otherwise.
    @inline(never)
    private func write(_ frame: PropagationFrame, of context: CommandContext, reply: Reply, dirtyBefore: Int64) {
        guard let aof = appendOnly else { return }
        let name = context.name
        var commands = frame.commands
        if (engine.dirty > dirtyBefore || frame.ownFormForced) && !frame.ownFormPrevented && name != "exec" {
            let db = context.session.databaseIndex
            for argv in propagationForm(name, context.argv, reply: reply, db: context.db) { commands.append((db, argv)) }
        }
        let now = engine.clock.nowMilliseconds
        aof.append(commands, policy: syncPolicy, now: now)
        if name == "exec" { aof.endTransaction(policy: syncPolicy, now: now) }
    }

    /// A key deleted by expiry or eviction goes to the AOF as DEL (UNLINK when freed
    /// lazily): with the running command when a command touched it, else on its own.
    func propagateDeletion(of key: Bytes, db: Int, lazy: Bool) {
        guard let aof = appendOnly else { return }
        let argv: [Bytes] = [lazy ? "UNLINK" : "DEL", key]
        if hasOpenPropagationFrame {
            alsoPropagate(argv, db: db)
        } else {
            aof.append([(db, argv)], policy: syncPolicy, now: engine.clock.nowMilliseconds)
        }
    }

    /// Follows the `appendonly` and `aof-timestamp-enabled` parameters after CONFIG SET.
    func applyAppendOnlySetting() {
        let wanted = engine.config.value(of: "appendonly") == "yes"
        if wanted && appendOnly == nil {
            do { try startAppendOnly() } catch { lastAOFError = "\(error)" }
        } else if !wanted && appendOnly != nil {
            stopAppendOnly()
        }
        appendOnly?.annotatesTime = annotatesTime
    }

    // MARK: INFO

    /// The `aof_*` and `module_fork_*` fields of INFO persistence, in Redis 7.0's order;
    /// the size and buffer fields only while the AOF is on.
    public func appendOnlyInfoFields() -> [(String, String)] {
        var fields: [(String, String)] = [
            ("aof_enabled", appendOnly == nil ? "0" : "1"),
            ("aof_rewrite_in_progress", "0"),
            ("aof_rewrite_scheduled", aofRewriteScheduled ? "1" : "0"),
            ("aof_last_rewrite_time_sec", String(aofStats.lastRewriteSeconds)),
            ("aof_current_rewrite_time_sec", "-1"),
            ("aof_last_bgrewrite_status", aofStats.lastRewriteSucceeded ? "ok" : "err"),
            ("aof_rewrites", String(aofStats.rewrites)),
            ("aof_rewrites_consecutive_failures", String(aofStats.consecutiveRewriteFailures)),
            ("aof_last_write_status", appendOnly?.lastWriteSucceeded == false ? "err" : "ok"),
            ("aof_last_cow_size", "0"),
            ("module_fork_in_progress", "0"),
            ("module_fork_last_cow_size", "0"),
        ]
        if let aof = appendOnly {
            fields += [
                ("aof_current_size", String(aof.currentSize)),
                ("aof_base_size", String(aof.baseSize)),
                ("aof_pending_rewrite", aofRewriteScheduled ? "1" : "0"),
                ("aof_buffer_length", "0"),
                ("aof_pending_bio_fsync", "0"),
                ("aof_delayed_fsync", "0"),
            ]
        }
        return fields
    }
}

/// Rewrite statistics of the AOF, kept across turning it off and on (INFO persistence).
struct AppendOnlyStats {
    var rewrites = 0
    var lastRewriteSucceeded = true
    var consecutiveRewriteFailures = 0
    /// Seconds the last rewrite took; -1 before any.
    var lastRewriteSeconds: Int64 = -1
}
