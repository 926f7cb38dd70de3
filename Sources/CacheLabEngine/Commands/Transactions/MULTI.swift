/// MULTI and DISCARD: opening and abandoning a transaction.
extension TransactionCommands {
    /// MULTI: later commands are queued until EXEC or DISCARD. MULTI inside MULTI is an error
    /// that leaves the transaction intact.
    static func multi(_ c: CommandContext) throws(Reply) -> Reply {
        if c.session.isInTransaction { throw RedisError.nestedMulti }
        c.session.queuedCommands = []
        return .ok
    }

    /// DISCARD: drops the queued commands and unwatches every key.
    static func discard(_ c: CommandContext) throws(Reply) -> Reply {
        guard c.session.isInTransaction else { throw RedisError.discardWithoutMulti }
        c.engine.discardTransaction(of: c.session)
        return .ok
    }
}
