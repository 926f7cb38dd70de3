/// XCLAIM key group consumer min-idle-time id [id ...] [IDLE ms] [TIME unix-ms]
///        [RETRYCOUNT count] [FORCE] [JUSTID] [LASTID id]
///
/// Takes pending entries over for `consumer` (created if needed) when they have been idle at
/// least `min-idle-time` ms: the usual recovery when a consumer died holding messages. Each
/// claimed entry's delivery time becomes now (or as IDLE / TIME say) and its delivery count
/// goes up by one (or is set by RETRYCOUNT; JUSTID leaves it alone). The reply lists the
/// claimed entries, or only their IDs with JUSTID.
///
/// IDs are read until the first argument that is not an ID; the options follow. An ID that
/// is not pending is skipped, unless FORCE, which makes it pending if the entry exists. A
/// pending ID whose entry was deleted from the stream is dropped from the PEL. LASTID moves
/// the group's last delivered ID forward (never back).
extension StreamCommands {
    static func xclaim(_ c: CommandContext) throws(Reply) -> Reply {
        let db = c.db
        guard let position = try db.streamPositionForRead(c[1]),
              let g = db.stream(at: position).groupIndex(c[2]) else {
            throw StreamErrors.noKeyOrGroup(key: c[1], group: c[2])
        }
        guard let minIdleArgument = c[4].int64Value else {
            throw Reply.error("ERR Invalid min-idle-time argument for XCLAIM")
        }
        let minIdle = max(0, minIdleArgument)

        var ids: [StreamID] = []
        var j = 5
        while j < c.argc, let parsed = StreamIDParser.parse(c[j], strict: true, staleRangeError: &c.engine.staleRangeError) {
            ids.append(parsed.id)
            j += 1
        }

        let now = c.engine.commandTime
        var deliveryTime: Int64 = -1
        var retryCount: Int64 = -1
        var force = false, justID = false
        var lastID = StreamID.zero
        while j < c.argc {
            let moreArgs = c.argc - 1 - j
            if c.argument(j, is: "FORCE") {
                force = true
            } else if c.argument(j, is: "JUSTID") {
                justID = true
            } else if c.argument(j, is: "IDLE") && moreArgs > 0 {
                j += 1
                guard let idle = c[j].int64Value else { throw Reply.error("ERR Invalid IDLE option argument for XCLAIM") }
                deliveryTime = now &- idle
            } else if c.argument(j, is: "TIME") && moreArgs > 0 {
                j += 1
                guard let time = c[j].int64Value else { throw Reply.error("ERR Invalid TIME option argument for XCLAIM") }
                deliveryTime = time
            } else if c.argument(j, is: "RETRYCOUNT") && moreArgs > 0 {
                j += 1
                guard let count = c[j].int64Value else {
                    throw Reply.error("ERR Invalid RETRYCOUNT option argument for XCLAIM")
                }
                retryCount = count
            } else if c.argument(j, is: "LASTID") && moreArgs > 0 {
                j += 1
                lastID = try StreamIDParser.strict(c[j], staleRangeError: &c.engine.staleRangeError)
            } else {
                throw Reply.error("ERR Unrecognized XCLAIM option '\(c[j].sanitizedForError)'")
            }
            j += 1
        }
        // A bogus delivery time (negative, or in the future) means now.
        if deliveryTime < 0 || deliveryTime > now { deliveryTime = now }

        let claim = ClaimRequest(consumer: c[3], minIdle: minIdle, deliveryTime: deliveryTime, retryCount: retryCount,
                                 force: force, justID: justID, now: now)
        // Never written to the AOF as itself: each pending entry it changed goes out as the
        // XCLAIM that recreates it (one for an entry it dropped because it was deleted), and
        // a moved last-delivered ID as XGROUP SETID when no XCLAIM carries it.
        c.preventCommandPropagation()
        let propagating = c.isPropagating
        var propagation: [[Bytes]] = []
        var consumersCreated = 0
        var errnoCleared = false
        let claimed = db.withStream(at: position) { stream -> [Reply] in
            let consumersBefore = stream.groups[g].consumers.count
            defer { consumersCreated = stream.groups[g].consumers.count - consumersBefore }
            var lastIDMoved = false
            if lastID > stream.groups[g].lastDeliveredID {
                stream.groups[g].lastDeliveredID = lastID
                lastIDMoved = true
            }
            let groupLast = stream.groups[g].lastDeliveredID
            var replies: [Reply] = []
            for id in ids {
                // Redis checks that the entry exists with an iterator, which may run off the end.
                if stream.lookRunsOut(for: id) { errnoCleared = true }
                let before = stream.groups[g].pending[id]
                let existed = before != nil && stream.contains(id)
                if let reply = stream.claim(id, group: g, claim) {
                    replies.append(reply)
                    if let after = stream.groups[g].pending[id] {
                        propagation.append(xclaimPropagation(key: c[1], group: c[2], id: id, after, lastID: groupLast))
                    }
                } else if let before, !existed {
                    propagation.append(xclaimPropagation(key: c[1], group: c[2], id: id, before, lastID: groupLast))
                }
            }
            if lastIDMoved && propagation.isEmpty {
                propagation.append(["XGROUP", "SETID", c[1], c[2], groupLast.bytes,
                                    "ENTRIESREAD", Bytes(integer: stream.groups[g].entriesRead)])
            }
            return replies
        }
        c.engine.noteErrnoCleared(if: errnoCleared)
        // One change per pending entry changed, and one for a consumer created.
        c.engine.dirty &+= Int64(propagation.count + consumersCreated)
        if propagating { for argv in propagation { c.alsoPropagate(argv) } }
        return .array(claimed)
    }
}

/// What one XCLAIM asks for each of its IDs.
struct ClaimRequest {
    var consumer: Bytes
    var minIdle: Int64
    var deliveryTime: Int64
    /// -1 when RETRYCOUNT was not given (a negative count counts as not given).
    var retryCount: Int64
    var force: Bool
    var justID: Bool
    var now: Int64
}

extension StreamValue {
    /// Claims one ID for XCLAIM; returns its reply (the entry, or its ID with JUSTID) when
    /// claimed, nil when skipped.
    mutating func claim(_ id: StreamID, group g: Int, _ request: ClaimRequest) -> Reply? {
        guard contains(id) else {
            // The entry is gone from the stream: forget it.
            groups[g].acknowledge(id)
            return nil
        }
        var forced = false
        if groups[g].pending[id] == nil {
            guard request.force else { return nil }
            forced = true
        }
        if !forced, request.minIdle != 0, let entry = groups[g].pending[id],
           request.now - entry.deliveryTime < request.minIdle {
            return nil
        }
        let c = groups[g].consumer(named: request.consumer, now: request.now).index
        // A forced entry starts as a fresh delivery (count 1) before the update below.
        let previousCount = forced ? 1 : groups[g].pending[id]!.deliveryCount
        var newCount = previousCount
        if request.retryCount >= 0 {
            newCount = request.retryCount
        } else if !request.justID {
            newCount = previousCount &+ 1
        }
        if forced {
            let owner = groups[g].consumers[c].name
            groups[g].pending.insert(id, PendingEntry(consumer: owner, deliveryTime: request.deliveryTime, deliveryCount: newCount))
            groups[g].consumers[c].pending.insert(id, ())
        } else {
            groups[g].assignPending(id, toConsumerAt: c, deliveryTime: request.deliveryTime, deliveryCount: newCount)
        }
        return request.justID ? id.reply : entryReply(for: id)
    }
}
