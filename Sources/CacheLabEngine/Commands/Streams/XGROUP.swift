/// XGROUP CREATE key group id|$ [MKSTREAM] [ENTRIESREAD n]   a group reading after `id`
/// XGROUP SETID key group id|$ [ENTRIESREAD n]               move its last delivered ID
/// XGROUP DESTROY key group                                  delete it (1, or 0 if absent)
/// XGROUP CREATECONSUMER key group consumer                  add a consumer (1, or 0)
/// XGROUP DELCONSUMER key group consumer                     delete a consumer and its
///                                                           pending entries (their count)
/// XGROUP HELP
///
/// Redis parses the options and checks the key and group in one common step before it looks
/// at the subcommand, so its errors come in that order: option errors, then a missing key,
/// then a missing group, then a wrong number of arguments.
extension StreamCommands {
    /// What the common step of XGROUP found.
    private struct GroupTarget {
        var position: Int?
        var groupIndex: Int?
        var makeStream = false
        var entriesRead = ConsumerGroup.unknownEntriesRead
    }

    private static func groupTarget(_ c: CommandContext, subcommand: String) throws(Reply) -> GroupTarget {
        var target = GroupTarget()
        let isCreate = subcommand == "create"
        let isSetID = subcommand == "setid"
        var i = 5
        while i < c.argc {
            if isCreate && c.argument(i, is: "MKSTREAM") {
                target.makeStream = true
                i += 1
            } else if (isCreate || isSetID) && c.argument(i, is: "ENTRIESREAD") && i + 1 < c.argc {
                let value = try c.integer(at: i + 1)
                guard value >= 0 || value == ConsumerGroup.unknownEntriesRead else { throw StreamErrors.entriesReadRange }
                target.entriesRead = value
                i += 2
            } else {
                throw StreamErrors.subcommandSyntax(c)
            }
        }
        let db = c.db
        target.position = try db.streamPositionForWrite(c[2])
        if let p = target.position { target.groupIndex = db.stream(at: p).groupIndex(c[3]) }
        if !target.makeStream {
            guard target.position != nil else { throw StreamErrors.xgroupKeyMissing }
            if target.groupIndex == nil && subcommand != "create" && subcommand != "destroy" {
                throw StreamErrors.noGroup(c[3], key: c[2])
            }
        }
        return target
    }

    static func xgroupCreate(_ c: CommandContext) throws(Reply) -> Reply {
        let target = try groupTarget(c, subcommand: "create")
        guard c.argc <= 8 else { throw StreamErrors.subcommandSyntax(c) }
        let db = c.db
        let id: StreamID
        if c[4] == "$" {
            id = target.position.map { db.stream(at: $0).lastID } ?? .zero
        } else {
            id = try StreamIDParser.strict(c[4], staleRangeError: &c.engine.staleRangeError)
        }
        let position: Int
        if let existing = target.position {
            position = existing
        } else {
            position = db.addStream(c[2])
            // MKSTREAM's new key is no change of its own: the group is the one change.
            db.signalWatchersOnly(c[2])
        }
        let created = db.withStream(at: position) { stream in
            stream.createGroup(c[3], lastDeliveredID: id, entriesRead: target.entriesRead)
        }
        guard created else { return StreamErrors.busyGroup }
        c.engine.dirty &+= 1
        return .ok
    }

    static func xgroupSetid(_ c: CommandContext) throws(Reply) -> Reply {
        let target = try groupTarget(c, subcommand: "setid")
        guard c.argc == 5 || c.argc == 7, let position = target.position, let g = target.groupIndex else {
            throw StreamErrors.subcommandSyntax(c)
        }
        let db = c.db
        let id = try c[4] == "$" ? db.stream(at: position).lastID : StreamIDParser.loose(c[4], staleRangeError: &c.engine.staleRangeError)
        db.withStream(at: position) { stream in
            stream.groups[g].lastDeliveredID = id
            stream.groups[g].entriesRead = target.entriesRead
        }
        c.engine.dirty &+= 1
        return .ok
    }

    static func xgroupDestroy(_ c: CommandContext) throws(Reply) -> Reply {
        let target = try groupTarget(c, subcommand: "destroy")
        guard let position = target.position, let g = target.groupIndex else { return .zero }
        c.db.withStream(at: position) { stream in _ = stream.groups.remove(at: g) }
        c.engine.dirty &+= 1
        return .one
    }

    static func xgroupCreateconsumer(_ c: CommandContext) throws(Reply) -> Reply {
        let target = try groupTarget(c, subcommand: "createconsumer")
        guard let position = target.position, let g = target.groupIndex else { return .zero }
        let now = c.engine.commandTime
        let created = c.db.withStream(at: position) { stream in
            stream.groups[g].consumer(named: c[4], now: now, refresh: false).created
        }
        // Redis tries the insert, which finds an existing consumer's name and sets errno to 0.
        c.engine.noteErrnoCleared(if: !created)
        guard created else { return .zero }
        c.engine.dirty &+= 1
        return .one
    }

    static func xgroupDelconsumer(_ c: CommandContext) throws(Reply) -> Reply {
        let target = try groupTarget(c, subcommand: "delconsumer")
        guard let position = target.position, let g = target.groupIndex else { return .zero }
        let pending = c.db.withStream(at: position) { stream -> Int? in
            guard let index = stream.groups[g].consumerIndex(c[4]) else { return nil }
            return stream.groups[g].deleteConsumer(at: index)
        }
        guard let pending else { return .zero }
        // Redis walks the consumer's pending entries to the end to release them.
        c.engine.noteErrnoCleared()
        c.engine.dirty &+= 1
        return .integer(pending)
    }

    static func xgroupHelp(_ c: CommandContext) throws(Reply) -> Reply {
        Reply.subcommandHelp("XGROUP", [
            "CREATE <key> <groupname> <id|$> [option]",
            "    Create a new consumer group. Options are:",
            "    * MKSTREAM",
            "      Create the empty stream if it does not exist.",
            "    * ENTRIESREAD entries_read",
            "      Set the group's entries_read counter (internal use).",
            "CREATECONSUMER <key> <groupname> <consumer>",
            "    Create a new consumer in the specified group.",
            "DELCONSUMER <key> <groupname> <consumer>",
            "    Remove the specified consumer.",
            "DESTROY <key> <groupname>",
            "    Remove the specified group.",
            "SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
            "    Set the current group ID and entries_read counter.",
        ])
    }
}
