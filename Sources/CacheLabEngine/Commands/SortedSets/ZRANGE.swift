/// The ZRANGE family: ZRANGE, ZRANGESTORE, ZREVRANGE, ZRANGEBYSCORE, ZREVRANGEBYSCORE,
/// ZRANGEBYLEX, ZREVRANGEBYLEX. Since Redis 6.2 they are all one command with options:
///
///     ZRANGE key start stop [BYSCORE | BYLEX] [REV] [LIMIT offset count] [WITHSCORES]
///
/// - by rank (default): `start` and `stop` are 0-based ranks, negative counting from the end;
/// - BYSCORE: `min` and `max` scores (`(` exclusive, `-inf`, `+inf`);
/// - BYLEX: `[a`, `(a`, `-`, `+` member bounds;
/// - REV walks from the high end; with BYSCORE/BYLEX the arguments are then `max min`;
/// - LIMIT skips `offset` elements of the range and returns at most `count` (negative: all);
///   only with BYSCORE or BYLEX.
/// The older commands are the same code with the range kind and direction fixed.
///
/// Finding the start is one O(log n) skiplist search (by rank through the spans, or by
/// score/lex bound); the elements are then read by following level-1 links, so a range of m
/// elements costs O(log n + m).
extension SortedSetCommands {
    enum RangeKind { case rank, score, lex }

    /// A parsed range request.
    struct RangeRequest {
        var kind: RangeKind = .rank
        var reverse = false
        var withScores = false
        var offset: Int64 = 0
        var limit: Int64 = -1
        var start: Int64 = 0
        var end: Int64 = 0
        var scores = ScoreRange(min: 0, max: 0)
        var lex = LexRange(min: .minusInfinity, max: .plusInfinity)
    }

    static func zrange(_ c: CommandContext) throws(Reply) -> Reply {
        try rangeCommand(c, keyIndex: 1, store: nil, kind: nil, reverse: nil)
    }

    static func zrangestore(_ c: CommandContext) throws(Reply) -> Reply {
        try rangeCommand(c, keyIndex: 2, store: c[1], kind: nil, reverse: nil)
    }

    static func zrevrange(_ c: CommandContext) throws(Reply) -> Reply {
        try rangeCommand(c, keyIndex: 1, store: nil, kind: .rank, reverse: true)
    }

    static func zrangebyscore(_ c: CommandContext) throws(Reply) -> Reply {
        try rangeCommand(c, keyIndex: 1, store: nil, kind: .score, reverse: false)
    }

    static func zrevrangebyscore(_ c: CommandContext) throws(Reply) -> Reply {
        try rangeCommand(c, keyIndex: 1, store: nil, kind: .score, reverse: true)
    }

    static func zrangebylex(_ c: CommandContext) throws(Reply) -> Reply {
        try rangeCommand(c, keyIndex: 1, store: nil, kind: .lex, reverse: false)
    }

    static func zrevrangebylex(_ c: CommandContext) throws(Reply) -> Reply {
        try rangeCommand(c, keyIndex: 1, store: nil, kind: .lex, reverse: true)
    }

    /// Parses the options after `key min max`, in Redis's order and with its errors. A nil
    /// `kind` or `reverse` means the command accepts BYSCORE/BYLEX or REV as options.
    static func parseRange(_ c: CommandContext, keyIndex: Int, store: Bool, kind: RangeKind?, reverse: Bool?) throws(Reply) -> RangeRequest {
        var request = RangeRequest()
        var chosenKind = kind
        var chosenReverse = reverse
        var j = keyIndex + 3
        while j < c.argc {
            let left = c.argc - j - 1
            if !store && c[j].equalsIgnoringCase("withscores") {
                request.withScores = true
            } else if c[j].equalsIgnoringCase("limit") && left >= 2 {
                request.offset = try c.integer(at: j + 1)
                request.limit = try c.integer(at: j + 2)
                j += 2
            } else if reverse == nil && chosenReverse == nil && c[j].equalsIgnoringCase("rev") {
                chosenReverse = true
            } else if kind == nil && chosenKind == nil && c[j].equalsIgnoringCase("bylex") {
                chosenKind = .lex
            } else if kind == nil && chosenKind == nil && c[j].equalsIgnoringCase("byscore") {
                chosenKind = .score
            } else {
                throw RedisError.syntax
            }
            j += 1
        }
        request.kind = chosenKind ?? .rank
        request.reverse = chosenReverse ?? false
        if request.limit != -1 && request.kind == .rank {
            throw Reply.error("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX")
        }
        if request.withScores && request.kind == .lex {
            throw Reply.error("ERR syntax error, WITHSCORES not supported in combination with BYLEX")
        }
        var minIndex = keyIndex + 1, maxIndex = keyIndex + 2
        if request.reverse && request.kind != .rank { swap(&minIndex, &maxIndex) }
        switch request.kind {
        case .rank:
            request.start = try c.integer(at: minIndex)
            request.end = try c.integer(at: maxIndex)
        case .score:
            request.scores = try SortedSetArguments.scoreRange(c[minIndex], c[maxIndex], c.engine)
        case .lex:
            request.lex = try SortedSetArguments.lexRange(c[minIndex], c[maxIndex])
        }
        return request
    }

