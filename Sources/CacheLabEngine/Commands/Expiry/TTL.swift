/// TTL, PTTL, EXPIRETIME and PEXPIRETIME key: how long a key has left, or when it expires.
///
/// All four answer -2 when the key does not exist and -1 when it has no expire time. TTL and
/// PTTL give the time left (never below 0), EXPIRETIME and PEXPIRETIME the absolute Unix time.
/// The second-based forms round to the nearest second (`(ms + 500) / 1000`). The lookup counts
/// as a keyspace hit or miss but does not refresh the key's LRU/LFU bits.
extension ExpiryCommands {
    /// TTL key: seconds to live.
    static func ttl(_ c: CommandContext) -> Reply {
        timeToLive(c, inMilliseconds: false, absolute: false)
    }

    /// PTTL key: milliseconds to live.
    static func pttl(_ c: CommandContext) -> Reply {
        timeToLive(c, inMilliseconds: true, absolute: false)
    }

    /// EXPIRETIME key: the Unix time, in seconds, at which the key expires.
    static func expiretime(_ c: CommandContext) -> Reply {
        timeToLive(c, inMilliseconds: false, absolute: true)
    }

    /// PEXPIRETIME key: the Unix time, in milliseconds, at which the key expires.
    static func pexpiretime(_ c: CommandContext) -> Reply {
        timeToLive(c, inMilliseconds: true, absolute: true)
    }

    private static func timeToLive(_ c: CommandContext, inMilliseconds: Bool, absolute: Bool) -> Reply {
        let db = c.db
        let key = c[1]
        guard db.lookupRead(key, options: .noTouch) != nil else { return .integer(-2) }
        guard let expireAt = db.expireTime(of: key) else { return .integer(-1) }
        let milliseconds = max(0, absolute ? expireAt : expireAt - c.engine.commandTime)
        if inMilliseconds { return .integer(milliseconds) }
        // Rounded in unsigned arithmetic, so a time near Int64.max rounds without overflow
        // (as Redis's answer shows).
        return .integer(Int64((UInt64(milliseconds) + 500) / 1000))
    }
}
