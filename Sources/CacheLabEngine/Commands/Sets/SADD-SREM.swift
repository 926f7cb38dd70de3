/// SADD and SREM: adding and removing members.
extension SetCommands {
    /// SADD key member [member ...]: how many members were new. Creates the set.
    static func sadd(_ c: CommandContext) throws(Reply) -> Reply {
        // The engine and the database held once for the whole command (each use of `c.engine`
        // or `c.db` would retain and release them), and only the arguments captured below.
        let engine: Engine = c.engine, db: Database = c.db, argv = c.argv
        let key = argv[1]
        let limit = engine.config.setMaxIntsetEntries
        // One change per member added.
        let before = engine.dirty
        let added = try db.modifySet(key, create: true) { set in
            var added = 0
            for i in 2..<argv.count where set.insert(argv[i], maxIntsetEntries: limit) { added += 1 }
            return added
        } ?? 0
        if added > 0 { db.signalModified(key) }
        engine.countChanges(added, since: before)
        return .integer(added)
    }

    /// SREM key member [member ...]: how many members were removed. An emptied set is deleted.
    static func srem(_ c: CommandContext) throws(Reply) -> Reply {
        let key = c[1]
        // One change per member removed; deleting the emptied set adds none.
        let before = c.engine.dirty
        let removed = try c.db.modifySet(key) { set in
            var removed = 0
            for i in 2..<c.argc {
                if set.remove(c[i]) { removed += 1 }
                if set.isEmpty { break }
            }
            return removed
        } ?? 0
        if removed > 0 { c.db.signalModified(key) }
        c.engine.countChanges(removed, since: before)
        return .integer(removed)
    }
}
