/// LRANGE: a slice of a list.
extension ListCommands {
    /// LRANGE key start stop: the elements from `start` to `stop` inclusive; negative indexes
    /// count from the tail (-1 is the last). The indexes are parsed before the key is read.
    static func lrange(_ c: CommandContext) throws(Reply) -> Reply {
        let start = try c.integer(at: 2)
        let stop = try c.integer(at: 3)
        guard let list = try c.db.readList(c[1]),
              let range = ListIndex.range(start: start, stop: stop, count: list.count) else {
            return .emptyArray
        }
        var replies: [Reply] = []
        replies.reserveCapacity(range.count)
        for p in range { replies.append(.bulk(list[p])) }
        return .array(replies)
    }
}
