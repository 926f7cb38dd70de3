/// ZREM key member [member ...]: removes members; answers how many were there.
extension SortedSetCommands {
    static func zrem(_ c: CommandContext) throws(Reply) -> Reply {
        let key = c[1]
        // One change per member removed; deleting the emptied key adds none.
        let before = c.engine.dirty
        let removed = try c.db.modifySortedSet(key) { zset in
            var removed = 0
            for i in 2..<c.argc {
                if zset.remove(c[i]) { removed += 1 }
                if zset.isEmpty { break }
            }
            return removed
        } ?? 0
        if removed > 0 { c.db.signalModified(key) }
        c.engine.countChanges(removed, since: before)
        return .integer(removed)
    }
}
