/// What a write command puts in the AOF: the command itself when replaying it gives the same
/// result, else the deterministic form Redis 7.0 propagates:
///
///     SET k v EX 10 [NX|XX|GET...]        SET k v PXAT <absolute ms>
///     SET k v [NX|XX|KEEPTTL] GET         SET k v [NX|XX|KEEPTTL]   (every GET dropped)
///     SETEX / PSETEX                      SET k v PXAT <absolute ms>
///     EXPIRE / PEXPIRE / EXPIREAT k t ... PEXPIREAT k <absolute ms> ... (options kept)
///     GETEX k EX 10 / PERSIST             PEXPIREAT k <ms> / PERSIST k
///     an expire already in the past       DEL k (UNLINK with lazyfree-lazy-expire yes)
///     GETDEL k                            DEL k
///     INCRBYFLOAT k 1.5                   SET k <result> KEEPTTL
///     HINCRBYFLOAT k f 1.5                HSET k f <result>
///     XADD k * f v                        XADD k <the ID it got> f v
///     XADD / XTRIM ... MAXLEN ~ n         ... MAXLEN = <length after> (MINID = <first ID after>)
///     SPOP k                              SREM k <member>
///     SPOP k n                            SREM k <member> per member, or DEL k when all went
///     BLPOP / BRPOP                       LPOP / RPOP k   (the key that served)
///     BRPOPLPUSH / BLMOVE                 RPOPLPUSH / LMOVE
///     LMPOP / BLMPOP                      LPOP / RPOP k <count popped>
///     BZPOPMIN / BZPOPMAX                 ZPOPMIN / ZPOPMAX k
///     ZMPOP / BZMPOP                      ZPOPMIN / ZPOPMAX k <count popped>
///     RESTORE k 5000 payload ...          RESTORE k <absolute ms> payload ... ABSTTL
///     RESTORE ... REPLACE, time past      DEL k   (the old key went, nothing came)
///
/// Stream consumer groups (XREADGROUP, XCLAIM, XAUTOCLAIM) say themselves what they
/// propagate (`CommandContext.alsoPropagate`). A key expired or evicted goes out as DEL.
extension PersistenceManager {
    func propagationForm(_ name: String, _ argv: [Bytes], reply: Reply, db: Database) -> [[Bytes]] {
        switch name {
        case "set":
            return [setForm(argv)]
        case "setex", "psetex":
            guard let amount = argv[2].int64Value else { return [argv] }
            let when = engine.commandTime &+ (name == "setex" ? amount &* 1000 : amount)
            return [["SET", argv[1], argv[3], "PXAT", Bytes(integer: when)]]
        case "expire", "pexpire", "expireat", "pexpireat":
            return [expireForm(name, argv, db: db)]
        case "getex":
            let key = argv[1]
            if argv.count > 2 && argv[2].equalsIgnoringCase("PERSIST") { return [["PERSIST", key]] }
            guard let when = db.expires[key] else { return [[deleteVerb, key]] }
            return [["PEXPIREAT", key, Bytes(integer: when)]]
        case "getdel":
            return [["DEL", argv[1]]]
        case "incrbyfloat":
            guard case .bulk(let result) = reply else { return [argv] }
            return [["SET", argv[1], result, "KEEPTTL"]]
        case "hincrbyfloat":
            guard case .bulk(let result) = reply else { return [argv] }
            return [["HSET", argv[1], argv[2], result]]
        case "xadd":
            return [xaddForm(argv, reply: reply, db: db)]
        case "xtrim":
            return [approximateTrimResolved(argv, from: 2, db: db)]
        case "spop":
            return spopForm(argv, reply: reply, db: db)
        case "blpop", "brpop", "bzpopmin", "bzpopmax":
            guard case .array(let items) = reply, let first = items.first, case .bulk(let key) = first else { return [] }
            let verb: Bytes = switch name {
            case "blpop": "LPOP"
            case "brpop": "RPOP"
            case "bzpopmin": "ZPOPMIN"
            default: "ZPOPMAX"
            }
            return [[verb, key]]
        case "brpoplpush":
            return [["RPOPLPUSH", argv[1], argv[2]]]
        case "blmove":
            return [["LMOVE", argv[1], argv[2], argv[3], argv[4]]]
        case "lmpop", "blmpop", "zmpop", "bzmpop":
            return multiPopForm(name, argv, reply: reply)
        case "restore", "restore-asking":
            return [restoreForm(argv, db: db)]
        default:
            return [argv]
        }
    }

    /// DEL, or UNLINK when expired keys are freed lazily.
    var deleteVerb: Bytes { engine.config.value(of: "lazyfree-lazy-expire") == "yes" ? "UNLINK" : "DEL" }

    /// SET: `SET k v PXAT ms` when any expire option was given; otherwise the command
    /// without its GET arguments.
    func setForm(_ argv: [Bytes]) -> [Bytes] {
        var i = 3
        while i < argv.count {
            let a = argv[i]
            let unit: Int64? = a.equalsIgnoringCase("EX") || a.equalsIgnoringCase("EXAT") ? 1000
                : a.equalsIgnoringCase("PX") || a.equalsIgnoringCase("PXAT") ? 1 : nil
            if let unit, i + 1 < argv.count, let amount = argv[i + 1].int64Value {
                let absolute = a.count == 4
                let when = amount &* unit &+ (absolute ? 0 : engine.commandTime)
                return ["SET", argv[1], argv[2], "PXAT", Bytes(integer: when)]
            }
            i += 1
        }
        return argv.enumerated().filter { $0.offset < 3 || !$0.element.equalsIgnoringCase("GET") }.map(\.element)
    }

