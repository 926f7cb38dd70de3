/// LINSERT: insert an element next to another.
extension ListCommands {
    /// LINSERT key BEFORE|AFTER pivot element: inserts `element` before or after the first
    /// occurrence of `pivot` (searching from the head). Replies with the new length, -1 when
    /// the pivot is not in the list, 0 when the key is missing. BEFORE/AFTER is checked first.
    static func linsert(_ c: CommandContext) throws(Reply) -> Reply {
        let after: Bool
        if c[2].equalsIgnoringCase("after") {
            after = true
        } else if c[2].equalsIgnoringCase("before") {
            after = false
        } else {
            throw RedisError.syntax
        }
        let db = c.db
        let key = c[1]
        guard try db.listLengthForWrite(key) != nil else { return .zero }
        let pivot = c[3]
        guard let found = db.inspectList(key, { $0.items.firstIndex(of: pivot) }), let p = found else {
            return .integer(-1)
        }
        let element = c[4]
        return .integer(db.modifyList(key) { list in
            list.insert(element, at: after ? p + 1 : p)
            return list.count
        })
    }
}
