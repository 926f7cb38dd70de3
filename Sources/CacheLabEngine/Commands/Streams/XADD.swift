/// XADD key [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT count]] *|id field value [field value ...]
///
/// Appends an entry and replies with its ID. The ID must be greater than the stream's last
/// ID; it is either given in full (`ms-seq`), or half-given (`ms-*`: the sequence is 0 for a
/// new millisecond, the last sequence + 1 for the same one), or generated (`*`): the current
/// time in milliseconds with sequence 0, or, if the clock has not moved past the last ID
/// (same millisecond, or the clock went back), the last ID + 1, so IDs never go backwards.
extension StreamCommands {
    static func xadd(_ c: CommandContext) throws(Reply) -> Reply {
        let options = try StreamAddTrimArguments(c, forXADD: true)
        let firstField = options.idIndex + 1
        let pairCount = c.argc - firstField
        if pairCount < 2 || pairCount % 2 == 1 { throw RedisError.wrongArity(c.name) }
        if options.idGiven && options.sequenceGiven && options.id.isZero { throw StreamErrors.xaddIDZero }

        let db = c.db
        let key = c[1]
        let existing = try db.streamPositionForWrite(key)
        if existing == nil && options.noMakeStream { return .null }
        // Only the last ID is read here: holding a copy of the stream would force the append
        // below to copy its storage.
        let lastID = existing.map { db.stream(at: $0).lastID } ?? .zero

        let id = try newID(after: lastID, options: options, now: c.engine.commandTime)
        var payloadBytes = 0
        for i in firstField..<c.argc { payloadBytes += c[i].count }
        if payloadBytes > StreamValue.listpackMaxSize { throw StreamErrors.tooLarge }

        let position = existing ?? db.addStream(key)
        let limits = StreamValue.NodeLimits(maxEntries: c.engine.config.streamNodeMaxEntries,
                                            maxBytes: c.engine.config.streamNodeMaxBytes)
        db.withStream(at: position) { stream in
            stream.append(id: id, pairs: c.argv[firstField...], payloadBytes: payloadBytes, limits: limits)
            if let strategy = options.strategy {
                stream.trim(strategy, approximate: options.approximate, limit: options.limit)
            }
        }
        db.signalModified(key)
        return id.reply
    }

    /// The ID the new entry gets, or the error Redis gives when it cannot be used.
    static func newID(after last: StreamID, options: StreamAddTrimArguments, now: Int64) throws(Reply) -> StreamID {
        if last == .max { throw StreamErrors.exhausted }
        let id: StreamID
        if !options.idGiven {
            let ms = UInt64(max(0, now))
            id = ms > last.ms ? StreamID(ms: ms, seq: 0) : last.successor!
        } else if options.sequenceGiven {
            id = options.id
        } else if last.ms == options.id.ms {
            // Redis fails here without setting errno, so it reports the "too large" error.
            guard last.seq != .max else { throw StreamErrors.tooLarge }
            id = StreamID(ms: last.ms, seq: last.seq + 1)
        } else {
            id = options.id
        }
        if id <= last { throw StreamErrors.xaddIDTooSmall }
        return id
    }
}
