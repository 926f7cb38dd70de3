/// XDEL key id [id ...]
///
/// Deletes entries by ID and replies with how many existed. All IDs are checked before any
/// is deleted, so a bad ID deletes nothing. The deleted entries become tombstones inside
/// their node (a node left with no live entry is freed); the stream remembers the greatest
/// deleted ID, which tells consumer groups their read counters may be off.
extension StreamCommands {
    static func xdel(_ c: CommandContext) throws(Reply) -> Reply {
        let db = c.db
        guard let position = try db.streamPositionForWrite(c[1]) else { return .zero }
        var ids: [StreamID] = []
        ids.reserveCapacity(c.argc - 2)
        for i in 2..<c.argc { ids.append(try StreamIDParser.strict(c[i], staleRangeError: &c.engine.staleRangeError)) }

        var errnoCleared = false
        let deleted = db.withStream(at: position) { stream -> Int in
            var deleted = 0
            var firstWasDeleted = false
            for id in ids {
                guard stream.delete(id) else {
                    // Redis looks for each ID with an iterator, which may run off the end.
                    if stream.lookRunsOut(for: id) { errnoCleared = true }
                    continue
                }
                if id == stream.firstID { firstWasDeleted = true }
                if id > stream.maxDeletedID { stream.maxDeletedID = id }
                deleted += 1
            }
            if deleted > 0 && (stream.length == 0 || firstWasDeleted) { stream.refreshFirstID() }
            return deleted
        }
        c.engine.noteErrnoCleared(if: errnoCleared)
        if deleted > 0 {
            // One change per entry deleted.
            let before = c.engine.dirty
            db.signalModified(c[1])
            c.engine.countChanges(deleted, since: before)
        }
        return .integer(deleted)
    }
}
