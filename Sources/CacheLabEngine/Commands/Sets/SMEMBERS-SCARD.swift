/// The read-only questions: SMEMBERS, SISMEMBER, SMISMEMBER, SCARD.
extension SetCommands {
    /// SMEMBERS key: every member (a RESP3 set), in the encoding's order: ascending for an
    /// intset, table order for a hash table.
    static func smembers(_ c: CommandContext) throws(Reply) -> Reply {
        guard let set = try c.db.readSet(c[1]) else { return .set([]) }
        return .set(set.members.map(Reply.bulk))
    }

    /// SISMEMBER key member: 1 or 0.
    static func sismember(_ c: CommandContext) throws(Reply) -> Reply {
        guard let set = try c.db.readSet(c[1]) else { return .zero }
        return set.contains(c[2]) ? .one : .zero
    }

    /// SMISMEMBER key member [member ...]: 1 or 0 for each member.
    static func smismember(_ c: CommandContext) throws(Reply) -> Reply {
        let set = try c.db.readSet(c[1])
        return .array((2..<c.argc).map { set?.contains(c[$0]) == true ? .one : .zero })
    }

    /// SCARD key: the number of members, 0 for a missing key.
    static func scard(_ c: CommandContext) throws(Reply) -> Reply {
        .integer(try c.db.readSet(c[1])?.count ?? 0)
    }
}
