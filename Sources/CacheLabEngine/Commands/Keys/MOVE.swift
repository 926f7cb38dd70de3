/// MOVE key db: moves a key, with its TTL, to another database.
extension KeyCommands {
    /// Answers 1 when moved, 0 when the key does not exist or the target database already has
    /// a key of that name. The value is the same object afterwards: its access bits travel too.
    static func move(_ c: CommandContext) throws(Reply) -> Reply {
        let key = c[1]
        let target = try databaseIndex(c, at: 2)
        let source = c.db
        let destination = c.engine.databases[target]
        if source === destination { throw RedisError.sameObject }
        guard let moving = source.takeForMove(key) else { return .zero }
        if destination.lookupWrite(key) != nil { return .zero }
        destination.insertMoved(key, moving.entry, expireAt: moving.expireAt)
        source.removeEntry(key)
        // One change for the whole move.
        let before = c.engine.dirty
        source.signalModified(key)
        destination.signalModified(key)
        c.engine.countChanges(1, since: before)
        return .one
    }
}
