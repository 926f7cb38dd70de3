/// SSCAN key cursor [MATCH pattern] [COUNT count]: iterates a set (see `CollectionScan`).
/// An intset comes back whole with cursor 0; a hash table a few buckets at a time.
extension SetCommands {
    static func sscan(_ c: CommandContext) throws(Reply) -> Reply {
        let cursor = try CollectionScan.cursor(c[2], c.engine)
        guard let set = try c.db.readSet(c[1]) else { return CollectionScan.reply(cursor: 0, []) }
        let options = try CollectionScan.options(c, from: 3)
        var next: UInt64 = 0
        var members: [Bytes]
        if set.isIntset {
            members = set.members
        } else {
            let table = set.table
            (next, members) = CollectionScan.walk(table, from: cursor, wanted: options.count) { position, items in
                items.append(table.key(at: position))
            }
        }
        if options.pattern != nil { members = members.filter(options.accepts) }
        return CollectionScan.reply(cursor: next, members)
    }
}
