/// COPY source destination [DB destination-db] [REPLACE]: duplicates a value, TTL included.
extension KeyCommands {
    /// Answers 1 when copied, 0 when the source is missing or the destination exists without
    /// REPLACE. The copy is a new object: fresh access bits, same encoding. Collection payloads
    /// are copy-on-write values, so the duplicate costs nothing until one side changes.
    static func copy(_ c: CommandContext) throws(Reply) -> Reply {
        var targetIndex = c.session.databaseIndex
        var replace = false
        var i = 3
        while i < c.argc {
            if c.argument(i, is: "REPLACE") {
                replace = true
            } else if c.argument(i, is: "DB") && i + 1 < c.argc {
                targetIndex = try databaseIndex(c, at: i + 1)
                i += 1
            } else {
                throw RedisError.syntax
            }
            i += 1
        }
        let source = c.db
        let destination = c.engine.databases[targetIndex]
        let key = c[1]
        let newKey = c[2]
        if source === destination && key == newKey { throw RedisError.sameObject }
        guard var value = source.lookupRead(key) else { return .zero }
        // Redis duplicates a string into a new object, never a shared integer, and a raw one
        // into a buffer sized for it.
        if case .string(var s) = value {
            s.isPrivateObject = true
            s.makeBufferExact()
            value = .string(s)
        }
        // A stream's nodes are duplicated into listpacks of their own size.
        if case .stream(var s) = value {
            s.tailIsExact = true
            value = .stream(s)
        }
        let expireAt = source.expireTime(of: key)
        if destination.lookupWrite(newKey) != nil {
            guard replace else { return .zero }
            destination.removeEntry(newKey)
        }
        destination.add(newKey, value)
        if let expireAt, destination.expires.set(newKey, expireAt) { destination.accountExpire(added: true) }
        return .one
    }
}
