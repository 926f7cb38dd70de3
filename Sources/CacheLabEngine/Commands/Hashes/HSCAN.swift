/// HSCAN: iterate over a hash's fields a few at a time.
///
/// HSCAN key cursor [MATCH pattern] [COUNT count]
///
/// A listpack hash is small by definition, so Redis answers it whole in one call, with cursor
/// 0, whatever the cursor and COUNT. A hashtable is walked with a reverse-binary cursor over
/// its home slots (see `KeyTable`): each call visits slots until it has gathered about COUNT
/// items (fields and values both count, default COUNT 10) or has visited ten times COUNT
/// slots, and returns the cursor to continue from; 0 means the walk is over. Every field
/// present for the whole walk is returned at least once. MATCH filters the fields gathered,
/// after gathering, so a call may return fewer than COUNT, even none.
///
/// The cursor is parsed (as C's `strtoul`) before the key is looked at; the options only once
/// the key is known to be a hash, so a missing key answers `0` and an empty array whatever
/// follows.
extension HashCommands {
    static let invalidCursor = Reply.error("ERR invalid cursor")

    static func hscan(_ c: CommandContext) throws(Reply) -> Reply {
        c.engine.noteScanCursorParse(c[2])
        guard let cursor = ScanCursor.parse(c[2]) else { throw invalidCursor }
        guard let hash = try c.db.readHash(c[1]) else { return scanReply(cursor: 0, []) }
        var count: Int64 = 10
        var pattern: Bytes? = nil
        var i = 3
        while i < c.argc {
            let hasValue = c.argc - i >= 2
            if c.argument(i, is: "COUNT") && hasValue {
                count = try c.integer(at: i + 1)
                if count < 1 { throw RedisError.syntax }
            } else if c.argument(i, is: "MATCH") && hasValue {
                let p = c[i + 1]
                pattern = (p.count == 1 && p[0] == UInt8(ascii: "*")) ? nil : p
            } else {
                throw RedisError.syntax
            }
            i += 2
        }
        var items: [Reply] = []
        func gather(_ field: Bytes, _ value: Bytes) {
            if let pattern, !GlobMatcher.matches(pattern: pattern, field) { return }
            items.append(.bulk(field))
            items.append(.bulk(value))
        }
        guard !hash.isListpack else {
            hash.forEach(gather)
            return scanReply(cursor: 0, items)
        }
        // Gather first, filter after, as Redis does: COUNT bounds the work, not the matches.
        // Redis's budget is `count * 10` in a C long: a huge COUNT overflows to a negative
        // budget, which never counts down to zero, so the walk then runs to the end.
        var positions: [Int] = []
        var next = cursor
        var budget = count &* 10
        while true {
            next = hash.scanStep(cursor: next) { positions.append($0) } ?? 0
            if next == 0 || budget == 0 { break }
            budget &-= 1
            if Int64(positions.count * 2) >= count { break }
        }
        for p in positions {
            let (field, value) = hash.entry(at: p)
            gather(field, value)
        }
        return scanReply(cursor: next, items)
    }

    private static func scanReply(cursor: UInt64, _ items: [Reply]) -> Reply {
        .array([.bulk(Bytes(String(cursor))), .array(items)])
    }
}
