/// ZCOUNT key min max and ZLEXCOUNT key min max: how many members a range holds, in
/// O(log n) from the ranks of its two ends. The range is parsed before the key is looked up.
extension SortedSetCommands {
    static func zcount(_ c: CommandContext) throws(Reply) -> Reply {
        let range = try SortedSetArguments.scoreRange(c[2], c[3], c.engine)
        return .integer(try c.db.readSortedSet(c[1])?.count(in: range) ?? 0)
    }

    static func zlexcount(_ c: CommandContext) throws(Reply) -> Reply {
        let range = try SortedSetArguments.lexRange(c[2], c[3])
        return .integer(try c.db.readSortedSet(c[1])?.count(in: range) ?? 0)
    }
}
