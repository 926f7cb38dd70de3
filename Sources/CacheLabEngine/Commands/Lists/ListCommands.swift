/// The Lists command group: its handlers by full lower-case name.
///
/// Each family has its own file: PUSH (LPUSH RPUSH LPUSHX RPUSHX), POP (LPOP RPOP), LRANGE,
/// LINDEX-LSET, LINSERT, LREM, LTRIM, LLEN, LPOS, LMOVE (LMOVE RPOPLPUSH), LMPOP and
/// BlockingPops (BLPOP BRPOP BLMOVE BRPOPLPUSH BLMPOP).
enum ListCommands {
    static var handlers: [String: Handler] {
        [
            "lpush": Handler(lpush),
            "rpush": Handler(rpush),
            "lpushx": Handler(lpushx),
            "rpushx": Handler(rpushx),
            "lpop": Handler(lpop),
            "rpop": Handler(rpop),
            "llen": Handler(llen),
            "lrange": Handler(lrange),
            "lindex": Handler(lindex),
            "lset": Handler(lset),
            "linsert": Handler(linsert),
            "lrem": Handler(lrem),
            "ltrim": Handler(ltrim),
            "lpos": Handler(lpos),
            "lmove": Handler(lmove),
            "rpoplpush": Handler(rpoplpush),
            "lmpop": Handler(lmpop),
            "blpop": Handler(blpop),
            "brpop": Handler(brpop),
            "blmove": Handler(blmove),
            "brpoplpush": Handler(brpoplpush),
            "blmpop": Handler(blmpop),
        ]
    }
}
