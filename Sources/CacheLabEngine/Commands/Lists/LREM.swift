/// LREM: remove occurrences of an element.
extension ListCommands {
    /// LREM key count element: removes elements equal to `element`: the first `count` from the
    /// head when positive, the last `-count` from the tail when negative, all when 0. Replies
    /// with how many were removed; the count is parsed before the key is looked at.
    static func lrem(_ c: CommandContext) throws(Reply) -> Reply {
        let count = try c.integer(at: 2)
        let db = c.db
        let key = c[1]
        guard try db.listLengthForWrite(key) != nil else { return .zero }
        let element = c[3]
        // Redis negates a negative count in a long, so LLONG_MIN stays negative and never
        // matches the number removed: it removes every occurrence, from the tail.
        let limit = (count == 0 || count == Int64.min) ? Int.max : Int(count.magnitude)
        // Like Redis, a key with no occurrence is not touched at all (WATCH sees no change).
        guard db.inspectList(key, { $0.items.contains(element) }) == true else { return .zero }
        // One change per element removed.
        let before = c.engine.dirty
        let removed = db.modifyList(key) { $0.removeAll(equalTo: element, limit: limit, fromHead: count >= 0) }
        c.engine.countChanges(removed, since: before)
        return .integer(removed)
    }
}
