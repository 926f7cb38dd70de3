/// RENAME and RENAMENX: give a key a new name, TTL included.
extension KeyCommands {
    /// RENAME key newkey: OK; an existing newkey is overwritten.
    static func rename(_ c: CommandContext) throws(Reply) -> Reply {
        try renameKey(c, onlyIfAbsent: false)
    }

    /// RENAMENX key newkey: 1 when renamed, 0 when newkey already exists.
    static func renamenx(_ c: CommandContext) throws(Reply) -> Reply {
        try renameKey(c, onlyIfAbsent: true)
    }

    /// Redis's order of checks: a missing source is an error even when both names are equal;
    /// equal names then succeed without doing anything (RENAMENX answers 0).
    private static func renameKey(_ c: CommandContext, onlyIfAbsent: Bool) throws(Reply) -> Reply {
        let db = c.db
        let source = c[1]
        let target = c[2]
        guard let moving = db.takeForMove(source) else { throw RedisError.noSuchKey }
        if source == target { return onlyIfAbsent ? .zero : .ok }
        if db.lookupWrite(target) != nil {
            if onlyIfAbsent { return .zero }
            db.removeEntry(target)
        }
        db.insertMoved(target, moving.entry, expireAt: moving.expireAt)
        db.removeEntry(source)
        // One change for the whole rename.
        let before = c.engine.dirty
        db.signalModified(source)
        db.signalModified(target)
        c.engine.countChanges(1, since: before)
        return onlyIfAbsent ? .one : .ok
    }
}
