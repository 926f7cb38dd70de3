import CacheLabEngine

/// Restarting the Redis engine the REPL talks to, to see what its files keep: `:crash` and the
/// Redis side of `:restart`.
///
/// Both end the running engine and start a new one on the same data folder, which loads what
/// redis-server loads at start: the AOF when `appendonly` is yes, else the dump (see
/// `PersistenceManager.loadAtStartup`). They differ in how the old engine stops:
///
/// - `:crash` is `kill -9`: nothing is saved, nothing is synced. Every write the AOF had
///   already handed to the kernel (with write(2), before the reply) is in the file, as it
///   would be after a real process crash. What a power cut adds, losing the kernel's unsynced
///   pages (the `appendfsync` trade-off), is not simulated. A background save under way is
///   let finish first, as the forked child of a killed redis-server finishes on its own.
/// - `:restart` is SHUTDOWN: the dump is saved when save points are set (a failed save stops
///   the shutdown, as it stops Redis's), then the AOF is synced and closed.
///
/// The new engine shares the old one's clock (time does not go back) and its configuration,
/// as if every CONFIG SET had been written to redis.conf (CONFIG REWRITE): a real server
/// reads its config file again. Its random seed is drawn from the old engine's generator, so
/// a lesson replays identically. The REPL opens a new connection and selects the database it
/// was using (redis-cli would not: see `LineProcessor.adopt`); a transaction in progress is gone.
public enum ServerRestart {
    /// How the running engine stops.
    public enum Stop: Sendable {
        case crash
        case shutdown
    }

    /// The line the REPL prints at start and after a restart: where the data came from and
    /// how many keys it held, e.g. `Data: /home/ann/.local/share/cachelab/dump.rdb (3 keys
    /// loaded in 0.2 ms)`.
    public static func dataLine(_ engine: Engine, loaded summary: PersistenceManager.LoadSummary?) -> String {
        guard let summary else { return "Data: \(engine.persistence.settings.dumpPath) (no saved data yet)" }
        let ms = (summary.milliseconds * 10).rounded() / 10
        return "Data: \(summary.path) (\(summary.keysLoaded) key\(summary.keysLoaded == 1 ? "" : "s") loaded in \(ms) ms)"
    }

    /// A clean shutdown, as SHUTDOWN does it: a background save under way is let finish, the
    /// dump is saved when save points are set, then the AOF is synced and closed. Returns what
    /// was done, in words; throws when the save failed (then the AOF is left running).
    public static func shutDown(_ engine: Engine) throws(RDBFile.IOError) -> [String] {
        let steps = try engine.persistence.shutDown(save: !engine.config.savePoints.isEmpty)
        var done: [String] = []
        if steps.savedDump { done.append("the dump was saved (save points are set)") }
        if steps.closedAppendOnlyFile { done.append("the AOF was synced to disk") }
        return done
    }

    /// Stops the REPL's engine as `stop` says and starts a new one on the same folder.
    public static func restart(_ repl: LineProcessor, stop: Stop) -> ColonResult {
        let old = repl.engine
        var text: String
        switch stop {
        case .crash:
            old.persistence.waitForBackgroundSave()
            text = "Crashed: the engine stopped at once and saved nothing, as a killed redis-server would.\n"
        case .shutdown:
            do {
                let done = try shutDown(old)
                text = "Shut down cleanly: " + (done.isEmpty ? "nothing to save (save points are off, appendonly is no)"
                                                             : done.joined(separator: ", ")) + ".\n"
            } catch {
                return .failure("The dump could not be saved (\(error)): not restarted, as Redis refuses to shut down "
                    + "when its last save fails.\n")
            }
        }
        var random = old.random
        let engine = Engine(clock: old.clock, seed: random.next(), config: old.config)
        let appendOnly = old.config.value(of: "appendonly") == "yes"
        text += "Restarted on the same data folder (appendonly \(appendOnly ? "yes" : "no")):\n"
        do {
            let summary = try engine.persistence.loadAtStartup()
            repl.adopt(engine)
            return .output(text + dataLine(engine, loaded: summary) + "\n")
        } catch {
            // A real server refuses to start on files it cannot read. The REPL goes on with an
            // empty engine that writes nothing, so the files stay as they are for a look.
            let empty = Engine(clock: old.clock, seed: random.next(), config: old.config)
            try? old.config.setAtStartup("save", "")
            try? old.config.setAtStartup("appendonly", "no")
            repl.adopt(empty)
            return .failure(text + "cannot load the data in \(old.config.directory): \(error)\n"
                + "(redis-server would refuse to start; this engine starts empty with save \"\" and appendonly no, "
                + "so the files are left as they are)\n")
        }
    }
}

extension LineProcessor {
    /// Makes `engine` the one lines go to after a restart: a new connection, logged in if the
    /// old one was, on the database the old one had selected, and the live eviction view, if
    /// any, following the new engine.
    ///
    /// redis-cli itself, reconnecting to a restarted server, sends neither SELECT nor a
    /// password typed with AUTH (see `connectAgain`). A restart is CacheLab's own command, so
    /// it carries both over, and the prompt tells the truth: that database, no transaction.
    func adopt(_ engine: Engine) {
        let database = session.databaseIndex
        let wasAuthenticated = session.isAuthenticated
        self.engine = engine
        connectAgain()
        if wasAuthenticated { session.isAuthenticated = true }
        if database != 0 {
            _ = engine.execute([Bytes("SELECT"), Bytes(integer: Int64(database))], session: session)
        }
        promptBelief = PromptBelief(database: session.databaseIndex)
        if let view = replyFollower as? LiveEvictionView {
            let follower = LiveEvictionView(engine: engine, palette: view.palette)
            follower.isOn = view.isOn
            replyFollower = follower
        }
    }

    /// A new connection to `engine`, as redis-cli opens one after the server closed the old:
    /// on database 0, not logged in (redis-cli resends only a password given on its command
    /// line, and CacheLab's REPL takes none), and the prompt's belief left as it was.
    func connectAgain() {
        session = engine.makeSession()
    }
}

extension ColonCommand {
    /// `:crash`: the Redis engine is killed (nothing saved) and started again on its folder.
    public static let crash = ColonCommand(
        name: "crash", usage: ":crash",
        summary: "kill the Redis engine unsaved, then restart it on its data folder"
    ) { arguments, repl in
        guard arguments.isEmpty else { return .failure("usage: :crash\n") }
        guard repl.memcachedSession == nil else {
            return .failure(":crash crashes the Redis engine: :mode redis first. "
                + "(memcached keeps nothing on disk: its :restart already loses everything.)\n")
        }
        return ServerRestart.restart(repl, stop: .crash)
    }

    /// `:restart`: a clean restart of the server the REPL talks to: the Redis engine (saved as
    /// SHUTDOWN saves, then loaded again), or in memcached mode the memcached model (which
    /// keeps nothing, so it comes back empty).
    public static let restart = ColonCommand(
        name: "restart", usage: ":restart",
        summary: "restart the server cleanly (Redis saves as SHUTDOWN does)"
    ) { arguments, repl in
        guard arguments.isEmpty else { return .failure("usage: :restart\n") }
        if repl.memcachedSession != nil { return MemcachedMode.restart(repl) }
        return ServerRestart.restart(repl, stop: .shutdown)
    }
}
