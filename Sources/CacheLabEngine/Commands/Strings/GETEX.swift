/// GETEX key [EX s | PX ms | EXAT unix-s | PXAT unix-ms | PERSIST]
///
/// GET that also sets or removes the expire time. Redis's order of checks: the option syntax
/// first, then the lookup (a missing key answers null even if the time is invalid, another
/// type answers WRONGTYPE), then the time (`ERR invalid expire time in 'getex' command`).
/// An EXAT or PXAT time that has already passed deletes the key at once, after the value
/// was read for the reply; EX and PX times are always in the future.
extension StringCommands {
    static func getex(_ c: CommandContext) throws(Reply) -> Reply {
        let options = try ExtendedStringOptions(parsing: c, from: 2, for: .getex)
        let db = c.db
        let key = c[1]
        guard let string = try db.stringForRead(key) else { return .null }
        let now = c.engine.commandTime
        if let (form, index) = options.expire {
            let when = try form.absoluteExpireTime(c[index], now: now, command: c.name)
            if form.isAbsolute && when <= now {
                db.delete(key)
            } else {
                db.setExpire(key, at: when)
            }
        } else if options.persist {
            db.persist(key)
        }
        return .bulk(string.bytes)
    }
}
