/// ZADD and ZINCRBY: adding members and changing scores.
///
/// ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]
/// - NX: only add new members; XX: only update existing ones;
/// - GT / LT: only update when the new score is greater / less (new members are still added);
/// - CH: answer how many members were added *or changed*, not just added;
/// - INCR: add the score to the member's score and answer the result, like ZINCRBY.
/// Every score is parsed before anything changes, so a bad score changes nothing.
extension SortedSetCommands {
    static func zadd(_ c: CommandContext) throws(Reply) -> Reply {
        var options: SortedSetValue.AddOptions = []
        var changed = false
        var index = 2
        while index < c.argc {
            let word = c[index]
            if word.equalsIgnoringCase("nx") { options.insert(.nx) }
            else if word.equalsIgnoringCase("xx") { options.insert(.xx) }
            else if word.equalsIgnoringCase("ch") { changed = true }
            else if word.equalsIgnoringCase("incr") { options.insert(.incr) }
            else if word.equalsIgnoringCase("gt") { options.insert(.gt) }
            else if word.equalsIgnoringCase("lt") { options.insert(.lt) }
            else { break }
            index += 1
        }
        let elements = c.argc - index
        if elements == 0 || elements % 2 != 0 { throw RedisError.syntax }
        if options.contains(.nx) && options.contains(.xx) {
            throw Reply.error("ERR XX and NX options at the same time are not compatible")
        }
        if (options.contains(.gt) && options.contains(.nx)) || (options.contains(.lt) && options.contains(.nx))
            || (options.contains(.gt) && options.contains(.lt)) {
            throw Reply.error("ERR GT, LT, and/or NX options at the same time are not compatible")
        }
        if options.contains(.incr) && elements > 2 {
            throw Reply.error("ERR INCR option supports a single increment-element pair")
        }
        var scores: [Double] = []
        scores.reserveCapacity(elements / 2)
        for i in stride(from: index, to: c.argc, by: 2) {
            guard let score = SortedSetArguments.score(c[i], c.engine) else { throw RedisError.notFloat }
            scores.append(score)
        }
        return try add(c, key: c[1], scores: scores, membersFrom: index + 1, options: options, changed: changed)
    }

    /// ZINCRBY key increment member: ZADD INCR without options; answers the new score.
    static func zincrby(_ c: CommandContext) throws(Reply) -> Reply {
        guard let increment = SortedSetArguments.score(c[2], c.engine) else { throw RedisError.notFloat }
        return try add(c, key: c[1], scores: [increment], membersFrom: 3, options: .incr, changed: false)
    }

    static let resultIsNaN = Reply.error("ERR resulting score is not a number (NaN)")

    /// The shared body of ZADD and ZINCRBY, once the arguments are valid.
    private static func add(_ c: CommandContext, key: Bytes, scores: [Double], membersFrom first: Int,
                            options: SortedSetValue.AddOptions, changed: Bool) throws(Reply) -> Reply {
        let incr = options.contains(.incr)
        // XX on a missing key: nothing to do, and no key is created.
        let create = !options.contains(.xx)
        let limits = SortedSetValue.Limits(c.engine.config)
        // One change per member added or updated (none when the result was NaN); creating the
        // key adds none.
        let before = c.engine.dirty
        let outcome = try c.db.modifySortedSet(key, create: create) { zset -> (added: Int, updated: Int, processed: Int, score: Double, nan: Bool) in
            var added = 0, updated = 0, processed = 0
            var score = 0.0
            for (j, requested) in scores.enumerated() {
                let (result, newScore) = zset.add(c[first + 2 * j], score: requested, options: options, limits: limits)
                switch result {
                case .added: added += 1; processed += 1
                case .updated: updated += 1; processed += 1
                case .unchanged: processed += 1
                case .skipped: break
                case .notANumber: return (added, updated, processed, score, true)
                }
                score = newScore
            }
            return (added, updated, processed, score, false)
        }
        guard let outcome else { return incr ? .null : .zero }
        if outcome.added + outcome.updated > 0 { c.db.signalModified(key) }
        c.engine.countChanges(outcome.nan ? 0 : outcome.added + outcome.updated, since: before)
        if outcome.nan { throw resultIsNaN }
        if incr { return outcome.processed > 0 ? .double(outcome.score) : .null }
        return .integer(changed ? outcome.added + outcome.updated : outcome.added)
    }
}
