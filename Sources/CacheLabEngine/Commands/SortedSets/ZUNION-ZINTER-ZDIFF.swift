/// Sorted-set algebra: ZUNION, ZINTER, ZDIFF, their STORE forms, and ZINTERCARD.
///
///     ZUNIONSTORE destination numkeys key [key ...] [WEIGHTS w ...] [AGGREGATE SUM|MIN|MAX]
///     ZUNION numkeys key [key ...] [WEIGHTS w ...] [AGGREGATE SUM|MIN|MAX] [WITHSCORES]
///
/// Inputs may be sorted sets or plain sets (every member scoring 1); a missing key is empty.
/// Each input score is multiplied by its weight, then scores of the same member are combined
/// by the aggregate. Following Redis, a NaN from `inf × 0` counts as 0, and a SUM of `inf` and
/// `-inf` is 0 too.
/// - union: accumulates every member of every input (smallest input first);
/// - intersection: walks the smallest input and keeps members found in all the others;
/// - difference: members of the first input found in no other (with the first input's
///   scores; no WEIGHTS or AGGREGATE).
/// A stored result is a listpack when it fits the listpack limits, a skiplist otherwise.
extension SortedSetCommands {
    enum Aggregate { case sum, min, max }
    enum SetOperation { case union, intersection, difference }

    /// One input: a sorted set, a set, or nothing (missing key), with its weight.
    struct Source {
        let key: Bytes
        var zset: SortedSetValue?
        var set: SetValue?
        var weight = 1.0

        var count: Int { zset?.count ?? set?.count ?? 0 }

        func forEach(_ body: (Bytes, Double) -> Void) {
            if let zset {
                var node = zset.list.first
                while node != SkipList.none {
                    body(zset.list.member(node), zset.list.score(node))
                    node = zset.list.next(node)
                }
            } else if let set {
                for position in 0..<set.count { body(set.member(at: position), 1) }
            }
        }

        func score(of member: Bytes) -> Double? {
            if let zset { return zset.score(of: member) }
            if let set { return set.contains(member) ? 1 : nil }
            return nil
        }
    }

    static func aggregate(_ target: inout Double, _ value: Double, _ how: Aggregate) {
        switch how {
        case .sum:
            target += value
            if target.isNaN { target = 0 }
        case .min:
            target = value < target ? value : target
        case .max:
            target = value > target ? value : target
        }
    }

    static func zunion(_ c: CommandContext) throws(Reply) -> Reply { try algebra(c, .union, destination: nil, numkeysIndex: 1) }
    static func zinter(_ c: CommandContext) throws(Reply) -> Reply { try algebra(c, .intersection, destination: nil, numkeysIndex: 1) }
    static func zdiff(_ c: CommandContext) throws(Reply) -> Reply { try algebra(c, .difference, destination: nil, numkeysIndex: 1) }
    static func zunionstore(_ c: CommandContext) throws(Reply) -> Reply { try algebra(c, .union, destination: c[1], numkeysIndex: 2) }
    static func zinterstore(_ c: CommandContext) throws(Reply) -> Reply { try algebra(c, .intersection, destination: c[1], numkeysIndex: 2) }
    static func zdiffstore(_ c: CommandContext) throws(Reply) -> Reply { try algebra(c, .difference, destination: c[1], numkeysIndex: 2) }
    static func zintercard(_ c: CommandContext) throws(Reply) -> Reply { try algebra(c, .intersection, destination: nil, numkeysIndex: 1, cardinalityOnly: true) }

