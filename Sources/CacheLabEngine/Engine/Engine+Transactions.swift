/// Leaving a transaction: what EXEC, DISCARD and RESET have in common.
extension Engine {
    /// Ends `session`'s transaction, if any: drops the queued commands, clears both failure
    /// flags and unwatches every key (Redis's `discardTransaction`). RESET and a closing
    /// session call it too.
    public func discardTransaction(of session: Session) {
        session.queuedCommands = nil
        session.transactionHasErrors = false
        session.transactionIsDirty = false
        unwatchAllKeys(of: session)
    }
}

extension Engine {
    /// An EXEC refused before it could run (Redis's `execCommandAbort`): the transaction is
    /// discarded, keys unwatched, and the reason is reported under EXECABORT. This happens
    /// even outside MULTI.
    func abortExec(because reason: String, session: Session) -> Reply {
        discardTransaction(of: session)
        stats.totalErrorReplies += 1
        return .error("EXECABORT Transaction discarded because of: \(reason)")
    }
}
