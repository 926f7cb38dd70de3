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
        var payloadBytes = 0
        for i in firstField..<c.argc { payloadBytes += c[i].count }
        let tooLarge = payloadBytes > StreamValue.listpackMaxSize
        let now = c.engine.commandTime
        let limits = StreamValue.NodeLimits(maxEntries: c.engine.config.streamNodeMaxEntries,
                                            maxBytes: c.engine.config.streamNodeMaxBytes)

        let position: Int
        if let existing {
            position = existing
        } else {
            // A new stream accepts any ID but 0-0 (refused above): nothing can fail after this.
            if tooLarge {
                c.engine.staleRangeError = true
                throw StreamErrors.tooLarge
            }
            position = db.addStream(key)
        }
        // Everything happens inside one in-place access: reading the last ID from a copy of
        // the stream would make the append copy the stream's storage.
        // Redis's append leaves errno at EDOM for a too-small ID, ERANGE for a too-large
        // entry, and 0 when it starts a node; its trim may clear errno too.
        var errnoCleared = false
        let added: Result<StreamID, Reply> = db.withStream(at: position) { stream in
            let id: StreamID
            do throws(Reply) {
                id = try newID(after: stream.lastID, options: options, now: now)
            } catch {
                if error == StreamErrors.xaddIDTooSmall { errnoCleared = true }
                return .failure(error)
            }
            if tooLarge {
                c.engine.staleRangeError = true
                return .failure(StreamErrors.tooLarge)
            }
            if stream.append(id: id, pairs: c.argv[firstField...], payloadBytes: payloadBytes, limits: limits) {
                errnoCleared = true
            }
            if let strategy = options.strategy {
                stream.trim(strategy, approximate: options.approximate, limit: options.limit, errnoCleared: &errnoCleared)
            }
            return .success(id)
        }
        c.engine.noteErrnoCleared(if: errnoCleared)
        switch added {
        case .success(let id):
            db.signalModified(key)
            return id.reply
        case .failure(let error):
            throw error
        }
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
