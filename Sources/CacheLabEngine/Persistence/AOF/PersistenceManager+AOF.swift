import Foundation

/// The AOF side of the persistence manager: turning it on and off, feeding it the commands
/// that changed data, rewriting it, and loading it at start.
extension PersistenceManager {
    /// `<dir>/<appenddirname>`.
    var aofDirectory: String {
        let dir = engine.config.directory
        let name = engine.config.value(of: "appenddirname")?.string ?? "appendonlydir"
        return dir.hasSuffix("/") ? dir + name : dir + "/" + name
    }

    var aofBaseName: String { engine.config.value(of: "appendfilename")?.string ?? "appendonly.aof" }

    var aofManifestPath: String { aofDirectory + "/" + aofBaseName + ".manifest" }

    var fsyncAlways: Bool { engine.config.value(of: "appendfsync") == "always" }

    // MARK: On and off

    /// Starts the AOF: a rewrite writes a base from the current keyspace and a fresh
    /// incremental file (what `CONFIG SET appendonly yes` and a first start do). With
    /// `reuseExisting`, an AOF folder that has a manifest is appended to instead.
    public func startAppendOnly(reuseExisting: Bool = false) throws {
        guard appendOnly == nil else { return }
        if mkdir(aofDirectory, 0o755) != 0 && errno != EEXIST {
            throw AppendOnlyFile.Failure(description: "Can't create the AOF directory \(aofDirectory): \(String(cString: strerror(errno)))")
        }
        var manifest = AOFManifest()
        if reuseExisting, let text = try? String(contentsOfFile: aofManifestPath, encoding: .utf8) {
            manifest = try AOFManifest.parse(text)
        }
        let aof = AppendOnlyFile(directory: aofDirectory, baseName: aofBaseName, manifest: manifest)
        if reuseExisting && (manifest.base != nil || !manifest.incremental.isEmpty) {
            try aof.openForAppend()
        } else {
            try aof.rewrite(snapshot: engine.snapshotKeyspace(), rdbPreamble: rdbPreamble, options: writerOptions())
        }
        aof.lastFsync = engine.clock.nowMilliseconds
        appendOnly = aof
        if !observingKeyRemovals {
            observingKeyRemovals = true
            engine.observe { [unowned self] event in
                switch event {
                case .keyExpired(let db, let key): self.appendOnly?.append(["DEL", key], db: db, fsyncAlways: self.fsyncAlways)
                case .keyEvicted(let report): self.appendOnly?.append(["DEL", report.victim], db: report.database, fsyncAlways: self.fsyncAlways)
                }
            }
        }
    }

    /// Stops the AOF (`CONFIG SET appendonly no`, or exit), syncing what was written.
    public func stopAppendOnly() {
        appendOnly?.close()
        appendOnly = nil
    }

    var rdbPreamble: Bool { engine.config.value(of: "aof-use-rdb-preamble") != "no" }

    /// BGREWRITEAOF: a new base from the keyspace as it is now, and a new incremental file.
    public func rewriteAppendOnly() throws {
        guard let aof = appendOnly else {
            try startAppendOnly()
            return
        }
        try aof.rewrite(snapshot: engine.snapshotKeyspace(), rdbPreamble: rdbPreamble, options: writerOptions())
    }

    // MARK: Hooks from Engine.call

    /// Before a command runs: an EXEC collects its commands to frame them with MULTI/EXEC.

    /// After a command ran: a command that changed data (`dirty` grew) goes to the AOF in
    /// its deterministic form; CONFIG SET may have turned appendonly on or off. A command
    /// that lowered `dirty` (SAVE, DEBUG RELOAD, DEBUG LOADAOF) changed no data, and is not
    /// logged, as Redis counts a negative difference as none.
    func commandFinished(_ context: CommandContext, reply: Reply, dirtyBefore: Int64) {
        let name = context.name
        if let aof = appendOnly {
            if name == "exec" {
                aof.endTransaction(fsyncAlways: fsyncAlways)
            } else if engine.dirty > dirtyBefore {
                for argv in propagationForm(name, context.argv, reply: reply, db: context.db) {
                    aof.append(argv, db: context.session.databaseIndex, fsyncAlways: fsyncAlways)
                }
            }
        }
        if name == "config|set" { applyAppendOnlySetting() }
    }

    /// Follows the `appendonly` parameter after CONFIG SET.
    func applyAppendOnlySetting() {
        let wanted = engine.config.value(of: "appendonly") == "yes"
        if wanted && appendOnly == nil {
            do { try startAppendOnly() } catch { lastAOFError = "\(error)" }
        } else if !wanted && appendOnly != nil {
            stopAppendOnly()
        }
    }

    /// `appendfsync everysec`, from the cron.
    func appendOnlyCron() {
        guard let aof = appendOnly, engine.config.appendFsync == "everysec" else { return }
        aof.fsyncIfDue(now: engine.clock.nowMilliseconds)
    }
}
