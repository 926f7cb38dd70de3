/// SLOWLOG GET [count], SLOWLOG LEN, SLOWLOG RESET, SLOWLOG HELP: reading the slow log
/// (see `SlowLog`), where Redis keeps the commands that took too long.
extension ServerCommands {
    /// SLOWLOG GET [count]: the newest `count` entries (10 by default, -1 for all). The
    /// table's arity lets any number of arguments through; like Redis, more than one count
    /// is refused here as a subcommand that does not fit.
    static func slowlogGet(_ c: CommandContext) throws(Reply) -> Reply {
        guard c.argc <= 3 else { throw RedisError.subcommandSyntax(c[1], of: "SLOWLOG") }
        var count = 10
        if c.argc == 3 {
            guard let n = c[2].int64Value, n >= -1 else {
                throw Reply.error("ERR count should be greater than or equal to -1")
            }
            count = n == -1 ? Int.max : Int(clamping: n)
        }
        return .array(c.engine.slowLog.entries.prefix(count).map { entry in
            .array([
                .integer(entry.id),
                .integer(entry.timestamp),
                .integer(entry.microseconds),
                .array(entry.arguments.map(Reply.bulk)),
                .bulk(Bytes(entry.clientAddress)),
                .bulk(entry.clientName),
            ])
        })
    }

    /// SLOWLOG LEN.
    static func slowlogLen(_ c: CommandContext) -> Reply {
        .integer(Int64(c.engine.slowLog.entries.count))
    }

    /// SLOWLOG RESET.
    static func slowlogReset(_ c: CommandContext) -> Reply {
        c.engine.slowLog.reset()
        return .ok
    }

    static func slowlogHelp(_ c: CommandContext) -> Reply {
        .subcommandHelp("SLOWLOG", [
            "GET [<count>]",
            "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
            "    Entries are made of:",
            "    id, timestamp, time in microseconds, arguments array, client IP and port,",
            "    client name",
            "LEN",
            "    Return the length of the slowlog.",
            "RESET",
            "    Reset the slowlog.",
        ])
    }
}
