/// XSETID key last-id [ENTRIESADDED entries-added] [MAXDELETEDID max-deleted-id]
///
/// Sets a stream's last ID (which XADD must then exceed), and optionally its count of
/// entries ever added and its greatest deleted ID: the metadata replicas and AOF rewrites
/// need to rebuild a stream exactly. The last ID cannot go below the last entry, nor the
/// count below the current length.
extension StreamCommands {
    static func xsetid(_ c: CommandContext) throws(Reply) -> Reply {
        let id = try StreamIDParser.strict(c[2], staleRangeError: &c.engine.staleRangeError)
        var entriesAdded: Int64 = -1
        var maxDeleted = StreamID.zero
        var i = 3
        while i < c.argc {
            let moreArgs = c.argc - 1 - i
            if c.argument(i, is: "ENTRIESADDED") && moreArgs > 0 {
                entriesAdded = try c.integer(at: i + 1)
                guard entriesAdded >= 0 else { throw Reply.error("ERR entries_added must be positive") }
            } else if c.argument(i, is: "MAXDELETEDID") && moreArgs > 0 {
                maxDeleted = try StreamIDParser.strict(c[i + 1], staleRangeError: &c.engine.staleRangeError)
                guard id >= maxDeleted else {
                    throw Reply.error("ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id")
                }
            } else {
                throw RedisError.syntax
            }
            i += 2
        }

        let db = c.db
        guard let position = try db.streamPositionForWrite(c[1]) else { throw StreamErrors.noSuchKey }
        do {
            // A scope of its own: a copy kept alive would make the change below copy the stream.
            let stream = db.stream(at: position)
            if stream.length > 0 {
                if let top = stream.lastLiveID, id < top {
                    throw Reply.error("ERR The ID specified in XSETID is smaller than the target stream top item")
                }
                if entriesAdded != -1 && Int64(stream.length) > entriesAdded {
                    throw Reply.error("ERR The entries_added specified in XSETID is smaller than the target stream length")
                }
            }
        }
        db.withStream(at: position) { stream in
            stream.lastID = id
            if entriesAdded != -1 { stream.entriesAdded = UInt64(entriesAdded) }
            if !maxDeleted.isZero { stream.maxDeletedID = maxDeleted }
        }
        c.engine.dirty &+= 1
        return .ok
    }
}
