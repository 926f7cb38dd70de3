/// XTRIM key MAXLEN|MINID [=|~] threshold [LIMIT count]
///
/// Removes the oldest entries: down to `threshold` entries (MAXLEN) or those with an ID
/// below `threshold` (MINID), and replies with how many were removed. With `~` only whole
/// nodes go (see `StreamValue.trim`), so a few more entries than asked may remain.
extension StreamCommands {
    static func xtrim(_ c: CommandContext) throws(Reply) -> Reply {
        let options = try StreamAddTrimArguments(c, forXADD: false)
        let db = c.db
        guard let position = try db.streamPositionForWrite(c[1]), let strategy = options.strategy else { return .zero }
        var errnoCleared = false
        let deleted = db.withStream(at: position) { stream in
            stream.trim(strategy, approximate: options.approximate, limit: options.limit, errnoCleared: &errnoCleared)
        }
        c.engine.noteErrnoCleared(if: errnoCleared)
        if deleted > 0 {
            // One change per entry deleted.
            let before = c.engine.dirty
            db.signalModified(c[1])
            c.engine.countChanges(Int(deleted), since: before)
        }
        return .integer(deleted)
    }
}
