/// WATCH and UNWATCH: optimistic locking for the next EXEC (see `Database+Watch.swift`).
extension TransactionCommands {
    /// WATCH key [key ...]: the next EXEC fails if any of these keys changes first. Not allowed
    /// inside MULTI (the error does not doom the transaction). A session whose EXEC is already
    /// bound to fail watches nothing more.
    static func watch(_ c: CommandContext) throws(Reply) -> Reply {
        let session = c.session
        if session.isInTransaction { throw RedisError.watchInsideMulti }
        if session.transactionIsDirty { return .ok }
        let db = c.db
        for i in 1..<c.argc { db.watch(c[i], by: session) }
        return .ok
    }

    /// UNWATCH: forgets every watched key, and any change already seen to them.
    static func unwatch(_ c: CommandContext) -> Reply {
        c.engine.unwatchAllKeys(of: c.session)
        c.session.transactionIsDirty = false
        return .ok
    }
}
