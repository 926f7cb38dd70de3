/// The Strings command group: its handlers by full lower-case name.
///
/// Each command lives in the file named after it (`SET.swift` holds SET, SETNX, SETEX and
/// PSETEX; `GETRANGE+SETRANGE.swift` holds GETRANGE, SUBSTR and SETRANGE).
enum StringCommands {
    static var handlers: [String: CommandHandler] {
        [
            "set": set,
            "setnx": setnx,
            "setex": setex,
            "psetex": psetex,
            "get": get,
            "getset": getset,
            "getdel": getdel,
            "getex": getex,
            "mget": mget,
            "mset": mset,
            "msetnx": msetnx,
            "append": append,
            "strlen": strlen,
            "incr": incr,
            "decr": decr,
            "incrby": incrby,
            "decrby": decrby,
            "incrbyfloat": incrbyfloat,
            "getrange": getrange,
            "substr": getrange,
            "setrange": setrange,
            "lcs": lcs,
        ]
    }
}
