/// SAVE, BGSAVE and LASTSAVE: writing the dump now, in the background, and asking when the
/// last one succeeded.
extension PersistenceCommands {
    static let backgroundSaveInProgress = Reply.error("ERR Background save already in progress")

    /// SAVE: writes the dump before replying. Refused while a BGSAVE runs.
    static func save(_ c: CommandContext) throws(Reply) -> Reply {
        let persistence = c.engine.persistence
        if persistence.isBackgroundSaveInProgress { throw backgroundSaveInProgress }
        do {
            try persistence.save()
        } catch {
            return .error("ERR")
        }
        return .ok
    }

    /// BGSAVE [SCHEDULE]: snapshots the keyspace and writes it on a background thread.
    /// Inside EXEC, Redis cannot fork: the save is scheduled for the cron, with or without
    /// SCHEDULE.
    static func bgsave(_ c: CommandContext) throws(Reply) -> Reply {
        if c.argc > 1 && !(c.argc == 2 && c.argument(1, is: "SCHEDULE")) { throw RedisError.syntax }
        let persistence = c.engine.persistence
        if persistence.isBackgroundSaveInProgress { throw backgroundSaveInProgress }
        if persistence.isInsideExec {
            persistence.scheduleBackgroundSave()
            return .status("Background saving scheduled")
        }
        persistence.startBackgroundSave()
        return .status("Background saving started")
    }

    /// LASTSAVE: Unix time of the last successful save.
    static func lastsave(_ c: CommandContext) -> Reply {
        let persistence = c.engine.persistence
        _ = persistence.isBackgroundSaveInProgress  // records a finished background save
        return .integer(persistence.lastSaveTime)
    }
}