    private static func rangeCommand(_ c: CommandContext, keyIndex: Int, store destination: Bytes?,
                                     kind: RangeKind?, reverse: Bool?) throws(Reply) -> Reply {
        if destination == nil, kind != .score, kind != .lex, c.argc == keyIndex + 3 {
            // `ZRANGE key start stop` or `ZREVRANGE key start stop`, no options: the most common
            // form by far, read without building a whole request. Same checks, same order.
            let start = try c.integer(at: keyIndex + 1)
            let end = try c.integer(at: keyIndex + 2)
            guard let zset = try c.db.readSortedSet(c[keyIndex]) else { return .emptyArray }
            return .bulkStrings(rankMembers(zset, start, end, reverse: reverse ?? false, reusing: &c.engine.replySpare))
        }
        let request = try parseRange(c, keyIndex: keyIndex, store: destination != nil, kind: kind, reverse: reverse)
        let key = c[keyIndex]
        // A read lookup for ZRANGESTORE too: Redis 7.0 counts its source as a hit or a miss.
        let zset = try c.db.readSortedSet(key)
        if destination == nil, !request.withScores, request.kind == .rank {
            // The common plain ZRANGE start stop: members straight into the reply.
            guard let zset else { return .array([]) }
            return .bulkStrings(rankMembers(zset, request.start, request.end, reverse: request.reverse,
                                            reusing: &c.engine.replySpare))
        }
        let elements = zset.map { select($0, request) } ?? []
        if let destination {
            // Redis adds the elements one by one, in reply order, to a set that starts as a
            // listpack (unless a rank range is known to be too long for one) and converts
            // when an element breaks a limit: the scores added while it is a listpack lose a
            // negative zero's sign, later ones keep it.
            let limits = SortedSetValue.Limits(c.engine.config)
            var result = SortedSetValue(listpack: request.kind != .rank || Int64(elements.count) <= limits.maxEntries)
            for e in elements { result.insert(e.member, score: e.score, limits: limits) }
            c.db.storeSortedSet(destination, result)
            return .integer(result.count)
        }
        if request.withScores { return SortedSetArguments.withScores(elements, nested: c.speaksRESP3) }
        return .bulkStrings(BulkStrings(elements.lazy.map(\.member)))
    }

    /// The elements a range request selects, in reply order.
    static func select(_ zset: SortedSetValue, _ request: RangeRequest) -> [ScoredMember] {
        switch request.kind {
        case .rank: return selectRanks(zset, request.start, request.end, reverse: request.reverse)
        case .score: return selectScores(zset, request)
        case .lex: return selectLex(zset, request)
        }
    }

    /// Ranks `start...end` clamped as Redis clamps them (negative counts from the end, then
    /// cut to the set): the first rank and how many follow, or nil when the range is empty.
    static func clampedRanks(_ start: Int64, _ end: Int64, count length: Int64) -> (first: Int, count: Int)? {
        var start = start < 0 ? length + start : start
        var end = end < 0 ? length + end : end
        if start < 0 { start = 0 }
        if start > end || start >= length { return nil }
        if end >= length { end = length - 1 }
        return (Int(start), Int(end - start + 1))
    }

    /// Ranks `start...end` after Redis's clamping (negative from the end), reading from the
    /// high end when `reverse`.
    static func selectRanks(_ zset: SortedSetValue, _ start: Int64, _ end: Int64, reverse: Bool) -> [ScoredMember] {
        guard let (start, n) = clampedRanks(start, end, count: Int64(zset.count)) else { return [] }
        let list = zset.list
        // Both directions walk the backward pointers, which sit next to each node's member
        // and score (one memory access per element): an ascending range starts from its last
        // element and its elements are written from the back of the result.
        var node = list.node(atRank: reverse ? zset.count - start : start + n)
        return [ScoredMember](unsafeUninitializedCapacity: n) { buffer, initialized in
            for i in 0..<n {
                buffer.initializeElement(at: reverse ? i : n - 1 - i,
                                         to: ScoredMember(member: list.member(node), score: list.score(node)))
                node = list.previous(node)
            }
            initialized = n
        }
    }

    /// Walks from `start` (a node and its rank) skipping `offset` elements, then collects up
    /// to `limit` elements (negative: no limit) while `inRange` holds.
    private static func collect(_ zset: SortedSetValue, from start: (node: SkipList.Node, rank: Int)?, offset: Int64, limit: Int64,
                                reverse: Bool, inRange: (SkipList.Node) -> Bool) -> [ScoredMember] {
        // Redis skips `offset` elements one by one: a negative offset never stops skipping.
        guard let start, offset >= 0 else { return [] }
        let list = zset.list
        let rank = reverse ? start.rank - Int(clamping: offset) : start.rank + Int(clamping: offset)
        var node = list.node(atRank: rank)
        var result: [ScoredMember] = []
        var remaining = limit < 0 ? Int64.max : limit
        while node != SkipList.none && remaining != 0 && inRange(node) {
            result.append(zset.element(node))
            node = reverse ? list.previous(node) : list.next(node)
            remaining -= 1
        }
        return result
    }

    static func selectScores(_ zset: SortedSetValue, _ request: RangeRequest) -> [ScoredMember] {
        if request.offset > 0 && request.offset >= Int64(zset.count) { return [] }
        let range = request.scores
        let list = zset.list
        if request.reverse {
            return collect(zset, from: list.last(in: range), offset: request.offset, limit: request.limit, reverse: true) {
                range.isAboveMin(list.score($0))
            }
        }
        return collect(zset, from: list.first(in: range), offset: request.offset, limit: request.limit, reverse: false) {
            range.isBelowMax(list.score($0))
        }
    }

    static func selectLex(_ zset: SortedSetValue, _ request: RangeRequest) -> [ScoredMember] {
        if request.offset > 0 && request.offset >= Int64(zset.count) { return [] }
        let range = request.lex
        let list = zset.list
        if request.reverse {
            return collect(zset, from: zset.lexEnd(range), offset: request.offset, limit: request.limit, reverse: true) {
                range.isAboveMin(list.member($0))
            }
        }
        return collect(zset, from: zset.lexStart(range), offset: request.offset, limit: request.limit, reverse: false) {
            range.isBelowMax(list.member($0))
        }
    }
}
