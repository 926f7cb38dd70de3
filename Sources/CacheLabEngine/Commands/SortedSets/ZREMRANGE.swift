/// ZREMRANGEBYRANK, ZREMRANGEBYSCORE, ZREMRANGEBYLEX: remove a whole range at once.
///
/// The range is parsed before the key is looked up. The skiplist finds the first element in
/// O(log n) and unlinks the run from there, O(log n + m) for m removed elements.
extension SortedSetCommands {
    /// ZREMRANGEBYRANK key start stop (0-based, negative from the end).
    static func zremrangebyrank(_ c: CommandContext) throws(Reply) -> Reply {
        let start = try c.integer(at: 2), end = try c.integer(at: 3)
        return try removeRange(c) { zset in
            let length = Int64(zset.count)
            var s = start < 0 ? length + start : start
            var e = end < 0 ? length + end : end
            if s < 0 { s = 0 }
            if s > e || s >= length { return 0 }
            if e >= length { e = length - 1 }
            return zset.removeRanks(Int(s), Int(e))
        }
    }

    /// ZREMRANGEBYSCORE key min max
    static func zremrangebyscore(_ c: CommandContext) throws(Reply) -> Reply {
        let range = try SortedSetArguments.scoreRange(c[2], c[3], c.engine)
        return try removeRange(c) { $0.remove(in: range) }
    }

    /// ZREMRANGEBYLEX key min max
    static func zremrangebylex(_ c: CommandContext) throws(Reply) -> Reply {
        let range = try SortedSetArguments.lexRange(c[2], c[3])
        return try removeRange(c) { $0.remove(in: range) }
    }

    private static func removeRange(_ c: CommandContext, _ body: (inout SortedSetValue) -> Int) throws(Reply) -> Reply {
        let key = c[1]
        // One change per member removed; deleting the emptied key adds none.
        let before = c.engine.dirty
        let removed = try c.db.modifySortedSet(key, body) ?? 0
        if removed > 0 { c.db.signalModified(key) }
        c.engine.countChanges(removed, since: before)
        return .integer(removed)
    }
}
