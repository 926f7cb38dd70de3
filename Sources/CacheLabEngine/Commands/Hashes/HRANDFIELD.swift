/// HRANDFIELD: random fields of a hash.
///
/// HRANDFIELD key [count [WITHVALUES]]
///
/// - Without a count: one random field as a bulk string (null when the key is missing).
/// - With a positive count: up to `count` distinct fields. When `count` covers the whole hash,
///   the whole hash comes back in its iteration order. A listpack hash picks its sample in
///   one ordered pass (selection sampling: each entry is taken with probability
///   needed / remaining), so the sample keeps the listpack's order; a hashtable picks random
///   positions until it has enough distinct ones.
/// - With a negative count: exactly `-count` fields drawn independently, so a field may repeat.
///   (A count of 1 is drawn this way too, as in Redis.)
/// - WITHVALUES adds each field's value: a flat array in RESP2, an array of `[field, value]`
///   pairs in RESP3.
///
/// The choices come from the engine's seeded generator, so a run with the same seed repeats.
extension HashCommands {
    static let countOutOfRange = Reply.error(
        "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807"
    )

    static func hrandfield(_ c: CommandContext) throws(Reply) -> Reply {
        guard c.argc >= 3 else {
            guard let hash = try c.db.readHash(c[1]) else { return .null }
            return .bulk(hash.entry(at: hash.randomIndex(using: &c.engine.random)).field)
        }
        let count = try c.integer(at: 2)
        if count == Int64.min { throw countOutOfRange }
        if c.argc > 4 || (c.argc == 4 && !c[3].equalsIgnoringCase("withvalues")) { throw RedisError.syntax }
        let withValues = c.argc == 4
        if withValues && (count < -(Int64.max / 2) || count > Int64.max / 2) {
            throw Reply.error("ERR value is out of range")
        }
        guard let hash = try c.db.readHash(c[1]), count != 0 else { return .emptyArray }
        if count < 0 { try ReplyCapacity.check(Int(count.magnitude) * (withValues ? 2 : 1)) }
        let positions = sample(hash, count: count, random: &c.engine.random)
        return reply(hash, positions: positions, withValues: withValues, resp3: c.session.protocolVersion >= 3)
    }

    /// The iteration positions to reply with, in reply order.
    private static func sample(_ hash: HashValue, count: Int64, random: inout RandomSource) -> [Int] {
        let size = hash.count
        if count < 0 || count == 1 {
            let n = Int(count.magnitude)
            var positions: [Int] = []
            positions.reserveCapacity(min(n, 1 << 20))
            for _ in 0..<n { positions.append(random.below(size)) }
            return positions
        }
        if count >= Int64(size) { return Array(0..<size) }
        let wanted = Int(count)
        if hash.isListpack {
            var positions: [Int] = []
            positions.reserveCapacity(wanted)
            for p in 0..<size where positions.count < wanted {
                let needed = wanted - positions.count
                if random.below(size - p) < needed { positions.append(p) }
            }
            return positions
        }
        var chosen = Set<Int>()
        var positions: [Int] = []
        positions.reserveCapacity(wanted)
        while positions.count < wanted {
            let p = random.below(size)
            if chosen.insert(p).inserted { positions.append(p) }
        }
        return positions
    }

    private static func reply(_ hash: HashValue, positions: [Int], withValues: Bool, resp3: Bool) -> Reply {
        var replies: [Reply] = []
        replies.reserveCapacity(withValues && !resp3 ? positions.count * 2 : positions.count)
        for p in positions {
            let (field, value) = hash.entry(at: p)
            if !withValues {
                replies.append(.bulk(field))
            } else if resp3 {
                replies.append(.array([.bulk(field), .bulk(value)]))
            } else {
                replies.append(.bulk(field))
                replies.append(.bulk(value))
            }
        }
        return .array(replies)
    }
}
