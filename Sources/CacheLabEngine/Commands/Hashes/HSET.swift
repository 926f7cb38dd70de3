/// HSET, HMSET and HSETNX: set fields of a hash.
extension HashCommands {
    /// HSET key field value [field value ...]: sets each field, creating the hash; replies with
    /// the number of fields that were new.
    static func hset(_ c: CommandContext) throws(Reply) -> Reply {
        .integer(try setFields(c))
    }

    /// HMSET key field value [field value ...]: HSET's older form, which replies OK.
    static func hmset(_ c: CommandContext) throws(Reply) -> Reply {
        _ = try setFields(c)
        return .ok
    }

    /// HSETNX key field value: sets the field only when it does not exist yet; 1 if set, else 0.
    static func hsetnx(_ c: CommandContext) throws(Reply) -> Reply {
        let db = c.db
        let key = c[1]
        let field = c[2]
        let exists = try db.hashExistsForWrite(key)
        if exists, db.inspectHash(key, { $0.contains(field) }) == true { return .zero }
        let limits = HashValue.Limits(c.engine.config)
        let value = c[3]
        db.modifyOrCreateHash(key, exists: exists) { $0.set(field, value, limits: limits) }
        return .one
    }

    /// Sets the field/value pairs from argument 2 on; returns how many fields were new.
    /// An odd number of arguments is an arity error, as Redis reports it.
    private static func setFields(_ c: CommandContext) throws(Reply) -> Int {
        if c.argc % 2 == 1 { throw RedisError.wrongArity(c.name) }
        let limits = HashValue.Limits(c.engine.config)
        let argv = c.argv
        func setAll(_ hash: inout HashValue) -> Int {
            var created = 0
            var i = 2
            while i < argv.count {
                if hash.set(argv[i], argv[i + 1], limits: limits) { created += 1 }
                i += 2
            }
            return created
        }
        let db = c.db
        let key = c[1]
        // One change per pair given, new field or not.
        let before = c.engine.dirty
        let created = try db.modifyHashIfPresent(key, setAll) ?? db.modifyOrCreateHash(key, exists: false, setAll)
        c.engine.countChanges((argv.count - 2) / 2, since: before)
        return created
    }
}
