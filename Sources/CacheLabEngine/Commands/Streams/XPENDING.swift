/// XPENDING key group [[IDLE min-idle-time] start end count [consumer]]
///
/// The pending entries of a group: delivered, not yet acknowledged.
///
/// * Summary form: `[count, smallest ID, greatest ID, [[consumer, count as text], ...]]`,
///   or `[0, nil, nil, nil]` when nothing is pending.
/// * Extended form: up to `count` entries between `start` and `end` (optionally only those
///   idle at least `min-idle-time` ms, or only one consumer's), each as
///   `[id, consumer, ms since last delivery, delivery count]`.
extension StreamCommands {
    static func xpending(_ c: CommandContext) throws(Reply) -> Reply {
        guard c.argc == 3 || (6...9).contains(c.argc) else { throw RedisError.syntax }
        var start = StreamID.zero, end = StreamID.max
        var count: Int64 = 0, minIdle: Int64 = 0
        var consumerName: Bytes?
        if c.argc >= 6 {
            var first = 3
            if c.argument(3, is: "IDLE") {
                minIdle = try c.integer(at: 4)
                guard c.argc >= 8 else { throw RedisError.syntax }
                first += 2
            }
            count = max(0, try c.integer(at: first + 2))
            start = try StreamIDParser.rangeStart(c[first], staleRangeError: &c.engine.staleRangeError)
            end = try StreamIDParser.rangeEnd(c[first + 1], staleRangeError: &c.engine.staleRangeError)
            if first + 3 < c.argc { consumerName = c[first + 3] }
        }

        let db = c.db
        guard let position = try db.streamPositionForRead(c[1]),
              let g = db.stream(at: position).groupIndex(c[2]) else {
            throw StreamErrors.noKeyOrGroup(key: c[1], group: c[2])
        }
        let group = db.stream(at: position).groups[g]
        if c.argc == 3 {
            // Redis walks the consumers to the end when anything is pending.
            c.engine.noteErrnoCleared(if: group.pendingCount > 0)
            return summary(group)
        }

        let now = c.engine.commandTime
        var ids: StreamIDTable<Void>?
        if let consumerName {
            guard let index = group.consumerIndex(consumerName) else { return .emptyArray }
            ids = group.consumers[index].pending
        }
        var out: [Reply] = []
        func visit(_ id: StreamID) -> Bool {
            guard count > 0, id <= end else { return false }
            guard let entry = group.pending[id] else { return true }
            if minIdle != 0 && now - entry.deliveryTime < minIdle { return true }
            count -= 1
            out.append(.array([id.reply, .bulk(entry.consumer), .integer(max(0, now - entry.deliveryTime)),
                               .integer(entry.deliveryCount)]))
            return true
        }
        let ranOut: Bool
        if let ids {
            ranOut = ids.forEach(from: start) { id, _ in visit(id) }
        } else {
            ranOut = group.pending.forEach(from: start) { id, _ in visit(id) }
        }
        // Redis asks for the next pending ID only while COUNT is not used up.
        c.engine.noteErrnoCleared(if: ranOut && count > 0)
        return .array(out)
    }

    private static func summary(_ group: ConsumerGroup) -> Reply {
        guard let first = group.pending.firstID, let last = group.pending.lastID else {
            return .array([.zero, .null, .null, .nullArray])
        }
        var consumers: [Reply] = []
        for consumer in group.consumers where consumer.pendingCount > 0 {
            consumers.append(.array([.bulk(consumer.name), .bulk(Bytes(integer: consumer.pendingCount))]))
        }
        return .array([.integer(group.pendingCount), first.reply, last.reply, .array(consumers)])
    }
}
