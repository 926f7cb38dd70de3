/// MGET, MSET and MSETNX: many keys in one command.
extension StringCommands {
    /// MGET key [key ...]: the value of each key, null for a missing key and also for a key
    /// of another type (MGET never answers WRONGTYPE).
    static func mget(_ c: CommandContext) -> Reply {
        let db = c.db
        var replies: [Reply] = []
        replies.reserveCapacity(c.argc - 1)
        for i in 1..<c.argc {
            if case .string(let string)? = db.lookupRead(c[i]) {
                replies.append(.bulk(string.bytes))
            } else {
                replies.append(.null)
            }
        }
        return .array(replies)
    }

    /// MSET key value [key value ...]: sets every pair, in order (a repeated key keeps its
    /// last value), dropping any expire times.
    static func mset(_ c: CommandContext) throws(Reply) -> Reply {
        try checkPairs(c)
        setPairs(c)
        return .ok
    }

    /// MSETNX key value [key value ...]: sets every pair only if none of the keys exists;
    /// answers 1 when it did, 0 when it did nothing.
    static func msetnx(_ c: CommandContext) throws(Reply) -> Reply {
        try checkPairs(c)
        let db = c.db
        for i in stride(from: 1, to: c.argc, by: 2) where db.lookupWrite(c[i]) != nil {
            return .zero
        }
        setPairs(c)
        return .one
    }

    /// A key without its value is an arity error, reported after the command ran its
    /// generic arity check.
    private static func checkPairs(_ c: CommandContext) throws(Reply) {
        if c.argc % 2 == 0 { throw RedisError.wrongArity(c.name) }
    }

    private static func setPairs(_ c: CommandContext) {
        let db = c.db
        for i in stride(from: 1, to: c.argc, by: 2) {
            db.set(c[i], .string(StringValue(c[i + 1])))
        }
    }
}
