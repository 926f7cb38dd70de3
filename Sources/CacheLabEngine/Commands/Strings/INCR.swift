/// INCR, DECR, INCRBY and DECRBY: 64-bit integer arithmetic on a string.
///
/// The stored string must read as a 64-bit integer under Redis's strict rules (no spaces, no
/// plus sign, no leading zeros), else `ERR value is not an integer or out of range`; a missing
/// key counts as 0. A result outside the 64-bit range is refused with
/// `ERR increment or decrement would overflow` and the value is left alone. The result is
/// stored `int`-encoded, keeping the key's expire time.
extension StringCommands {
    static let decrementOverflow = Reply.error("ERR decrement would overflow")

    /// INCR key
    static func incr(_ c: CommandContext) throws(Reply) -> Reply {
        try addToInteger(c, 1)
    }

    /// DECR key
    static func decr(_ c: CommandContext) throws(Reply) -> Reply {
        try addToInteger(c, -1)
    }

    /// INCRBY key increment (the increment is checked before the key is looked at)
    static func incrby(_ c: CommandContext) throws(Reply) -> Reply {
        try addToInteger(c, try c.integer(at: 2))
    }

    /// DECRBY key decrement. Negating the smallest 64-bit integer would overflow, which Redis
    /// reports before it looks at the key, with its own message.
    static func decrby(_ c: CommandContext) throws(Reply) -> Reply {
        let decrement = try c.integer(at: 2)
        if decrement == Int64.min { throw decrementOverflow }
        return try addToInteger(c, -decrement)
    }

    /// Adds `increment` to the integer at argv[1] and replies with the result.
    private static func addToInteger(_ c: CommandContext, _ increment: Int64) throws(Reply) -> Reply {
        let db = c.db
        let key = c[1]
        guard let current = try db.stringForWrite(key) else {
            db.add(key, .string(StringValue(Bytes(integer: increment))))
            return .integer(increment)
        }
        guard let old = current.bytes.int64Value else { throw RedisError.notInteger }
        let (sum, overflow) = old.addingReportingOverflow(increment)
        if overflow { throw RedisError.overflow }
        db.update(key) { $0 = .string(StringValue(Bytes(integer: sum))) }
        return .integer(sum)
    }
}
