/// SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]: iterate the keyspace a little at a
/// time.
///
/// Each call visits some home buckets of the key table, starting at the cursor, and answers
/// the next cursor and the keys found; cursor 0 means the iteration is complete. A full
/// iteration returns every key that existed from its start to its end at least once, even if
/// the table grew or shrank in between (see `KeyTable.scanStep` for why).
///
/// Like Redis, one call keeps visiting buckets until it has collected COUNT keys (default 10)
/// or the cursor wraps to 0, but it gives up after 10 x COUNT buckets so that a sparse table
/// cannot make one call slow; it may then answer few or no keys with a non-zero cursor. MATCH
/// and TYPE filter *after* collecting, so they do not make a call visit more buckets. Expired
/// keys are collected on the way and left out.
extension KeyCommands {
    static let invalidCursor = Reply.error("ERR invalid cursor")

    static func scan(_ c: CommandContext) throws(Reply) -> Reply {
        c.engine.noteScanCursorParse(c[1])
        guard var cursor = ScanCursor.parse(c[1]) else { throw invalidCursor }
        var count: Int64 = 10
        var pattern: Bytes?
        var typeName: Bytes?
        var i = 2
        while i < c.argc {
            let hasValue = i + 1 < c.argc
            if c.argument(i, is: "COUNT") && hasValue {
                count = try c.integer(at: i + 1)
                if count < 1 { throw RedisError.syntax }
            } else if c.argument(i, is: "MATCH") && hasValue {
                let p = c[i + 1]
                pattern = (p.count == 1 && p[0] == UInt8(ascii: "*")) ? nil : p
            } else if c.argument(i, is: "TYPE") && hasValue {
                typeName = c[i + 1]
            } else {
                throw RedisError.syntax
            }
            i += 2
        }

        // Step 1: collect from buckets.
        let db = c.db
        let table = db.table
        var collected: [Bytes] = []
        var bucketsLeft = count.multipliedReportingOverflow(by: 10).overflow ? Int64.max : count * 10
        repeat {
            cursor = table.scanStep(cursor: cursor) { collected.append(table.key(at: $0)) }
            if cursor == 0 || bucketsLeft == 0 { break }
            bucketsLeft -= 1
        } while collected.count < count

        // Step 2: filter, in Redis's order (pattern, type, expiry).
        var keys: [Reply] = []
        keys.reserveCapacity(collected.count)
        for key in collected {
            if let pattern, !GlobMatcher.matches(pattern: pattern, key) { continue }
            if let typeName {
                let type = db.lookupRead(key, options: .noTouch)?.typeName ?? "none"
                if !typeName.equalsIgnoringCase(type) { continue }
            }
            if db.isLogicallyExpired(key) {
                db.expireLazily(key)
                continue
            }
            keys.append(.bulk(key))
        }
        return .array([.bulk(Bytes(String(cursor))), .array(keys)])
    }
}
