/// LTRIM: keep only a slice of a list.
extension ListCommands {
    /// LTRIM key start stop: keeps the elements from `start` to `stop` (indexes as LRANGE) and
    /// removes the rest; an empty range deletes the key. Always OK, even for a missing key.
    static func ltrim(_ c: CommandContext) throws(Reply) -> Reply {
        let start = try c.integer(at: 2)
        let stop = try c.integer(at: 3)
        let db = c.db
        let key = c[1]
        guard let length = try db.listLengthForWrite(key) else { return .ok }
        let head: Int
        let tail: Int
        if let range = ListIndex.range(start: start, stop: stop, count: length) {
            head = range.lowerBound
            tail = length - 1 - range.upperBound
        } else {
            head = length
            tail = 0
        }
        // One change per element removed; trimming nothing changes nothing, though WATCH is
        // told as in Redis.
        let before = c.engine.dirty
        db.modifyList(key) { $0.trim(head: head, tail: tail) }
        c.engine.countChanges(head + tail, since: before)
        return .ok
    }
}
