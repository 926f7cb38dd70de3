/// HGET and HMGET: read field values.
extension HashCommands {
    /// HGET key field: the value, or null when the field or the key is missing.
    static func hget(_ c: CommandContext) throws(Reply) -> Reply {
        guard let hash = try c.db.readHash(c[1]) else { return .null }
        return .bulkOrNull(hash[c[2]])
    }

    /// HMGET key field [field ...]: an array with each value or null; all nulls when the key is
    /// missing.
    static func hmget(_ c: CommandContext) throws(Reply) -> Reply {
        let hash = try c.db.readHash(c[1])
        var replies: [Reply] = []
        replies.reserveCapacity(c.argc - 2)
        for i in 2..<c.argc { replies.append(.bulkOrNull(hash?[c[i]])) }
        return .array(replies)
    }
}
