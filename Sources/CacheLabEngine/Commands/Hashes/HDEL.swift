/// HDEL: remove fields.
extension HashCommands {
    /// HDEL key field [field ...]: removes the fields; replies with how many existed. The key
    /// goes when its last field does. A call that removes nothing changes nothing.
    static func hdel(_ c: CommandContext) throws(Reply) -> Reply {
        let db = c.db
        let key = c[1]
        guard try db.hashExistsForWrite(key) else { return .zero }
        let fields = c.argv[2...]
        let anyPresent = db.inspectHash(key) { hash in fields.contains { hash.contains($0) } } ?? false
        guard anyPresent else { return .zero }
        // One change per field deleted; deleting the emptied hash adds none.
        let before = c.engine.dirty
        let deleted = db.modifyHash(key) { hash in
            var deleted = 0
            for field in fields where hash.remove(field) {
                deleted += 1
                if hash.isEmpty { break }
            }
            return deleted
        }
        c.engine.countChanges(deleted, since: before)
        return .integer(deleted)
    }
}
