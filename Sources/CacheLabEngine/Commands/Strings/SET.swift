/// SET and its older short forms SETNX, SETEX and PSETEX.
///
/// All four are one routine in Redis (`setGenericCommand`), and here too. Its order of work
/// decides which error wins when several apply:
///
/// 1. the expire time is checked (`ERR invalid expire time in 'set' command`);
/// 2. with GET, the old value is read like GET reads it: a missing key gives a null reply,
///    another type gives WRONGTYPE and nothing is written;
/// 3. NX or XX may stop the write; the reply is then the GET reply, or null (SETNX: 0);
/// 4. the value is stored, dropping the old expire time unless KEEPTTL;
/// 5. the new expire time is set. A time already past is stored like any other: the key
///    then expires lazily at its next lookup (GETEX and EXPIRE delete at once instead).
///
/// SET and GET are the benchmark's hot path, so a plain `SET key value` does one table
/// lookup and no option parsing at all.
extension StringCommands {
    /// SET key value [NX | XX] [GET] [EX s | PX ms | EXAT unix-s | PXAT unix-ms | KEEPTTL]
    static func set(_ c: CommandContext) throws(Reply) -> Reply {
        if c.argc == 3 {
            c.withDatabase { $0.set(c[1], .string(StringValue(c[2]))) }
            return .ok
        }
        let options = try ExtendedStringOptions(parsing: c, from: 3, for: .set)
        return try setGeneric(c, key: c[1], value: c[2], options: options, done: .ok, skipped: .null)
    }

    /// SETNX key value: SET key value NX, answering 1 when set and 0 when not.
    static func setnx(_ c: CommandContext) throws(Reply) -> Reply {
        var options = ExtendedStringOptions()
        options.onlyIfMissing = true
        return try setGeneric(c, key: c[1], value: c[2], options: options, done: .one, skipped: .zero)
    }

    /// SETEX key seconds value: SET key value EX seconds.
    static func setex(_ c: CommandContext) throws(Reply) -> Reply {
        var options = ExtendedStringOptions()
        options.expire = (.ex, 2)
        return try setGeneric(c, key: c[1], value: c[3], options: options, done: .ok, skipped: .null)
    }

    /// PSETEX key milliseconds value: SET key value PX milliseconds.
    static func psetex(_ c: CommandContext) throws(Reply) -> Reply {
        var options = ExtendedStringOptions()
        options.expire = (.px, 2)
        return try setGeneric(c, key: c[1], value: c[3], options: options, done: .ok, skipped: .null)
    }

    /// The shared body of the SET family (see the type comment for the order of checks).
    /// `done` is the reply after a write, `skipped` the reply when NX or XX prevented it; with
    /// GET the reply is the old value either way.
    static func setGeneric(_ c: CommandContext, key: Bytes, value: Bytes, options: ExtendedStringOptions,
                           done: Reply, skipped: Reply) throws(Reply) -> Reply {
        let db = c.db
        var expireAt: Int64?
        if let (form, index) = options.expire {
            expireAt = try form.absoluteExpireTime(c[index], now: c.engine.commandTime, command: c.name)
        }
        var oldValueReply: Reply?
        if options.returnOld {
            oldValueReply = try db.stringForRead(key).map { Reply.bulk($0.bytes) } ?? .null
        }
        if options.onlyIfMissing || options.onlyIfPresent {
            let found = db.lookupWrite(key) != nil
            if (options.onlyIfMissing && found) || (options.onlyIfPresent && !found) {
                return oldValueReply ?? skipped
            }
        }
        // One change, expire time or not.
        let before = c.engine.dirty
        db.set(key, .string(StringValue(value)), keepTTL: options.keepTTL)
        if let expireAt { db.setExpire(key, at: expireAt) }
        c.engine.countChanges(1, since: before)
        return oldValueReply ?? done
    }
}
