/// The Lists command group: its handlers by full lower-case name.
///
/// Each family has its own file: PUSH (LPUSH RPUSH LPUSHX RPUSHX), POP (LPOP RPOP), LRANGE,
/// LINDEX-LSET, LINSERT, LREM, LTRIM, LLEN, LPOS, LMOVE (LMOVE RPOPLPUSH), LMPOP and
/// BlockingPops (BLPOP BRPOP BLMOVE BRPOPLPUSH BLMPOP).
enum ListCommands {
    static var handlers: [String: CommandHandler] {
        [
            "lpush": lpush,
            "rpush": rpush,
            "lpushx": lpushx,
            "rpushx": rpushx,
            "lpop": lpop,
            "rpop": rpop,
            "llen": llen,
            "lrange": lrange,
            "lindex": lindex,
            "lset": lset,
            "linsert": linsert,
            "lrem": lrem,
            "ltrim": ltrim,
            "lpos": lpos,
            "lmove": lmove,
            "rpoplpush": rpoplpush,
            "lmpop": lmpop,
            "blpop": blpop,
            "brpop": brpop,
            "blmove": blmove,
            "brpoplpush": brpoplpush,
            "blmpop": blmpop,
        ]
    }
}
