/// XREAD [COUNT count] [BLOCK milliseconds] STREAMS key [key ...] id [id ...]
/// XREADGROUP GROUP group consumer [COUNT count] [BLOCK milliseconds] [NOACK] STREAMS key [key ...] id [id ...]
///
/// XREAD returns, for each stream, the entries after the given ID (`$`: after the stream's
/// last ID, i.e. only what arrives later). XREADGROUP reads as a consumer of a group: `>`
/// delivers entries never delivered to the group (and records them as pending), any other
/// ID re-reads the consumer's own pending entries after it (see `StreamValue+Delivery`).
/// Streams with nothing to return are left out; when none has anything the reply is null.
///
/// BLOCK: Redis parks the client until another client adds an entry or the timeout passes.
/// CacheLab runs one session in-process, so nobody else can add anything while it waits:
/// when data is there it answers at once as Redis does; otherwise, with a timeout, the
/// timeout passes on the engine's clock and it answers the timeout's reply (null), as in
/// `Engine.waitOutBlockingTimeout`; with `BLOCK 0` (wait forever) it answers
/// with an error of its own (`Engine.waitsForeverError`) instead of hanging. Inside MULTI, as in
/// Redis, a command never blocks: it answers null at once, even with BLOCK 0.
extension StreamCommands {

    static func xread(_ c: CommandContext) throws(Reply) -> Reply {
        try read(c, asGroup: false)
    }

    static func xreadgroup(_ c: CommandContext) throws(Reply) -> Reply {
        try read(c, asGroup: true)
    }

    /// The parsed options of XREAD / XREADGROUP.
    private struct ReadOptions {
        var timeout: Int64 = -1
        var count: Int64 = 0
        var streamsIndex = 0
        var streamCount = 0
        var noAck = false
        var group: Bytes?
        var consumer: Bytes?
    }

    private static func parseReadOptions(_ c: CommandContext, asGroup: Bool) throws(Reply) -> ReadOptions {
        var o = ReadOptions()
        var i = 1
        while i < c.argc {
            let moreArgs = c.argc - i - 1
            if c.argument(i, is: "BLOCK") && moreArgs > 0 {
                i += 1
                o.timeout = try c.millisecondTimeout(at: i)
            } else if c.argument(i, is: "COUNT") && moreArgs > 0 {
                i += 1
                o.count = max(0, try c.integer(at: i))
            } else if c.argument(i, is: "STREAMS") && moreArgs > 0 {
                o.streamsIndex = i + 1
                let remaining = c.argc - o.streamsIndex
                guard remaining % 2 == 0 else {
                    throw Reply.error("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.")
                }
                o.streamCount = remaining / 2
                break
            } else if c.argument(i, is: "GROUP") && moreArgs >= 2 {
                guard asGroup else {
                    throw Reply.error("ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.")
                }
                o.group = c[i + 1]
                o.consumer = c[i + 2]
                i += 2
            } else if c.argument(i, is: "NOACK") {
                guard asGroup else {
                    throw Reply.error("ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.")
                }
                o.noAck = true
            } else {
                throw RedisError.syntax
            }
            i += 1
        }
        if o.streamsIndex == 0 { throw RedisError.syntax }
        if asGroup && o.group == nil { throw Reply.error("ERR Missing GROUP option for XREADGROUP") }
        return o
    }

    private static func read(_ c: CommandContext, asGroup: Bool) throws(Reply) -> Reply {
        let o = try parseReadOptions(c, asGroup: asGroup)
        let db = c.db
        let keys = o.streamsIndex..<(o.streamsIndex + o.streamCount)

        // First pass: every key's type, group and ID, so that an error changes nothing.
        // `StreamID.max` stands for `>`, as in Redis.
        var after: [StreamID] = []
        after.reserveCapacity(o.streamCount)
        for k in keys {
            let key = c[k]
            let idArgument = c[k + o.streamCount]
            let position = try db.streamPositionForRead(key)
            if let group = o.group {
                guard let position, db.stream(at: position).groupIndex(group) != nil else {
                    throw StreamErrors.noKeyOrGroup(key: key, group: group, suffix: " in XREADGROUP with GROUP option")
                }
            }
            if idArgument == "$" {
                if asGroup {
                    throw Reply.error("ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set.")
                }
                after.append(position.map { db.stream(at: $0).lastID } ?? .zero)
            } else if idArgument == ">" {
                guard asGroup else {
                    throw Reply.error("ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.")
                }
                after.append(.max)
            } else {
                after.append(try StreamIDParser.strict(idArgument, staleRangeError: &c.engine.staleRangeError))
            }
        }

        // Second pass: serve every stream that has something.
        // XREADGROUP is never written to the AOF as itself (see `propagateGroupRead`).
        if asGroup { c.preventCommandPropagation() }
        var served: [Reply] = []
        for (n, k) in keys.enumerated() {
            guard let position = try db.streamPositionForRead(c[k]) else { continue }
            let entries: [Reply]?
            if let group = o.group, let consumer = o.consumer {
                let read = serveGroup(db, position: position, group: group, consumer: consumer, after: after[n],
                                      count: Int(clamping: o.count), noAck: o.noAck, now: c.engine.commandTime)
                entries = read.entries
                c.engine.noteErrnoCleared(if: read.errnoCleared)
                // One change per stream served, and one for a consumer created.
                if entries != nil { c.engine.dirty &+= 1 }
                if read.createdConsumer { c.engine.dirty &+= 1 }
                if c.isPropagating { propagateGroupRead(c, key: c[k], group: group, consumer: consumer, read, noAck: o.noAck) }
            } else {
                entries = serveReader(db.stream(at: position), after: after[n], count: Int(clamping: o.count),
                                      engine: c.engine)
            }
            guard let entries else { continue }
            served.append(.bulk(c[k]))
            served.append(.array(entries))
        }
        if !served.isEmpty {
            if c.session.protocolVersion >= 3 { return .map(served) }
            var pairs: [Reply] = []
            pairs.reserveCapacity(served.count / 2)
            for i in stride(from: 0, to: served.count, by: 2) { pairs.append(.array([served[i], served[i + 1]])) }
            return .array(pairs)
        }
        if o.timeout < 0 { return .nullArray }
        return try c.engine.waitOutBlockingTimeout(milliseconds: o.timeout, session: c.session, timeoutReply: .nullArray)
    }

