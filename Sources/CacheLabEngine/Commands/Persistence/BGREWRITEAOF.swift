/// BGREWRITEAOF: rewrites the append-only file from the keyspace as it is now (a new base and
/// a new incremental file). Without an AOF it creates one, as Redis does. CacheLab rewrites
/// synchronously, so the rewrite is over when the reply comes.
extension PersistenceCommands {
    static func bgrewriteaof(_ c: CommandContext) throws(Reply) -> Reply {
        do {
            try c.engine.persistence.rewriteAppendOnly()
        } catch {
            return .error("ERR \(error)")
        }
        return .status("Background append only file rewriting started")
    }
}
