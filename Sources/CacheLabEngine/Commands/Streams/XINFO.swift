/// XINFO STREAM key [FULL [COUNT count]]   the stream's metadata (and, FULL, its entries,
///                                        groups, consumers and pending entries)
/// XINFO GROUPS key                        one map per consumer group
/// XINFO CONSUMERS key group               one map per consumer of a group
/// XINFO HELP
///
/// `radix-tree-keys` is the number of nodes the entries are packed in, `radix-tree-nodes`
/// the size of the radix tree indexing them (see `RadixTreeShape`). `lag` is how many
/// entries the group has not been delivered yet, null when it cannot be known.
extension StreamCommands {
    static func xinfoStream(_ c: CommandContext) throws(Reply) -> Reply {
        let stream = try infoTarget(c)
        var full = false
        var count: Int64 = 10
        let optionCount = c.argc - 3
        if optionCount > 0 {
            guard optionCount == 1 || optionCount == 3, c.argument(3, is: "FULL") else {
                throw StreamErrors.subcommandSyntax(c)
            }
            full = true
            if optionCount == 3 {
                guard c.argument(4, is: "COUNT") else { throw StreamErrors.subcommandSyntax(c) }
                count = try c.integer(at: 5)
                if count < 0 { count = 10 }
            }
        }

        var fields: [Reply] = [
            .bulk("length"), .integer(stream.length),
            .bulk("radix-tree-keys"), .integer(stream.nodeCount),
            .bulk("radix-tree-nodes"), .integer(stream.radixTreeNodeCount),
            .bulk("last-generated-id"), stream.lastID.reply,
            .bulk("max-deleted-entry-id"), stream.maxDeletedID.reply,
            .bulk("entries-added"), .integer(Int64(bitPattern: stream.entriesAdded)),
            .bulk("recorded-first-entry-id"), stream.firstID.reply,
        ]
        if !full {
            let first = stream.firstLive(atOrAfter: .zero).map(stream.entryReply(at:)) ?? .null
            let last = stream.lastLive(atOrBefore: .max).map(stream.entryReply(at:)) ?? .null
            // Redis reads each with a walk of COUNT 1, which runs out on an empty stream.
            c.engine.noteErrnoCleared(if: stream.length == 0)
            fields += [.bulk("groups"), .integer(stream.groups.count), .bulk("first-entry"), first, .bulk("last-entry"), last]
            return .map(fields)
        }
        let limit = Int(clamping: count)
        let entries = stream.range(from: .zero, to: .max, count: limit)
        fields += [.bulk("entries"), .array(entries.entries)]
        fields += [.bulk("groups"), .array(stream.groups.map { fullGroupInfo($0, of: stream, limit: limit) })]
        // Every walk here leaves errno at 0 when it runs out, and the walks over groups and
        // consumers always do; pending lists are walked while at most `limit` are listed.
        c.engine.noteErrnoCleared(if: entries.ranOut || stream.hasGroupTable)
        return .map(fields)
    }

    /// One group in XINFO STREAM FULL, with at most `limit` (0: all) pending entries listed
    /// for the group and for each consumer.
    private static func fullGroupInfo(_ group: ConsumerGroup, of stream: StreamValue, limit: Int) -> Reply {
        var pending: [Reply] = []
        group.pending.forEach { id, entry in
            if limit != 0 && pending.count >= limit { return false }
            pending.append(.array([id.reply, .bulk(entry.consumer), .integer(entry.deliveryTime), .integer(entry.deliveryCount)]))
            return true
        }
        let consumers: [Reply] = group.consumers.map { consumer in
            var owned: [Reply] = []
            consumer.pending.forEach { id, _ in
                if limit != 0 && owned.count >= limit { return false }
                let entry = group.pending[id]
                owned.append(.array([id.reply, .integer(entry?.deliveryTime ?? 0), .integer(entry?.deliveryCount ?? 0)]))
                return true
            }
            return .map([
                .bulk("name"), .bulk(consumer.name),
                .bulk("seen-time"), .integer(consumer.seenTime),
                .bulk("pel-count"), .integer(consumer.pendingCount),
                .bulk("pending"), .array(owned),
            ])
        }
        return .map([
            .bulk("name"), .bulk(group.name),
            .bulk("last-delivered-id"), group.lastDeliveredID.reply,
            .bulk("entries-read"), entriesReadReply(group),
            .bulk("lag"), stream.lag(of: group).map { Reply.integer($0) } ?? .null,
            .bulk("pel-count"), .integer(group.pendingCount),
            .bulk("pending"), .array(pending),
            .bulk("consumers"), .array(consumers),
        ])
    }

    static func xinfoGroups(_ c: CommandContext) throws(Reply) -> Reply {
        let stream = try infoTarget(c)
        c.engine.noteErrnoCleared(if: stream.hasGroupTable)
        return .array(stream.groups.map { group in
            .map([
                .bulk("name"), .bulk(group.name),
                .bulk("consumers"), .integer(group.consumers.count),
                .bulk("pending"), .integer(group.pendingCount),
                .bulk("last-delivered-id"), group.lastDeliveredID.reply,
                .bulk("entries-read"), entriesReadReply(group),
                .bulk("lag"), stream.lag(of: group).map { Reply.integer($0) } ?? .null,
            ])
        })
    }

    static func xinfoConsumers(_ c: CommandContext) throws(Reply) -> Reply {
        let stream = try infoTarget(c)
        guard let g = stream.groupIndex(c[3]) else { throw StreamErrors.noGroup(c[3], key: c[2]) }
        c.engine.noteErrnoCleared()
        let now = c.engine.commandTime
        return .array(stream.groups[g].consumers.map { consumer in
            .map([
                .bulk("name"), .bulk(consumer.name),
                .bulk("pending"), .integer(consumer.pendingCount),
                .bulk("idle"), .integer(max(0, now - consumer.seenTime)),
            ])
        })
    }

    static func xinfoHelp(_ c: CommandContext) throws(Reply) -> Reply {
        Reply.subcommandHelp("XINFO", [
            "CONSUMERS <key> <groupname>",
            "    Show consumers of <groupname>.",
            "GROUPS <key>",
            "    Show the stream consumer groups.",
            "STREAM <key> [FULL [COUNT <count>]",
            "    Show information about the stream.",
        ])
    }

    /// The stream XINFO looks at, or `ERR no such key` / WRONGTYPE.
    private static func infoTarget(_ c: CommandContext) throws(Reply) -> StreamValue {
        guard let position = try c.db.streamPositionForRead(c[2]) else { throw StreamErrors.noSuchKey }
        return c.db.stream(at: position)
    }

    private static func entriesReadReply(_ group: ConsumerGroup) -> Reply {
        group.entriesRead == ConsumerGroup.unknownEntriesRead ? .null : .integer(group.entriesRead)
    }
}
