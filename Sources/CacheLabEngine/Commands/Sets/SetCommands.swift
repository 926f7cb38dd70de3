/// The Sets command group: its handlers by full lower-case name.
enum SetCommands {
    static var handlers: [String: CommandHandler] {
        [
            "sadd": sadd,
            "srem": srem,
            "smembers": smembers,
            "sismember": sismember,
            "smismember": smismember,
            "scard": scard,
            "spop": spop,
            "srandmember": srandmember,
            "smove": smove,
            "sinter": sinter,
            "sinterstore": sinterstore,
            "sintercard": sintercard,
            "sunion": sunion,
            "sunionstore": sunionstore,
            "sdiff": sdiff,
            "sdiffstore": sdiffstore,
            "sscan": sscan,
        ]
    }
}
