/// GET and the two commands that read a value while replacing or removing it: GETSET and
/// GETDEL. All three read like GET (keyspace hit or miss counted; WRONGTYPE for another type,
/// in which case nothing is changed).
extension StringCommands {
    /// GET key: the value, or null when the key does not exist.
    static func get(_ c: CommandContext) throws(Reply) -> Reply {
        guard let value = c.withDatabase({ $0.lookupRead(c[1]) }) else { return .null }
        guard case .string(let string) = value else { throw RedisError.wrongType }
        return .bulk(string.bytes)
    }

    /// GETSET key value: stores the value (dropping any expire time) and replies with the
    /// old one, or null.
    static func getset(_ c: CommandContext) throws(Reply) -> Reply {
        let db = c.db
        let old = try db.stringForRead(c[1])
        db.set(c[1], .string(StringValue(c[2])))
        return old.map { Reply.bulk($0.bytes) } ?? .null
    }

    /// GETDEL key: replies with the value, or null, and deletes the key.
    static func getdel(_ c: CommandContext) throws(Reply) -> Reply {
        let db = c.db
        guard let old = try db.stringForRead(c[1]) else { return .null }
        db.delete(c[1])
        return .bulk(old.bytes)
    }
}
