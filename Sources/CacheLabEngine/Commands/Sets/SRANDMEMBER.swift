/// SRANDMEMBER key [count]: random members, without removing them.
///
/// A positive count asks for distinct members, a negative one for that many independent draws
/// (repeats allowed). Like Redis, distinct members are chosen by one of three strategies:
/// the whole set when count ≥ size; when count × 3 > size, start from every member and drop
/// random ones until count are left; otherwise draw random members until count distinct ones
/// were seen.
extension SetCommands {
    static let srandmemberSubtractStrategyFactor = 3

    static func srandmember(_ c: CommandContext) throws(Reply) -> Reply {
        if c.argc == 3 { return try srandmemberCount(c) }
        if c.argc > 3 { throw RedisError.syntax }
        guard let set = try c.db.readSet(c[1]) else { return .null }
        return .bulk(set.member(at: set.randomPosition(&c.engine.random)))
    }

    private static func srandmemberCount(_ c: CommandContext) throws(Reply) -> Reply {
        let requested = try c.rangedLong(at: 2, min: -Int64.max, max: Int64.max)
        guard let set = try c.db.readSet(c[1]) else { return .emptyArray }
        if requested == 0 { return .emptyArray }
        let size = set.count
        let count = Int(requested.magnitude)
        // Draws with repeats (and a single draw) need no bookkeeping.
        if requested < 0 || count == 1 {
            try ReplyCapacity.check(count)
            var result: [Reply] = []
            result.reserveCapacity(count)
            for _ in 0..<count {
                result.append(.bulk(set.member(at: set.randomPosition(&c.engine.random))))
            }
            return .array(result)
        }
        if count >= size {
            return .array(set.members.map(Reply.bulk))
        }
        let positions = c.engine.random.distinctPositions(count: count, of: size, subtractFactor: srandmemberSubtractStrategyFactor)
        return .array(positions.map { .bulk(set.member(at: $0)) })
    }
}
