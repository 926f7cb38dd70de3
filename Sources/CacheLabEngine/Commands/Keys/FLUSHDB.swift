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
        c.db.flush()
        return .ok
    }

    /// FLUSHALL [ASYNC|SYNC].
    static func flushall(_ c: CommandContext) throws(Reply) -> Reply {
        try checkFlushMode(c)
        for db in c.engine.databases { db.flush() }
        return .ok
    }
}
