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
        c.engine.unwatchAllKeys(of: session)
        session.databaseIndex = 0
        session.protocolVersion = 2
        session.name = nil
        c.engine.logInAsDefaultUser(session)
        return .status("RESET")
    }
}
