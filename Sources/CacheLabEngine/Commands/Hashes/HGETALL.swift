/// HGETALL, HKEYS and HVALS: the whole hash.
///
/// A listpack hash answers in insertion order, a hashtable in table order (see `HashValue`).
extension HashCommands {
    /// HGETALL key: every field and its value: a map in RESP3, a flat array in RESP2.
    static func hgetall(_ c: CommandContext) throws(Reply) -> Reply {
        guard let hash = try c.db.readHash(c[1]) else { return .map([]) }
        var replies: [Reply] = []
        replies.reserveCapacity(hash.count * 2)
        hash.forEach { field, value in
            replies.append(.bulk(field))
            replies.append(.bulk(value))
        }
        return .map(replies)
    }

    /// HKEYS key: every field.
    static func hkeys(_ c: CommandContext) throws(Reply) -> Reply {
        guard let hash = try c.db.readHash(c[1]) else { return .emptyArray }
        var replies: [Reply] = []
        replies.reserveCapacity(hash.count)
        hash.forEach { field, _ in replies.append(.bulk(field)) }
        return .array(replies)
    }

    /// HVALS key: every value.
    static func hvals(_ c: CommandContext) throws(Reply) -> Reply {
        guard let hash = try c.db.readHash(c[1]) else { return .emptyArray }
        var replies: [Reply] = []
        replies.reserveCapacity(hash.count)
        hash.forEach { _, value in replies.append(.bulk(value)) }
        return .array(replies)
    }
}
