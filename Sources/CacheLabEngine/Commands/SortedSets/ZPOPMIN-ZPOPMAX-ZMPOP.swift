/// Popping the lowest or highest members: ZPOPMIN, ZPOPMAX and ZMPOP (their blocking forms
/// are in BZPOPMIN-BZPOPMAX-BZMPOP.swift).
///
/// The reply's shape differs by command and protocol, exactly as in Redis 7.0:
/// - ZPOPMIN/ZPOPMAX: a flat `[member, score, ...]`; in RESP3 with a COUNT, `[[member, score], ...]`;
/// - BZPOPMIN/BZPOPMAX: `[key, member, score]`;
/// - ZMPOP/BZMPOP: `[key, [[member, score], ...]]` in both protocols.
extension SortedSetCommands {
    enum PopShape {
        /// ZPOPMIN/ZPOPMAX: flat, or nested pairs.
        case plain(nested: Bool)
        /// BZPOPMIN/BZPOPMAX: the key, then flat pairs.
        case keyThenFlat
        /// ZMPOP/BZMPOP: the key, then an array of pairs.
        case keyThenPairs
    }

    static func zpopmin(_ c: CommandContext) throws(Reply) -> Reply { try zpop(c, max: false) }
    static func zpopmax(_ c: CommandContext) throws(Reply) -> Reply { try zpop(c, max: true) }

    /// ZPOPMIN|ZPOPMAX key [count]
    private static func zpop(_ c: CommandContext, max: Bool) throws(Reply) -> Reply {
        if c.argc > 3 { throw RedisError.syntax }
        var count: Int64 = -1
        if c.argc == 3 { count = try c.nonNegativeLong(at: 2) }
        let nested = c.speaksRESP3 && count != -1
        return try pop(c, keys: c.argv[1...1], max: max, count: count, shape: .plain(nested: nested), nullWhenEmpty: false)
    }

    /// Pops up to `count` elements (-1: one, plain form) from the first existing key of
    /// `keys`. A key of another type before it is WRONGTYPE. With no key: a null array or an
    /// empty array, as the command wants.
    static func pop(_ c: CommandContext, keys: ArraySlice<Bytes>, max: Bool, count: Int64,
                    shape: PopShape, nullWhenEmpty: Bool) throws(Reply) -> Reply {
        var chosen: Bytes?
        for key in keys where try c.db.readSortedSetForWrite(key) != nil {
            chosen = key
            break
        }
        guard let key = chosen else { return nullWhenEmpty ? .nullArray : .emptyArray }
        if count == 0 { return .emptyArray }
        let wanted = count == -1 ? 1 : Int(count)
        // One change per member popped; deleting the emptied key adds none.
        let before = c.engine.dirty
        let popped = try c.db.modifySortedSet(key) { zset -> [ScoredMember] in
            let n = Swift.min(wanted, zset.count)
            let elements = selectRanks(zset, 0, Int64(n - 1), reverse: max)
            if max {
                zset.removeRanks(zset.count - n, zset.count - 1)
            } else {
                zset.removeRanks(0, n - 1)
            }
            return elements
        } ?? []
        c.db.signalModified(key)
        c.engine.countChanges(popped.count, since: before)
        switch shape {
        case .plain(let nested):
            return SortedSetArguments.withScores(popped, nested: nested)
        case .keyThenFlat:
            guard case .array(let items) = SortedSetArguments.withScores(popped, nested: false) else { return .emptyArray }
            return .array([.bulk(key)] + items)
        case .keyThenPairs:
            return .array([.bulk(key), SortedSetArguments.withScores(popped, nested: true)])
        }
    }

    /// ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]
    static func zmpop(_ c: CommandContext) throws(Reply) -> Reply {
        let request = try parseMultiPop(c, numkeysIndex: 1)
        return try pop(c, keys: request.keys, max: request.max, count: request.count, shape: .keyThenPairs, nullWhenEmpty: true)
    }

    /// The arguments of ZMPOP and BZMPOP from `numkeys` on.
    static func parseMultiPop(_ c: CommandContext, numkeysIndex: Int) throws(Reply) -> (keys: ArraySlice<Bytes>, max: Bool, count: Int64) {
        let numkeys = try c.rangedLong(at: numkeysIndex, min: 1, max: Int64.max, message: "numkeys should be greater than 0")
        guard numkeys < Int64(c.argc - numkeysIndex - 1) else { throw RedisError.syntax }
        let whereIndex = numkeysIndex + Int(numkeys) + 1
        let max: Bool
        if c[whereIndex].equalsIgnoringCase("min") {
            max = false
        } else if c[whereIndex].equalsIgnoringCase("max") {
            max = true
        } else {
            throw RedisError.syntax
        }
        var count: Int64 = -1
        var j = whereIndex + 1
        while j < c.argc {
            if count == -1 && c[j].equalsIgnoringCase("count") && j + 1 < c.argc {
                count = try c.rangedLong(at: j + 1, min: 1, max: Int64.max, message: "count should be greater than 0")
                j += 2
            } else {
                throw RedisError.syntax
            }
        }
        return (c.argv[(numkeysIndex + 1)..<whereIndex], max, count == -1 ? 1 : count)
    }
}