    /// RESTORE with a relative ttl: the absolute time it set, marked ABSTTL at the end, so a
    /// replay later gives the key the same expire. DEL (always DEL, as Redis writes it) when a
    /// REPLACE deleted the old key and the time was already past.
    func restoreForm(_ argv: [Bytes], db: Database) -> [Bytes] {
        let key = argv[1]
        guard db.table.position(of: key) != nil else { return ["DEL", key] }
        let absolute = argv.dropFirst(4).contains { $0.equalsIgnoringCase("ABSTTL") }
        guard !absolute, argv[2].int64Value != 0, let when = db.expires[key] else { return argv }
        var out = argv
        out[2] = Bytes(integer: when)
        out.append("ABSTTL")
        return out
    }

    /// EXPIRE and friends: PEXPIREAT with the absolute time in ms, options kept; DEL when the
    /// key is gone (the time was already past).
    func expireForm(_ name: String, _ argv: [Bytes], db: Database) -> [Bytes] {
        let key = argv[1]
        guard let when = db.expires[key], db.table.position(of: key) != nil else { return [deleteVerb, key] }
        var out = argv
        out[0] = "PEXPIREAT"
        out[2] = Bytes(integer: when)
        return out
    }

    /// XADD with its ID resolved, and an approximate trim made exact.
    func xaddForm(_ argv: [Bytes], reply: Reply, db: Database) -> [Bytes] {
        guard case .bulk(let id) = reply, let index = Self.xaddIDIndex(argv) else { return argv }
        var out = argv
        out[index] = id
        return approximateTrimResolved(out, from: 2, db: db, end: index)
    }

    /// `MAXLEN ~ n` / `MINID ~ id` become `= <length now>` / `= <first ID now>`: an approximate
    /// trim depends on the stream's node layout, which a replay need not rebuild alike.
    func approximateTrimResolved(_ argv: [Bytes], from start: Int, db: Database, end: Int? = nil) -> [Bytes] {
        let limit = end ?? argv.count
        var i = start
        while i + 2 < limit {
            let isMaxLength = argv[i].equalsIgnoringCase("MAXLEN")
            if (isMaxLength || argv[i].equalsIgnoringCase("MINID")) && argv[i + 1] == "~" {
                var out = argv
                out[i + 1] = "="
                if let p = db.table.position(of: argv[1]), case .stream(let s) = db.table.values[p].value {
                    out[i + 2] = isMaxLength ? Bytes(integer: Int64(s.length)) : Self.firstEdgeID(of: s).bytes
                }
                return out
            }
            i += 1
        }
        return argv
    }

    /// The ID of a stream's first entry, tombstones included (Redis's `streamGetEdgeID`);
    /// the greatest ID when the stream is empty.
    static func firstEdgeID(of s: StreamValue) -> StreamID {
        s.nodes.first?.items.first?.id ?? .max
    }

    /// SPOP: one SREM per popped member; DEL when a count took every member.
    func spopForm(_ argv: [Bytes], reply: Reply, db: Database) -> [[Bytes]] {
        let key = argv[1]
        switch reply {
        case .bulk(let member):
            return [["SREM", key, member]]
        case .array(let members), .set(let members):
            if db.table.position(of: key) == nil { return [["DEL", key]] }
            return members.compactMap { if case .bulk(let m) = $0 { return ["SREM", key, m] } else { return nil } }
        default:
            return []
        }
    }

    /// LMPOP, BLMPOP, ZMPOP, BZMPOP: a pop of the key that served, counting what it gave.
    func multiPopForm(_ name: String, _ argv: [Bytes], reply: Reply) -> [[Bytes]] {
        guard case .array(let parts) = reply, parts.count == 2, case .bulk(let key) = parts[0] else { return [] }
        let popped: Int
        switch parts[1] {
        case .array(let items), .map(let items): popped = name.hasSuffix("zmpop") && parts[1].isMap ? items.count / 2 : items.count
        default: return []
        }
        let isList = name == "lmpop" || name == "blmpop"
        let fromMax = argv.contains { $0.equalsIgnoringCase(isList ? "RIGHT" : "MAX") }
        let verb: Bytes = isList ? (fromMax ? "RPOP" : "LPOP") : (fromMax ? "ZPOPMAX" : "ZPOPMIN")
        return [[verb, key, Bytes(integer: Int64(popped))]]
    }

    /// The position of XADD's ID argument: after the key and the options
    /// NOMKSTREAM, MAXLEN|MINID [=|~] threshold, LIMIT count.
    static func xaddIDIndex(_ argv: [Bytes]) -> Int? {
        var i = 2
        while i < argv.count {
            let a = argv[i]
            if a.equalsIgnoringCase("NOMKSTREAM") {
                i += 1
            } else if a.equalsIgnoringCase("MAXLEN") || a.equalsIgnoringCase("MINID") {
                i += 1
                if i < argv.count, argv[i] == "=" || argv[i] == "~" { i += 1 }
                i += 1
            } else if a.equalsIgnoringCase("LIMIT") {
                i += 2
            } else {
                return i
            }
        }
        return nil
    }
}

private extension Reply {
    var isMap: Bool { if case .map = self { return true } else { return false } }
}
