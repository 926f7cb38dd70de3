/// What a write command puts in the AOF: the command itself when replaying it gives the same
/// result, else a deterministic form, as Redis 7.0 propagates it:
///
///     SET k v EX 10 / SETEX / PSETEX      SET k v PXAT <absolute ms>
///     EXPIRE / PEXPIRE / EXPIREAT         PEXPIREAT k <absolute ms>   (DEL k if it expired at once)
///     GETEX k EX 10 / PERSIST             PEXPIREAT k <ms> / PERSIST k
///     GETDEL k                            DEL k
///     INCRBYFLOAT k 1.5                   SET k <result> KEEPTTL
///     HINCRBYFLOAT k f 1.5                HSET k f <result>
///     XADD k * f v                        XADD k <the ID it got> f v
///     SPOP, XREADGROUP, XCLAIM,           the key's new contents: DEL k, then the commands
///     XAUTOCLAIM, XGROUP CREATECONSUMER   that rebuild it (AOFCommandForm), since their
///                                         effect depends on chance or on the clock
///     a key expired or evicted            DEL k
extension PersistenceManager {
    func propagationForm(_ name: String, _ argv: [Bytes], reply: Reply, db: Database) -> [[Bytes]] {
        switch name {
        case "set", "setex", "psetex":
            let (key, value) = name == "set" ? (argv[1], argv[2]) : (argv[1], argv[3])
            guard db.livePosition(of: key) != nil else { return [argv] }
            if let when = db.expireTime(of: key) { return [["SET", key, value, "PXAT", Bytes(integer: when)]] }
            return [["SET", key, value]]
        case "expire", "pexpire", "expireat", "pexpireat", "getex":
            let key = argv[1]
            guard db.livePosition(of: key) != nil else { return [["DEL", key]] }
            if let when = db.expireTime(of: key) { return [["PEXPIREAT", key, Bytes(integer: when)]] }
            return [["PERSIST", key]]
        case "getdel":
            return [["DEL", argv[1]]]
        case "incrbyfloat":
            guard case .bulk(let result) = reply else { return [argv] }
            return [["SET", argv[1], result, "KEEPTTL"]]
        case "hincrbyfloat":
            guard case .bulk(let result) = reply else { return [argv] }
            return [["HSET", argv[1], argv[2], result]]
        case "xadd":
            guard case .bulk(let id) = reply, let index = Self.xaddIDIndex(argv) else { return [argv] }
            var out = argv
            out[index] = id
            return [out]
        case "spop", "xclaim", "xautoclaim":
            return stateForm(of: [argv[1]], db: db)
        case "xgroup|createconsumer":
            return stateForm(of: [argv[2]], db: db)
        case "xreadgroup":
            guard let streams = argv.firstIndex(where: { $0.equalsIgnoringCase("STREAMS") }) else { return [argv] }
            let rest = argv.count - streams - 1
            return stateForm(of: Array(argv[(streams + 1)..<(streams + 1 + rest / 2)]), db: db)
        default:
            return [argv]
        }
    }

    /// DEL of each key, then the commands that rebuild its current value.
    func stateForm(of keys: [Bytes], db: Database) -> [[Bytes]] {
        var out: [[Bytes]] = []
        for key in keys {
            out.append(["DEL", key])
            if let p = db.livePosition(of: key) {
                out += AOFCommandForm.commands(key: key, value: db.table.values[p].value, expireAt: db.expireTime(of: key))
            }
        }
        return out
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
