/// The Streams command group: its handlers by full lower-case name.
///
/// Each command lives in its own file (`XADD.swift`, `XREAD.swift`, ...); the data structure
/// is `StreamValue` with its nodes and consumer groups, in `Keyspace/`.
enum StreamCommands {
    static var handlers: [String: Handler] {
        [
            "xadd": Handler(xadd),
            "xlen": Handler(xlen),
            "xrange": Handler(xrange),
            "xrevrange": Handler(xrevrange),
            "xdel": Handler(xdel),
            "xtrim": Handler(xtrim),
            "xread": Handler(xread),
            "xreadgroup": Handler(xreadgroup),
            "xsetid": Handler(xsetid),
            "xack": Handler(xack),
            "xpending": Handler(xpending),
            "xclaim": Handler(xclaim),
            "xautoclaim": Handler(xautoclaim),
            "xgroup|create": Handler(xgroupCreate),
            "xgroup|setid": Handler(xgroupSetid),
            "xgroup|destroy": Handler(xgroupDestroy),
            "xgroup|createconsumer": Handler(xgroupCreateconsumer),
            "xgroup|delconsumer": Handler(xgroupDelconsumer),
            "xgroup|help": Handler(xgroupHelp),
            "xinfo|stream": Handler(xinfoStream),
            "xinfo|groups": Handler(xinfoGroups),
            "xinfo|consumers": Handler(xinfoConsumers),
            "xinfo|help": Handler(xinfoHelp),
        ]
    }
}
