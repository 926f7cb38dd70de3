/// The Streams command group: its handlers by full lower-case name.
///
/// Each command lives in its own file (`XADD.swift`, `XREAD.swift`, ...); the data structure
/// is `StreamValue` with its nodes and consumer groups, in `Keyspace/`.
enum StreamCommands {
    static var handlers: [String: CommandHandler] {
        [
            "xadd": xadd,
            "xlen": xlen,
            "xrange": xrange,
            "xrevrange": xrevrange,
            "xdel": xdel,
            "xtrim": xtrim,
            "xread": xread,
            "xreadgroup": xreadgroup,
            "xsetid": xsetid,
            "xack": xack,
            "xpending": xpending,
            "xclaim": xclaim,
            "xautoclaim": xautoclaim,
            "xgroup|create": xgroupCreate,
            "xgroup|setid": xgroupSetid,
            "xgroup|destroy": xgroupDestroy,
            "xgroup|createconsumer": xgroupCreateconsumer,
            "xgroup|delconsumer": xgroupDelconsumer,
            "xgroup|help": xgroupHelp,
            "xinfo|stream": xinfoStream,
            "xinfo|groups": xinfoGroups,
            "xinfo|consumers": xinfoConsumers,
            "xinfo|help": xinfoHelp,
        ]
    }
}
