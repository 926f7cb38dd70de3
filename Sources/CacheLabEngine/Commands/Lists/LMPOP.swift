/// LMPOP: pop from the first non-empty list among several.
extension ListCommands {
    /// LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]: pops up to `count` (default 1)
    /// elements from the given end of the first of the keys that holds a list, and replies
    /// `[key, [elements...]]`; the null array when all are missing. A key of another type met
    /// before a list is WRONGTYPE.
    static func lmpop(_ c: CommandContext) throws(Reply) -> Reply {
        let request = try MultiPopRequest(c, numkeysIndex: 1)
        guard let popped = try popFirstNonEmpty(c, keys: request.keys, atHead: request.atHead, count: request.count) else {
            return .nullArray
        }
        return .array([.bulk(popped.key), .bulkArray(popped.elements)])
    }

    /// The parsed arguments of LMPOP and BLMPOP, checked in Redis's order: numkeys, the
    /// LEFT/RIGHT that must follow the keys, then COUNT (at most once).
    struct MultiPopRequest {
        var keys: ArraySlice<Bytes>
        var atHead: Bool
        var count: Int

        init(_ c: CommandContext, numkeysIndex: Int) throws(Reply) {
            let numkeys = try c.integer(at: numkeysIndex, in: 1...Int64.max, orError: "ERR numkeys should be greater than 0")
            let available = Int64(c.argc - numkeysIndex - 1)
            // LEFT|RIGHT must come after the keys.
            guard numkeys < available else { throw RedisError.syntax }
            let whereIndex = numkeysIndex + 1 + Int(numkeys)
            keys = c.argv[(numkeysIndex + 1)..<whereIndex]
            atHead = try c.listEnd(at: whereIndex)
            var count: Int64? = nil
            var i = whereIndex + 1
            while i < c.argc {
                guard count == nil, c.argument(i, is: "COUNT"), i + 1 < c.argc else { throw RedisError.syntax }
                count = try c.integer(at: i + 1, in: 1...Int64.max, orError: "ERR count should be greater than 0")
                i += 2
            }
            self.count = Int(count ?? 1)
        }
    }

    /// Pops up to `count` elements from the first key holding a list; nil when none does.
    static func popFirstNonEmpty(_ c: CommandContext, keys: ArraySlice<Bytes>, atHead: Bool,
                                 count: Int) throws(Reply) -> (key: Bytes, elements: [Bytes])? {
        let db = c.db
        for key in keys {
            guard try db.listLengthForWrite(key) != nil else { continue }
            // One change per element popped.
            let before = c.engine.dirty
            let popped = db.modifyList(key) { $0.pop(count, atHead: atHead) }
            c.engine.countChanges(popped.count, since: before)
            return (key, popped)
        }
        return nil
    }
}
