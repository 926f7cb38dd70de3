/// CONFIG GET, SET, RESETSTAT, REWRITE and HELP: reading and changing the parameters of
/// `Config` (see `Engine/Config+Parameters.swift` for the table).
extension ServerCommands {
    /// CONFIG GET pattern [pattern ...]: a map of every matching parameter to its value.
    static func configGet(_ c: CommandContext) -> Reply {
        let found = c.engine.config.get(patterns: Array(c.argv[2...]))
        var items: [Reply] = []
        items.reserveCapacity(found.count * 2)
        for (name, value) in found {
            items.append(.bulk(name))
            items.append(.bulk(value))
        }
        return .map(items)
    }

    /// CONFIG SET parameter value [parameter value ...]: all pairs or none.
    static func configSet(_ c: CommandContext) throws(Reply) -> Reply {
        guard c.argc % 2 == 0 else { throw RedisError.syntax }
        let pairs = stride(from: 2, to: c.argc, by: 2).map { (name: c[$0], value: c[$0 + 1]) }
        let maxmemoryBefore = c.engine.config.maxmemory
        do {
            try c.engine.config.set(pairs)
        } catch {
            throw error.reply
        }
        // A new maxmemory starts eviction in the background, as Redis's `updateMaxmemory`
        // does: not inside this command (nor the rest of its transaction), but before the
        // next one, even one that would not evict by itself.
        if c.engine.config.maxmemory != maxmemoryBefore && c.engine.config.maxmemory > 0 {
            c.engine.startEvictionInBackground()
        }
        return .ok
    }

    /// CONFIG RESETSTAT: zeroes the statistics INFO reports.
    static func configResetStat(_ c: CommandContext) -> Reply {
        c.engine.stats.reset()
        c.engine.serverState.resetStatistics()
        return .ok
    }

    /// CONFIG REWRITE: CacheLab is never started from a config file, so there is none to rewrite.
    static func configRewrite(_ c: CommandContext) -> Reply {
        .error("ERR The server is running without a config file")
    }

    static func configHelp(_ c: CommandContext) -> Reply {
        Reply.subcommandHelp("CONFIG", [
            "GET <pattern>",
            "    Return parameters matching the glob-like <pattern> and their values.",
            "SET <directive> <value>",
            "    Set the configuration <directive> to <value>.",
            "RESETSTAT",
            "    Reset statistics reported by the INFO command.",
            "REWRITE",
            "    Rewrite the configuration file.",
        ])
    }
}
