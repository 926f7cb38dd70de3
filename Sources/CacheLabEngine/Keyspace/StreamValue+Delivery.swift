/// Delivering entries to a consumer of a group: the heart of XREADGROUP.
///
/// * New entries (`>`): every entry after the group's last delivered ID is handed out, the
///   last delivered ID moves forward, and each entry goes into the group's pending entries
///   list (PEL) and the consumer's own, with delivery count 1 — unless NOACK, which skips the
///   PEL. If an entry is already pending (XGROUP SETID moved the group back), it changes
///   owner and its delivery count restarts at 1.
/// * History (an explicit ID): the consumer's own pending entries after that ID are
///   delivered again, each one's delivery count going up. A pending entry that was deleted
///   from the stream comes back as its ID with a null body.
///
/// While delivering new entries the group keeps its read counter (`entriesRead`) exact when
/// it can: +1 per entry if the counter is known and no deleted entry lies ahead; otherwise
/// it tries to re-derive it from the stream's counters.
extension StreamValue {
    /// Delivers up to `count` (0: all) entries after `after` to consumer `consumer` of
    /// group `group`; returns them as replies.
    /// `delivered` receives the IDs put into the pending list.
    mutating func deliverNew(group g: Int, consumer c: Int, after: StreamID, count: Int, noAck: Bool, now: Int64,
                             delivered: inout [StreamID], errnoCleared: inout Bool) -> [Reply] {
        guard let start = after.successor else { return [] }
        var positions: [Position] = []
        let ranOut = forEach(from: start, to: .max) { p in
            positions.append(p)
            return count == 0 || positions.count < count
        }
        // Redis's walk ran off its radix tree, or re-delivered an entry already pending
        // (whose insert found its key): either sets errno to 0.
        if ranOut { errnoCleared = true }
        var replies: [Reply] = []
        replies.reserveCapacity(positions.count)
        let consumerName = groups[g].consumers[c].name
        for p in positions {
            let id = self.id(at: p)
            if id > groups[g].lastDeliveredID { advance(group: g, to: id) }
            replies.append(entryReply(at: p))
            guard !noAck else { continue }
            delivered.append(id)
            let fresh = PendingEntry(consumer: consumerName, deliveryTime: now, deliveryCount: 1)
            if groups[g].pending.insert(id, fresh) {
                groups[g].consumers[c].pending.insert(id, ())
            } else {
                groups[g].assignPending(id, toConsumerAt: c, deliveryTime: now, deliveryCount: 1)
                errnoCleared = true
            }
        }
        return replies
    }

    /// Moves a group's last delivered ID forward to `id`, keeping its read counter.
    private mutating func advance(group g: Int, to id: StreamID) {
        if groups[g].entriesRead != ConsumerGroup.unknownEntriesRead && !rangeHasTombstones(from: id) {
            groups[g].entriesRead += 1
        } else if entriesAdded != 0 {
            groups[g].entriesRead = estimatedEntriesRead(upTo: id) ?? ConsumerGroup.unknownEntriesRead
        }
        groups[g].lastDeliveredID = id
    }

    /// Delivers again up to `count` (0: all) of the consumer's pending entries from `start`.
    /// `errnoCleared` becomes true when Redis's walk would step off the end of the pending
    /// list (it asks for the next ID before it checks COUNT, so also when exactly `count`
    /// are left), or look for a deleted entry with no live entry after it.
    mutating func deliverHistory(group g: Int, consumer c: Int, from start: StreamID, count: Int, now: Int64,
                                 errnoCleared: inout Bool) -> [Reply] {
        let ids = groups[g].consumers[c].pending.ids(from: start, limit: count == 0 ? nil : count + 1)
        if count == 0 || ids.count <= count { errnoCleared = true }
        var replies: [Reply] = []
        replies.reserveCapacity(ids.count)
        for id in ids.prefix(count == 0 ? ids.count : count) {
            guard let entry = entryReply(for: id) else {
                if lookRunsOut(for: id) { errnoCleared = true }
                replies.append(.array([id.reply, .nullArray]))
                continue
            }
            replies.append(entry)
            groups[g].pending.modify(id) { pending in
                pending.deliveryTime = now
                pending.deliveryCount &+= 1
            }
        }
        return replies
    }
}
