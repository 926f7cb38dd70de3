/// The shared half of SSCAN and ZSCAN (Redis's `scanGenericCommand`): the cursor, the COUNT
/// and MATCH options, and the reply.
///
/// How a collection is scanned depends on its encoding. A compact one (an intset, a listpack)
/// is small by construction, so the whole collection comes back in one call with cursor 0,
/// whatever cursor was given. A hash table is walked bucket by bucket with the keyspace's
/// reverse-binary cursor (see `KeyTable.scanStep`) until about COUNT elements were collected,
/// visiting at most 10 × COUNT buckets so a sparse table cannot stall the server. MATCH is
/// applied after collecting, so a call may return fewer elements than COUNT, even none, with a
/// non-zero cursor: only cursor 0 means "done".
enum CollectionScan {
    struct Options {
        /// How many elements to aim for (COUNT, default 10).
        var count = 10
        /// The MATCH pattern, nil when absent or `*`.
        var pattern: Bytes?

        func accepts(_ member: Bytes) -> Bool {
            pattern.map { GlobMatcher.matches(pattern: $0, member) } ?? true
        }
    }

    /// Parses a cursor as Redis does (`strtoul` in base 10): an optional sign, digits, nothing
    /// else, no leading space, no overflow; a minus sign wraps around like C's `strtoul`, and
    /// an empty string is cursor 0. Anything else is `ERR invalid cursor`.
    static func cursor(_ text: Bytes, _ engine: Engine) throws(Reply) -> UInt64 {
        engine.noteScanCursorParse(text)
        let parsed = ScanCursor.parse(text)
        guard let parsed else { throw Reply.error("ERR invalid cursor") }
        return parsed
    }

    /// Parses COUNT and MATCH from `argv[index...]`.
    static func options(_ c: CommandContext, from index: Int) throws(Reply) -> Options {
        var options = Options()
        var i = index
        while i < c.argc {
            let remaining = c.argc - i
            if c[i].equalsIgnoringCase("count") && remaining >= 2 {
                let count = try c.integer(at: i + 1)
                if count < 1 { throw RedisError.syntax }
                options.count = Int(count)
                i += 2
            } else if c[i].equalsIgnoringCase("match") && remaining >= 2 {
                let pattern = c[i + 1]
                options.pattern = pattern == "*" ? nil : pattern
                i += 2
            } else {
                throw RedisError.syntax
            }
        }
        return options
    }

    /// Walks a hash table from `cursor` until `wanted` items were collected (each visited
    /// entry adds `itemsPerEntry` items), the walk ends, or 10 × `wanted` buckets were seen.
    static func walk<V>(_ table: KeyTable<V>, from cursor: UInt64, wanted: Int,
                        _ collect: (Int, inout [Bytes]) -> Void) -> (cursor: UInt64, items: [Bytes]) {
        var items: [Bytes] = []
        var cursor = cursor
        let (product, overflow) = wanted.multipliedReportingOverflow(by: 10)
        var budget = overflow ? Int.max : product
        while true {
            cursor = table.scanStep(cursor: cursor) { collect($0, &items) }
            if cursor == 0 || budget == 0 { break }
            budget -= 1
            if items.count >= wanted { break }
        }
        return (cursor, items)
    }

    /// `[cursor, [items...]]`.
    static func reply(cursor: UInt64, _ items: [Bytes]) -> Reply {
        .array([.bulk(Bytes(String(cursor))), .array(items.map(Reply.bulk))])
    }
}
