/// FLUSHDB and FLUSHALL: delete every key of one database, or of all.
extension KeyCommands {
    /// Checks the optional ASYNC|SYNC argument. CacheLab always frees at once; the choice only
    /// matters to a threaded server.
    private static func checkFlushMode(_ c: CommandContext) throws(Reply) {
        if c.argc == 1 { return }
        if c.argc == 2 && (c.argument(1, is: "ASYNC") || c.argument(1, is: "SYNC")) { return }
        throw RedisError.syntax
    }

    /// FLUSHDB [ASYNC|SYNC].
    static func flushdb(_ c: CommandContext) throws(Reply) -> Reply {
        try checkFlushMode(c)
        let removed = c.db.count
        c.db.flush()
        // Each removed key is a change; the command reaches the AOF even when none was.
        c.engine.dirty &+= Int64(removed)
        c.forceCommandPropagation()
        return .ok
    }

    /// FLUSHALL [ASYNC|SYNC].
    static func flushall(_ c: CommandContext) throws(Reply) -> Reply {
        try checkFlushMode(c)
        var removed = 0
        for db in c.engine.databases {
            removed += db.count
            db.flush()
        }
        c.engine.dirty &+= Int64(removed)
        // With save points, the empty dataset is saved at once (which resets `dirty`).
        c.engine.persistence.saveAfterFlushAll()
        c.forceCommandPropagation()
        return .ok
    }
}
