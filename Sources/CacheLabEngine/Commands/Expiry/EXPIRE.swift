/// EXPIRE, PEXPIRE, EXPIREAT and PEXPIREAT key time [NX | XX | GT | LT]
///
/// One routine (Redis's `expireGenericCommand`) with a unit and a base: EXPIRE takes seconds
/// from now, PEXPIRE milliseconds from now, EXPIREAT a Unix time in seconds, PEXPIREAT one in
/// milliseconds. Its order of work decides which error wins:
///
/// 1. the options: an unknown one is `ERR Unsupported option <opt>`; NX with XX, GT or LT, or
///    GT with LT, are refused with their own messages;
/// 2. the time must be an integer; converting seconds to milliseconds or adding the base must
///    not overflow, else `ERR invalid expire time in '<command>' command`. Negative times are
///    fine: they are in the past;
/// 3. a missing key answers 0;
/// 4. the conditions, against the current expire time (none counts as infinite): NX needs
///    none, XX needs one, GT needs a later time than the current one (so never applies to a
///    key without one), LT an earlier one (always true without one);
/// 5. a time not after now deletes the key at once; any other is stored. Either answers 1.
extension ExpiryCommands {
    static let nxConflict = Reply.error("ERR NX and XX, GT or LT options at the same time are not compatible")
    static let gtLtConflict = Reply.error("ERR GT and LT options at the same time are not compatible")

    /// EXPIRE key seconds [NX | XX | GT | LT]
    static func expire(_ c: CommandContext) throws(Reply) -> Reply {
        try setExpireTime(c, inSeconds: true, base: c.engine.commandTime)
    }

    /// PEXPIRE key milliseconds [NX | XX | GT | LT]
    static func pexpire(_ c: CommandContext) throws(Reply) -> Reply {
        try setExpireTime(c, inSeconds: false, base: c.engine.commandTime)
    }

    /// EXPIREAT key unix-time-seconds [NX | XX | GT | LT]
    static func expireat(_ c: CommandContext) throws(Reply) -> Reply {
        try setExpireTime(c, inSeconds: true, base: 0)
    }

    /// PEXPIREAT key unix-time-milliseconds [NX | XX | GT | LT]
    static func pexpireat(_ c: CommandContext) throws(Reply) -> Reply {
        try setExpireTime(c, inSeconds: false, base: 0)
    }

    /// The conditions NX, XX, GT and LT.
    struct Conditions {
        var nx = false, xx = false, gt = false, lt = false

        /// Reads the options from argument 3 on (compared as C strings, like Redis).
        init(parsing c: CommandContext) throws(Reply) {
            for j in 3..<max(3, c.argc) {
                let option = c[j]
                if option.matchesOption("NX") { nx = true }
                else if option.matchesOption("XX") { xx = true }
                else if option.matchesOption("GT") { gt = true }
                else if option.matchesOption("LT") { lt = true }
                else { throw Reply.error("ERR Unsupported option \(option.sanitizedForError)") }
            }
            if nx && (xx || gt || lt) { throw ExpiryCommands.nxConflict }
            if gt && lt { throw ExpiryCommands.gtLtConflict }
        }

        /// Whether a new expire time `when` may replace `current` (nil: the key has none).
        func allow(_ when: Int64, replacing current: Int64?) -> Bool {
            if nx && current != nil { return false }
            if xx && current == nil { return false }
            if gt {
                guard let current, when > current else { return false }
            }
            if lt, let current, when >= current { return false }
            return true
        }
    }

    private static func setExpireTime(_ c: CommandContext, inSeconds: Bool, base: Int64) throws(Reply) -> Reply {
        let conditions = try Conditions(parsing: c)
        var when = try c.integer(at: 2)
        if inSeconds {
            if when > Int64.max / 1000 || when < Int64.min / 1000 { throw RedisError.invalidExpire(c.name) }
            when *= 1000
        }
        if when > Int64.max - base { throw RedisError.invalidExpire(c.name) }
        when += base

        let db = c.db
        let key = c[1]
        guard db.lookupWrite(key) != nil else { return .zero }
        guard conditions.allow(when, replacing: db.expireTime(of: key)) else { return .zero }
        if when <= c.engine.commandTime {
            // A time already past deletes the key, lazily under lazyfree-lazy-expire.
            db.delete(key, lazily: c.engine.config.lazyfree.expire)
        } else {
            db.setExpire(key, at: when)
        }
        return .one
    }
}
