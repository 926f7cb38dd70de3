/// The Sets command group: its handlers by full lower-case name.
enum SetCommands {
    static var handlers: [String: Handler] {
        [
            "sadd": Handler(sadd),
            "srem": Handler(srem),
            "smembers": Handler(smembers),
            "sismember": Handler(sismember),
            "smismember": Handler(smismember),
            "scard": Handler(scard),
            "spop": Handler(spop),
            "srandmember": Handler(srandmember),
            "smove": Handler(smove),
            "sinter": Handler(sinter),
            "sinterstore": Handler(sinterstore),
            "sintercard": Handler(sintercard),
            "sunion": Handler(sunion),
            "sunionstore": Handler(sunionstore),
            "sdiff": Handler(sdiff),
            "sdiffstore": Handler(sdiffstore),
            "sscan": Handler(sscan),
        ]
    }
}