    /// XREAD on one stream: the entries after `after`, or nil when there are none.
    private static func serveReader(_ stream: StreamValue, after: StreamID, count: Int, engine: Engine) -> [Reply]? {
        guard stream.length > 0, let top = stream.lastLiveID, top > after, let start = after.successor else { return nil }
        let read = stream.range(from: start, to: .max, count: count)
        engine.noteErrnoCleared(if: read.ranOut)
        return read.entries
    }

    /// What XREADGROUP did on one stream: the entries served (nil: nothing to serve), whether
    /// the consumer was created, and the IDs newly delivered into the pending list.
    struct GroupRead {
        var entries: [Reply]?
        var createdConsumer = false
        /// New entries (`>`) were served, moving the group's last delivered ID.
        var servedNew = false
        var delivered: [StreamID] = []
        /// Redis's walks left `errno` at 0 (see `Engine.noteErrnoCleared(if:)`).
        var errnoCleared = false
    }

    /// XREADGROUP on one stream: new entries for `>` (nil when there are none), the
    /// consumer's history otherwise. The consumer is created (or its seen time refreshed)
    /// only when something is served.
    private static func serveGroup(_ db: Database, position: Int, group: Bytes, consumer: Bytes, after: StreamID,
                                   count: Int, noAck: Bool, now: Int64) -> GroupRead {
        db.withStream(at: position) { stream -> GroupRead in
            var read = GroupRead()
            guard let g = stream.groupIndex(group) else { return read }
            if after != .max {
                let (c, created) = stream.groups[g].consumer(named: consumer, now: now)
                let start = after.successor ?? .zero
                read.createdConsumer = created
                read.entries = stream.deliverHistory(group: g, consumer: c, from: start, count: count, now: now,
                                                     errnoCleared: &read.errnoCleared)
                return read
            }
            let last = stream.groups[g].lastDeliveredID
            guard stream.length > 0, let top = stream.lastLiveID, top > last else { return read }
            let (c, created) = stream.groups[g].consumer(named: consumer, now: now)
            read.createdConsumer = created
            read.entries = stream.deliverNew(group: g, consumer: c, after: last, count: count, noAck: noAck, now: now,
                                             delivered: &read.delivered, errnoCleared: &read.errnoCleared)
            read.servedNew = read.entries?.isEmpty == false
            return read
        }
    }

    /// What one stream's XREADGROUP puts in the AOF, as Redis 7.0 propagates it: with NOACK,
    /// `XGROUP CREATECONSUMER` for a consumer it created, then `XGROUP SETID ... ENTRIESREAD`
    /// when entries were served; otherwise one `XCLAIM ... FORCE JUSTID LASTID` per entry
    /// delivered (which creates the consumer on replay). Re-reading history writes nothing.
    private static func propagateGroupRead(_ c: CommandContext, key: Bytes, group: Bytes, consumer: Bytes,
                                           _ read: GroupRead, noAck: Bool) {
        if noAck && read.createdConsumer { c.alsoPropagate(["XGROUP", "CREATECONSUMER", key, group, consumer]) }
        guard let position = c.db.table.position(of: key), case .stream(let stream) = c.db.table.values[position].value,
              let g = stream.groupIndex(group) else { return }
        let state = stream.groups[g]
        for id in read.delivered {
            guard let entry = state.pending[id] else { continue }
            c.alsoPropagate(xclaimPropagation(key: key, group: group, id: id, entry, lastID: id))
        }
        if noAck && read.servedNew {
            c.alsoPropagate(["XGROUP", "SETID", key, group, state.lastDeliveredID.bytes,
                             "ENTRIESREAD", Bytes(integer: state.entriesRead)])
        }
    }

    /// The command that gives `id` to its current owner on replay, as Redis propagates every
    /// change of a pending entry: `XCLAIM key group consumer 0 id TIME ms RETRYCOUNT n FORCE
    /// JUSTID LASTID id`.
    static func xclaimPropagation(key: Bytes, group: Bytes, id: StreamID, _ entry: PendingEntry, lastID: StreamID) -> [Bytes] {
        ["XCLAIM", key, group, entry.consumer, "0", id.bytes, "TIME", Bytes(integer: entry.deliveryTime),
         "RETRYCOUNT", Bytes(integer: entry.deliveryCount), "FORCE", "JUSTID", "LASTID", lastID.bytes]
    }
}
