/// ZRANDMEMBER key [count [WITHSCORES]]: random members, without removing them.
///
/// Like SRANDMEMBER: a negative count allows repeats (independent draws); a positive count
/// asks for distinct members. Distinct members come from one of Redis's strategies: the whole
/// sorted set, highest score first, when count ≥ size; when count × 3 > size, every member minus random
/// ones until count are left; otherwise random draws until count distinct members were seen.
extension SortedSetCommands {
    static let zrandmemberSubtractStrategyFactor = 3

    static func zrandmember(_ c: CommandContext) throws(Reply) -> Reply {
        if c.argc >= 3 {
            let requested = try c.rangedLong(at: 2, min: -Int64.max, max: Int64.max)
            var withScores = false
            if c.argc > 4 || (c.argc == 4 && !c[3].equalsIgnoringCase("withscores")) {
                throw RedisError.syntax
            } else if c.argc == 4 {
                withScores = true
                if requested < -Int64.max / 2 || requested > Int64.max / 2 {
                    throw Reply.error("ERR value is out of range")
                }
            }
            return try randomMembers(c, requested: requested, withScores: withScores)
        }
        guard let zset = try c.db.readSortedSet(c[1]) else { return .null }
        return .bulk(zset.scores.key(at: c.engine.random.below(zset.count)))
    }

    private static func randomMembers(_ c: CommandContext, requested: Int64, withScores: Bool) throws(Reply) -> Reply {
        guard let zset = try c.db.readSortedSet(c[1]) else { return .emptyArray }
        if requested == 0 { return .emptyArray }
        let count = Int(requested.magnitude)
        let size = zset.count
        let table = zset.scores
        func reply(_ positions: [Int]) -> Reply {
            let elements = positions.map { ScoredMember(member: table.key(at: $0), score: table.value(at: $0)) }
            if withScores { return SortedSetArguments.withScores(elements, nested: c.speaksRESP3) }
            return .array(elements.map { .bulk($0.member) })
        }
        if requested < 0 || count == 1 {
            try ReplyCapacity.check(withScores ? count * 2 : count)
            var positions: [Int] = []
            positions.reserveCapacity(count)
            for _ in 0..<count { positions.append(c.engine.random.below(size)) }
            return reply(positions)
        }
        if count >= size {
            // Redis answers with the whole sorted set, from the highest score down.
            let all = selectRanks(zset, 0, -1, reverse: true)
            if withScores { return SortedSetArguments.withScores(all, nested: c.speaksRESP3) }
            return .array(all.map { .bulk($0.member) })
        }
        let positions = c.engine.random.distinctPositions(count: count, of: size, subtractFactor: zrandmemberSubtractStrategyFactor)
        return reply(positions)
    }
}
