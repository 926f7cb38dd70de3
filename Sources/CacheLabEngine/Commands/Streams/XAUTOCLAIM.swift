/// XAUTOCLAIM key group consumer min-idle-time start [COUNT count] [JUSTID]
///
/// XCLAIM without knowing the IDs: walks the group's pending entries from `start` and takes
/// over up to `count` (default 100) that have been idle at least `min-idle-time` ms. It
/// looks at no more than 10 × count entries per call, and replies with a cursor to continue
/// from (`0-0` once the whole list was seen), the claimed entries (or IDs with JUSTID), and
/// the IDs it found pending but deleted from the stream (which it drops from the list).
extension StreamCommands {
    /// COUNT must fit Redis's transient allocation of `count` IDs (16 bytes each):
    /// Redis refuses a larger count outright ...
    static let autoclaimMaxCount: Int64 = Int64.max / 16
    /// ... and its allocator (jemalloc, 64-bit Linux) cannot provide more than 2^46 bytes.
    static let autoclaimAllocatableCount: Int64 = 1 << 42

    static func xautoclaim(_ c: CommandContext) throws(Reply) -> Reply {
        // As in Redis, the key is looked up first (a keyspace hit or miss, whatever the
        // arguments), but judged only after them: a wrong type or a missing key or group is
        // reported only when the arguments are valid. Only the facts are kept, not the value,
        // so the stream is not shared when it is changed below.
        let db = c.db
        let found: (isStream: Bool, group: Int?)? = db.lookupRead(c[1]).map { value in
            guard case .stream(let stream) = value else { return (false, nil) }
            return (true, stream.groupIndex(c[2]))
        }
        guard let minIdleArgument = c[4].int64Value else {
            throw Reply.error("ERR Invalid min-idle-time argument for XAUTOCLAIM")
        }
        let minIdle = max(0, minIdleArgument)
        let start = try StreamIDParser.rangeStart(c[5], staleRangeError: &c.engine.staleRangeError)
        var count: Int64 = 100
        var justID = false
        var j = 6
        while j < c.argc {
            let moreArgs = c.argc - 1 - j
            if c.argument(j, is: "COUNT") && moreArgs > 0 {
                guard let value = c[j + 1].int64Value, value >= 1, value <= autoclaimMaxCount else {
                    throw Reply.error("ERR COUNT must be > 0")
                }
                count = value
                j += 1
            } else if c.argument(j, is: "JUSTID") {
                justID = true
            } else {
                throw RedisError.syntax
            }
            j += 1
        }

        if let found, !found.isStream { throw RedisError.wrongType }
        guard let g = found?.group, let position = db.livePosition(of: c[1]) else {
            throw StreamErrors.noKeyOrGroup(key: c[1], group: c[2])
        }
        if count > autoclaimAllocatableCount {
            throw Reply.error("ERR Insufficient memory, failed allocating transient memory, COUNT too high.")
        }
        let now = c.engine.commandTime
        // Never written to the AOF as itself: each pending entry it claimed or dropped goes
        // out as the XCLAIM that recreates it (see XCLAIM).
        c.preventCommandPropagation()
        var changed: [(id: StreamID, entry: PendingEntry)] = []
        var groupLast = StreamID.zero
        var consumersCreated = 0
        var errnoCleared = false
        let reply = db.withStream(at: position) { stream in
            let consumersBefore = stream.groups[g].consumers.count
            defer {
                groupLast = stream.groups[g].lastDeliveredID
                consumersCreated = stream.groups[g].consumers.count - consumersBefore
            }
            return stream.autoclaim(group: g, consumer: c[3], minIdle: minIdle, from: start, count: count, justID: justID,
                                    now: now, changed: &changed, errnoCleared: &errnoCleared)
        }
        c.engine.noteErrnoCleared(if: errnoCleared)
        // One change per pending entry changed, and one for a consumer created.
        c.engine.dirty &+= Int64(changed.count + consumersCreated)
        if c.isPropagating {
            for (id, entry) in changed { c.alsoPropagate(xclaimPropagation(key: c[1], group: c[2], id: id, entry, lastID: groupLast)) }
        }
        return reply
    }
}

extension StreamValue {
    /// XAUTOCLAIM's walk over a group's PEL; returns the three-part reply.
    /// `changed` receives, in walk order, each entry claimed (as it is now) and each entry
    /// dropped because it was deleted from the stream (as it was). `errnoCleared` is set when
    /// Redis's walk would run off the end of the PEL (the cursor comes back 0-0), or its look
    /// for a deleted entry off the end of the stream.
    mutating func autoclaim(group g: Int, consumer name: Bytes, minIdle: Int64, from start: StreamID,
                            count: Int64, justID: Bool, now: Int64,
                            changed: inout [(id: StreamID, entry: PendingEntry)], errnoCleared: inout Bool) -> Reply {
        var remaining = count
        var attempts = count &* 10
        var claimed: [Reply] = []
        var deleted: [Reply] = []
        var consumer: Int?
        var cursor = groups[g].pending.firstID(atOrAfter: start)
        while attempts > 0 && remaining > 0, let id = cursor {
            attempts -= 1
            defer { cursor = id.successor.flatMap { groups[g].pending.firstID(atOrAfter: $0) } }
            guard contains(id) else {
                if lookRunsOut(for: id) { errnoCleared = true }
                if let entry = groups[g].pending[id] { changed.append((id, entry)) }
                groups[g].acknowledge(id)
                deleted.append(id.reply)
                remaining -= 1
                continue
            }
            guard let entry = groups[g].pending[id] else { continue }
            if minIdle != 0 && now - entry.deliveryTime < minIdle { continue }
            if consumer == nil { consumer = groups[g].consumer(named: name, now: now).index }
            let newCount = justID ? entry.deliveryCount : entry.deliveryCount &+ 1
            groups[g].assignPending(id, toConsumerAt: consumer!, deliveryTime: now, deliveryCount: newCount)
            if let entry = groups[g].pending[id] { changed.append((id, entry)) }
            claimed.append(justID ? id.reply : entryReply(for: id)!)
            remaining -= 1
        }
        // The cursor is the next pending ID after the last one looked at, or 0-0 at the end.
        if cursor == nil { errnoCleared = true }
        return .array([(cursor ?? .zero).reply, .array(claimed), .array(deleted)])
    }
}
