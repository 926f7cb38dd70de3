/// FLUSHDB and FLUSHALL: delete every key of one database, or of all.
extension KeyCommands {
    /// Checks the optional ASYNC|SYNC argument and answers whether the flush is lazy: ASYNC,
    /// or no argument while lazyfree-lazy-user-flush is on. CacheLab always frees at once; a
    /// lazy flush counts its keys in `lazyfreed_objects`, as Redis's background thread does.
    private static func flushIsLazy(_ c: CommandContext) throws(Reply) -> Bool {
        if c.argc == 1 { return c.engine.config.lazyfree.userFlush }
        if c.argc == 2 && c.argument(1, is: "ASYNC") { return true }
        if c.argc == 2 && c.argument(1, is: "SYNC") { return false }
        throw RedisError.syntax
    }

    /// FLUSHDB [ASYNC|SYNC].
    static func flushdb(_ c: CommandContext) throws(Reply) -> Reply {
        let lazily = try flushIsLazy(c)
        let removed = c.db.count
        c.db.flush()
        if lazily { c.engine.noteLazilyFlushed(keys: removed) }
        // Each removed key is a change; the command reaches the AOF even when none was.
        c.engine.dirty &+= Int64(removed)
        c.forceCommandPropagation()
        return .ok
    }

    /// FLUSHALL [ASYNC|SYNC].
    static func flushall(_ c: CommandContext) throws(Reply) -> Reply {
        let lazily = try flushIsLazy(c)
        var removed = 0
        for db in c.engine.databases {
            removed += db.count
            db.flush()
        }
        if lazily { c.engine.noteLazilyFlushed(keys: removed) }
        c.engine.dirty &+= Int64(removed)
        // With save points, the empty dataset is saved at once (which resets `dirty`).
        c.engine.persistence.saveAfterFlushAll()
        c.forceCommandPropagation()
        return .ok
    }
}
