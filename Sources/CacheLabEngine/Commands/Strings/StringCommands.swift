/// The Strings command group: its handlers by full lower-case name.
///
/// Each command lives in the file named after it (`SET.swift` holds SET, SETNX, SETEX and
/// PSETEX; `GETRANGE+SETRANGE.swift` holds GETRANGE, SUBSTR and SETRANGE).
enum StringCommands {
    static var handlers: [String: Handler] {
        [
            "set": Handler(set),
            "setnx": Handler(setnx),
            "setex": Handler(setex),
            "psetex": Handler(psetex),
            "get": Handler(get),
            "getset": Handler(getset),
            "getdel": Handler(getdel),
            "getex": Handler(getex),
            "mget": Handler(mget),
            "mset": Handler(mset),
            "msetnx": Handler(msetnx),
            "append": Handler(append),
            "strlen": Handler(strlen),
            "incr": Handler(incr),
            "decr": Handler(decr),
            "incrby": Handler(incrby),
            "decrby": Handler(decrby),
            "incrbyfloat": Handler(incrbyfloat),
            "getrange": Handler(getrange),
            "substr": Handler(getrange),
            "setrange": Handler(setrange),
            "lcs": Handler(lcs),
        ]
    }
}
