/// LPOP and RPOP: remove and return elements from one end of a list.
extension ListCommands {
    /// LPOP key [count]: the head element, or with a count up to that many from the head.
    static func lpop(_ c: CommandContext) throws(Reply) -> Reply {
        try pop(c, atHead: true)
    }

    /// RPOP key [count]: the tail element, or with a count up to that many from the tail.
    static func rpop(_ c: CommandContext) throws(Reply) -> Reply {
        try pop(c, atHead: false)
    }

    static let countMustBePositive = "ERR value is out of range, must be positive"

    /// Without a count: a bulk string, or null when the key is missing. With a count (parsed
    /// before the key is looked at; 0 is allowed): an array of up to `count` elements, or the
    /// null array when the key is missing.
    private static func pop(_ c: CommandContext, atHead: Bool) throws(Reply) -> Reply {
        if c.argc > 3 { throw RedisError.wrongArity(c.name) }
        let count: Int64? = c.argc == 3 ? try c.nonNegativeInteger(at: 2, orError: countMustBePositive) : nil
        let db = c.db
        let key = c[1]
        // One change per element popped; deleting the emptied list adds none.
        let before = c.engine.dirty
        guard let count else {
            let popped = try db.modifyListIfPresent(key) { $0.pop(atHead: atHead)! }
            if popped != nil { c.engine.countChanges(1, since: before) }
            return .bulkOrNull(popped)
        }
        if count == 0 {
            // Redis answers a count of 0 without touching the list.
            return try db.listLengthForWrite(key) == nil ? .nullArray : .emptyArray
        }
        guard let popped = try db.modifyListIfPresent(key, { $0.pop(Int(count), atHead: atHead) }) else {
            return .nullArray
        }
        c.engine.countChanges(popped.count, since: before)
        return .bulkArray(popped)
    }
}
