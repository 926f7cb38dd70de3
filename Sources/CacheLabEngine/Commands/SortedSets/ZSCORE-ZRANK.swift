/// Questions about single members: ZCARD, ZSCORE, ZMSCORE, ZRANK, ZREVRANK.
extension SortedSetCommands {
    /// ZCARD key: the number of members, 0 for a missing key.
    static func zcard(_ c: CommandContext) throws(Reply) -> Reply {
        .integer(try c.db.readSortedSet(c[1])?.count ?? 0)
    }

    /// ZSCORE key member: the score (a RESP3 double), or null.
    static func zscore(_ c: CommandContext) throws(Reply) -> Reply {
        guard let score = try c.db.readSortedSet(c[1])?.score(of: c[2]) else { return .null }
        return .double(score)
    }

    /// ZMSCORE key member [member ...]: a score or null for each member.
    static func zmscore(_ c: CommandContext) throws(Reply) -> Reply {
        let zset = try c.db.readSortedSet(c[1])
        return .array((2..<c.argc).map { i in zset?.score(of: c[i]).map(Reply.double) ?? .null })
    }

    /// ZRANK key member: the 0-based rank by ascending score, or null.
    static func zrank(_ c: CommandContext) throws(Reply) -> Reply {
        guard let rank = try c.db.readSortedSet(c[1])?.rank(of: c[2]) else { return .null }
        return .integer(rank)
    }

    /// ZREVRANK key member: the 0-based rank by descending score, or null.
    static func zrevrank(_ c: CommandContext) throws(Reply) -> Reply {
        guard let zset = try c.db.readSortedSet(c[1]), let rank = zset.rank(of: c[2]) else { return .null }
        return .integer(zset.count - 1 - rank)
    }
}
