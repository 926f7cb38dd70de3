/// XACK key group id [id ...]
///
/// Acknowledges delivered entries: removes them from the group's pending entries list (and
/// their owner's). Replies with how many were pending. A missing key or group acknowledges
/// nothing (0); otherwise all IDs are checked first, so a bad one acknowledges nothing.
extension StreamCommands {
    static func xack(_ c: CommandContext) throws(Reply) -> Reply {
        let db = c.db
        guard let position = try db.streamPositionForRead(c[1]),
              let g = db.stream(at: position).groupIndex(c[2]) else { return .zero }
        var ids: [StreamID] = []
        ids.reserveCapacity(c.argc - 3)
        for i in 3..<c.argc { ids.append(try StreamIDParser.strict(c[i], staleRangeError: &c.engine.staleRangeError)) }
        let acknowledged = db.withStream(at: position) { stream -> Int in
            var acknowledged = 0
            for id in ids where stream.groups[g].acknowledge(id) { acknowledged += 1 }
            return acknowledged
        }
        // A change for the save points and the AOF (where XACK goes as itself).
        c.engine.dirty &+= Int64(acknowledged)
        return .integer(acknowledged)
    }
}
