/// The options XADD and XTRIM share, parsed as Redis's `streamParseAddOrTrimArgsOrReply`:
///
///     XADD key [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT count]] *|id field value ...
///     XTRIM key MAXLEN|MINID [=|~] threshold [LIMIT count]
///
/// Options may come in any order before XADD's ID (the first argument that is not an option
/// is taken as the ID). Without `~`, trimming is exact and LIMIT is refused; with `~` and no
/// LIMIT, at most 100 × `stream-node-max-entries` entries are trimmed per call.
struct StreamAddTrimArguments {
    var strategy: StreamValue.TrimStrategy?
    var approximate = false
    /// The most entries to trim; 0 means no limit.
    var limit: Int64 = 0
    /// XADD: the ID argument's index.
    var idIndex = 0
    /// XADD: an explicit ID (`ms-seq` or `ms-*`) was given rather than `*`.
    var idGiven = false
    /// XADD: the sequence part was given (false for `ms-*`).
    var sequenceGiven = true
    var id = StreamID.zero
    /// XADD: NOMKSTREAM.
    var noMakeStream = false

    init(_ c: CommandContext, forXADD xadd: Bool) throws(Reply) {
        var i = 2
        var limitGiven = false
        while i < c.argc {
            let moreArgs = c.argc - 1 - i
            let option = c[i]
            if xadd && option.count == 1 && option[0] == 42 {  // "*": the usual auto-ID
                break
            } else if option.equalsIgnoringCase("maxlen") && moreArgs > 0 {
                guard strategy == nil else { throw StreamErrors.maxlenAndMinid }
                i = skipApproximation(c, at: i, moreArgs: moreArgs)
                let maxLength = try c.integer(at: i + 1)
                guard maxLength >= 0 else { throw StreamErrors.maxlenNegative }
                strategy = .maxLength(maxLength)
                i += 1
            } else if option.equalsIgnoringCase("minid") && moreArgs > 0 {
                guard strategy == nil else { throw StreamErrors.maxlenAndMinid }
                i = skipApproximation(c, at: i, moreArgs: moreArgs)
                strategy = .minID(try StreamIDParser.strict(c[i + 1], staleRangeError: &c.engine.staleRangeError))
                i += 1
            } else if option.equalsIgnoringCase("limit") && moreArgs > 0 {
                limit = try c.integer(at: i + 1)
                guard limit >= 0 else { throw StreamErrors.limitNegative }
                limitGiven = true
                i += 1
            } else if xadd && option.equalsIgnoringCase("nomkstream") {
                noMakeStream = true
            } else if xadd {
                guard let parsed = StreamIDParser.parse(option, strict: true, allowAutoSequence: true,
                                                          staleRangeError: &c.engine.staleRangeError) else {
                    throw StreamErrors.invalidID
                }
                id = parsed.id
                sequenceGiven = parsed.sequenceGiven
                idGiven = true
                break
            } else {
                throw RedisError.syntax
            }
            i += 1
        }
        idIndex = i

        if limit != 0 && strategy == nil { throw StreamErrors.limitWithoutStrategy }
        if !xadd && strategy == nil { throw StreamErrors.xtrimWithoutStrategy }
        if c.engine.persistence.isLoadingAppendOnlyFile {
            // Replaying the AOF (Redis's "must obey" clients): the threshold was made exact
            // when propagated, so no LIMIT applies, and `= n LIMIT m` is accepted.
            limit = 0
        } else if limitGiven {
            guard approximate else { throw StreamErrors.limitWithoutApprox }
        } else if approximate {
            // At most 100 nodes' worth of work per call, within [1, 1_000_000] entries.
            let (product, overflow) = c.engine.config.streamNodeMaxEntries.multipliedReportingOverflow(by: 100)
            limit = overflow ? 1_000_000 : product
            if limit <= 0 { limit = 10_000 }
            if limit > 1_000_000 { limit = 1_000_000 }
        } else {
            limit = 0
        }
    }

    /// Reads an optional `~` or `=` after MAXLEN/MINID; returns the index before the threshold.
    private mutating func skipApproximation(_ c: CommandContext, at i: Int, moreArgs: Int) -> Int {
        approximate = false
        let next = c[i + 1]
        guard moreArgs >= 2, next.count == 1 else { return i }
        if next[0] == 126 {  // "~"
            approximate = true
            return i + 1
        }
        return next[0] == 61 ? i + 1 : i  // "="
    }
}
