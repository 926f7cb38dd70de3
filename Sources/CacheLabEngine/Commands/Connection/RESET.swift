/// RESET: returns the session to the state of a new connection, whatever it was doing: leaves
/// MULTI (dropping the queued commands), forgets watched keys, selects database 0, goes back
/// to RESP2, drops the client name and logs the default user in again, which needs AUTH when it
/// has a password. Like Redis, it keeps CLIENT NO-EVICT.
extension ConnectionCommands {
    static func reset(_ c: CommandContext) -> Reply {
        let session = c.session
        session.queuedCommands = nil
        session.transactionHasErrors = false
        session.transactionIsDirty = false
        forgetWatchedKeys(of: session, in: c.engine)
        session.databaseIndex = 0
        session.protocolVersion = 2
        session.name = nil
        session.isAuthenticated = c.engine.config.requirePassword == nil
        return .status("RESET")
    }

    /// Removes the session from the watchers of every key it watches.
    private static func forgetWatchedKeys(of session: Session, in engine: Engine) {
        for (index, key) in session.watchedKeys where index < engine.databases.count {
            let database = engine.databases[index]
            guard var sessions = database.watchers[key] else { continue }
            sessions.removeAll { $0 === session }
            database.watchers[key] = sessions.isEmpty ? nil : sessions
        }
        session.watchedKeys.removeAll()
    }
}