    private static func algebra(_ c: CommandContext, _ operation: SetOperation, destination: Bytes?, numkeysIndex: Int,
                                cardinalityOnly: Bool = false) throws(Reply) -> Reply {
        let setnum = try c.integer(at: numkeysIndex)
        if setnum < 1 {
            throw Reply.error("ERR at least 1 input key is needed for '\(c.name)' command")
        }
        guard setnum <= Int64(c.argc - numkeysIndex - 1) else { throw RedisError.syntax }
        let n = Int(setnum)
        // Every input is looked up (and type-checked) before the options are parsed, as a
        // read even for the STORE forms: Redis 7.0 counts keyspace hits and misses for them.
        var sources: [Source] = []
        sources.reserveCapacity(n)
        for j in (numkeysIndex + 1)...(numkeysIndex + n) {
            let key = c[j]
            let value = c.db.lookupRead(key)
            switch value {
            case nil: sources.append(Source(key: key))
            case .zset(let zset)?: sources.append(Source(key: key, zset: zset))
            case .set(let set)?: sources.append(Source(key: key, set: set))
            default: throw RedisError.wrongType
            }
        }
        var how = Aggregate.sum
        var withScores = false
        var limit = 0
        var j = numkeysIndex + n + 1
        while j < c.argc {
            let remaining = c.argc - j
            if operation != .difference && !cardinalityOnly && remaining >= n + 1 && c[j].equalsIgnoringCase("weights") {
                for i in 0..<n {
                    guard let weight = SortedSetArguments.score(c[j + 1 + i], c.engine) else {
                        throw Reply.error("ERR weight value is not a float")
                    }
                    sources[i].weight = weight
                }
                j += n + 1
            } else if operation != .difference && !cardinalityOnly && remaining >= 2 && c[j].equalsIgnoringCase("aggregate") {
                let word = c[j + 1]
                if word.equalsIgnoringCase("sum") { how = .sum }
                else if word.equalsIgnoringCase("min") { how = .min }
                else if word.equalsIgnoringCase("max") { how = .max }
                else { throw RedisError.syntax }
                j += 2
            } else if destination == nil && !cardinalityOnly && c[j].equalsIgnoringCase("withscores") {
                withScores = true
                j += 1
            } else if cardinalityOnly && remaining >= 2 && c[j].equalsIgnoringCase("limit") {
                limit = Int(try c.nonNegativeLong(at: j + 1, message: "LIMIT can't be negative"))
                j += 2
            } else {
                throw RedisError.syntax
            }
        }
        if operation != .difference {
            // Smallest first; a stable sort keeps the argument order between equal sizes.
            sources = sources.enumerated().sorted { ($0.element.count, $0.offset) < ($1.element.count, $1.offset) }.map(\.element)
        }
        if cardinalityOnly {
            return .integer(intersectionCount(sources, limit: limit))
        }
        var result = SortedSetValue(listpack: false)
        let limits = SortedSetValue.Limits(c.engine.config)
        switch operation {
        case .intersection: intersect(sources, how, into: &result, limits: limits)
        case .union: unite(sources, how, into: &result, limits: limits)
        case .difference: subtract(sources, into: &result, limits: limits)
        }
        if let destination {
            result.chooseEncodingForResult(limits: limits)
            c.db.storeSortedSet(destination, result)
            return .integer(result.count)
        }
        let elements = selectRanks(result, 0, -1, reverse: false)
        if withScores { return SortedSetArguments.withScores(elements, nested: c.speaksRESP3) }
        return .array(elements.map { .bulk($0.member) })
    }

    /// Calls `body` with each member of the smallest input found in every input, and its
    /// aggregated score.
    private static func forEachCommonMember(_ sources: [Source], _ how: Aggregate, _ body: (Bytes, Double) -> Bool) {
        guard let first = sources.first, first.count > 0 else { return }
        var stopped = false
        first.forEach { member, rawScore in
            if stopped { return }
            var score = first.weight * rawScore
            if score.isNaN { score = 0 }
            for other in sources.dropFirst() {
                let value: Double
                if other.key == first.key {
                    value = rawScore * other.weight
                } else if let found = other.score(of: member) {
                    value = found * other.weight
                } else {
                    return
                }
                aggregate(&score, value, how)
            }
            if !body(member, score) { stopped = true }
        }
    }

    private static func intersect(_ sources: [Source], _ how: Aggregate, into result: inout SortedSetValue, limits: SortedSetValue.Limits) {
        forEachCommonMember(sources, how) { member, score in
            result.insert(member, score: score, limits: limits)
            return true
        }
    }

    private static func intersectionCount(_ sources: [Source], limit: Int) -> Int {
        var count = 0
        forEachCommonMember(sources, .sum) { _, _ in
            count += 1
            return limit == 0 || count < limit
        }
        return count
    }

    private static func unite(_ sources: [Source], _ how: Aggregate, into result: inout SortedSetValue, limits: SortedSetValue.Limits) {
        var accumulator = KeyTable<Double>()
        for source in sources where source.count > 0 {
            source.forEach { member, rawScore in
                var score = source.weight * rawScore
                if score.isNaN { score = 0 }
                if let p = accumulator.position(of: member) {
                    accumulator.withValue(at: p) { aggregate(&$0, score, how) }
                } else {
                    accumulator.insertNew(member, score)
                }
            }
        }
        // Redis sizes the result's dict for the whole union before filling it.
        result.presizeDict(for: accumulator.count)
        for p in 0..<accumulator.count {
            result.insert(accumulator.key(at: p), score: accumulator.value(at: p), limits: limits)
        }
    }

    private static func subtract(_ sources: [Source], into result: inout SortedSetValue, limits: SortedSetValue.Limits) {
        guard let first = sources.first, first.count > 0 else { return }
        // The first key named again: everything is subtracted.
        if sources.dropFirst().contains(where: { $0.key == first.key }) { return }
        let others = sources.dropFirst().filter { $0.count > 0 }
        first.forEach { member, score in
            if !others.contains(where: { $0.score(of: member) != nil }) {
                result.insert(member, score: score, limits: limits)
            }
        }
    }
}
