/// ZSCAN key cursor [MATCH pattern] [COUNT count]: iterates a sorted set's members and scores
/// (see `CollectionScan`). A listpack comes back whole, in order, with cursor 0; a skiplist
/// is scanned through its member → score hash table. Scores are bulk strings here, even in
/// RESP3, formatted like every Redis 7.0 score (`%.17g`).
extension SortedSetCommands {
    static func zscan(_ c: CommandContext) throws(Reply) -> Reply {
        let cursor = try CollectionScan.cursor(c[2], c.engine)
        guard let zset = try c.db.readSortedSet(c[1]) else { return CollectionScan.reply(cursor: 0, []) }
        let options = try CollectionScan.options(c, from: 3)
        var next: UInt64 = 0
        var items: [Bytes] = []
        if zset.isListpack {
            var node = zset.list.first
            while node != SkipList.none {
                items.append(zset.list.member(node))
                items.append(Bytes(DoubleFormat.reply(zset.list.score(node))))
                node = zset.list.next(node)
            }
        } else {
            let table = zset.scores
            let (wanted, overflow) = options.count.multipliedReportingOverflow(by: 2)
            (next, items) = CollectionScan.walk(table, from: cursor, wanted: overflow ? Int.max : wanted) { position, items in
                items.append(table.key(at: position))
                items.append(Bytes(DoubleFormat.reply(table.value(at: position))))
            }
        }
        if options.pattern != nil {
            var kept: [Bytes] = []
            var i = 0
            while i + 1 < items.count {
                if options.accepts(items[i]) {
                    kept.append(items[i])
                    kept.append(items[i + 1])
                }
                i += 2
            }
            items = kept
        }
        return CollectionScan.reply(cursor: next, items)
    }
}
