/// SELECT, SWAPDB, DBSIZE: the numbered databases.
extension KeyCommands {
    /// SELECT index: later commands of this session use that database.
    static func select(_ c: CommandContext) throws(Reply) -> Reply {
        c.session.databaseIndex = try databaseIndex(c, at: 1)
        return .ok
    }

    static let invalidFirstIndex = Reply.error("ERR invalid first DB index")
    static let invalidSecondIndex = Reply.error("ERR invalid second DB index")

    /// SWAPDB index1 index2: exchanges the contents of two databases, so every session that
    /// selected one sees the other's keys. Sessions watching keys there are told (see
    /// `Database.touchAllWatchedKeys`).
    static func swapdb(_ c: CommandContext) throws(Reply) -> Reply {
        let first = try int32(c, at: 1, error: invalidFirstIndex)
        let second = try int32(c, at: 2, error: invalidSecondIndex)
        let count = c.engine.databases.count
        guard first >= 0, first < count, second >= 0, second < count else { throw RedisError.dbIndexOutOfRange }
        c.engine.databases[first].swapContents(with: c.engine.databases[second])
        c.engine.dirty &+= 1
        return .ok
    }

    /// DBSIZE: the number of keys, counting expired keys not yet collected (as Redis does).
    static func dbsize(_ c: CommandContext) -> Reply {
        .integer(c.db.count)
    }
}
