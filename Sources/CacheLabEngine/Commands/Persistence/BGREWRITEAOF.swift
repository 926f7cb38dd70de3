/// BGREWRITEAOF: rewrites the append-only file from the keyspace as it is now (a new base and
/// a new incremental file). Without an AOF it writes one, as Redis does. CacheLab rewrites
/// synchronously, so the rewrite is over when the reply comes; inside EXEC, or while a
/// BGSAVE runs, Redis cannot start its rewrite child and schedules the rewrite for the
/// cron: so does CacheLab.
extension PersistenceCommands {
    static func bgrewriteaof(_ c: CommandContext) throws(Reply) -> Reply {
        let persistence = c.engine.persistence
        if persistence.isInsideExec || persistence.isBackgroundSaveInProgress {
            persistence.scheduleAppendOnlyRewrite()
            return .status("Background append only file rewriting scheduled")
        }
        do {
            try persistence.rewriteAppendOnly()
        } catch {
            return .error("ERR Can't execute an AOF background rewriting. Please check the server logs for more information.")
        }
        return .status("Background append only file rewriting started")
    }
}
