/// RESTORE key ttl serialized-value [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency]:
/// creates a key from a DUMP payload.
///
/// Redis checks, in this order, and answers the first failure:
///
///     the options                   ERR syntax error (IDLETIME with FREQ, an unknown word);
///                                   ERR Invalid IDLETIME / FREQ value ... for a bad number
///     the key exists (no REPLACE)   BUSYKEY Target key name already exists.
///     the ttl                       not an integer; ERR Invalid TTL value, must be >= 0
///     the payload's footer          ERR DUMP payload version or checksum are wrong
///     the value itself              ERR Bad data format
///
/// A ttl of 0 means no expire; otherwise it is milliseconds from now, or a Unix time in
/// milliseconds with ABSTTL. A time already past restores nothing (REPLACE still deletes the
/// old key) and answers OK. IDLETIME sets the key's idle time under a non-LFU policy and FREQ
/// its LFU counter under an LFU one; each is ignored under the other kind of policy.
/// RESTORE-ASKING, which a cluster sends during a slot migration, behaves the same here.
extension KeyCommands {
    /// What RESTORE's options asked for.
    struct RestoreOptions {
        var replace = false
        var absoluteTTL = false
        var idleSeconds: Int64?
        var frequency: Int64?
    }

    static func restore(_ c: CommandContext) throws(Reply) -> Reply {
        let options = try restoreOptions(c)
        let key = c[1]
        let db = c.db
        if !options.replace && db.lookupWrite(key) != nil { throw Reply.error("BUSYKEY Target key name already exists.") }
        var ttl = try c.integer(at: 2)
        if ttl < 0 { throw Reply.error("ERR Invalid TTL value, must be >= 0") }
        let loadOptions = c.engine.loadOptions()
        let value: Value
        do throws(DumpPayload.Failure) {
            value = try DumpPayload.decode(c[3].array, options: loadOptions)
        } catch {
            throw error.reply
        }
        let before = c.engine.dirty
        let deleted = options.replace && db.delete(key)
        if ttl > 0 && !options.absoluteTTL { ttl &+= c.engine.commandTime }
        if ttl > 0 && ttl <= c.engine.commandTime {
            c.engine.countChanges(deleted ? 1 : 0, since: before)
            return .ok
        }
        db.add(key, value)
        if ttl > 0 { db.setExpire(key, at: ttl) }
        if options.idleSeconds != nil || options.frequency != nil, let p = db.table.position(of: key) {
            let bits = loadOptions.accessBits(idle: options.idleSeconds.map { UInt64($0) }, freq: options.frequency.map { UInt8($0) })
            db.setAccessBits(bits, at: p)
        }
        c.engine.countChanges(1, since: before)
        return .ok
    }

    /// Reads the options after the payload, with Redis's errors. IDLETIME and FREQ exclude each
    /// other: the second one is not recognised at all (a syntax error), whatever its number.
    private static func restoreOptions(_ c: CommandContext) throws(Reply) -> RestoreOptions {
        var options = RestoreOptions()
        var i = 4
        while i < c.argc {
            let hasNumber = i + 1 < c.argc
            if c.argument(i, is: "REPLACE") {
                options.replace = true
            } else if c.argument(i, is: "ABSTTL") {
                options.absoluteTTL = true
            } else if c.argument(i, is: "IDLETIME") && hasNumber && options.frequency == nil {
                let idle = try c.integer(at: i + 1)
                if idle < 0 { throw Reply.error("ERR Invalid IDLETIME value, must be >= 0") }
                options.idleSeconds = idle
                i += 1
            } else if c.argument(i, is: "FREQ") && hasNumber && options.idleSeconds == nil {
                let frequency = try c.integer(at: i + 1)
                if frequency < 0 || frequency > 255 { throw Reply.error("ERR Invalid FREQ value, must be >= 0 and <= 255") }
                options.frequency = frequency
                i += 1
            } else {
                throw RedisError.syntax
            }
            i += 1
        }
        return options
    }
}
