/// MEMORY USAGE | STATS | DOCTOR | MALLOC-STATS | PURGE | HELP.
extension MemoryCommands {
    /// MEMORY USAGE key [SAMPLES count]: the bytes of the key, its value and its dictionary
    /// entry; nil for a missing key. The key is found without expiry checks or statistics, as
    /// Redis's `dictFind` does. A collection is estimated from its first `count` elements
    /// (5 by default, 0 = all), as Redis does (see `MemoryUsageEstimate`); the last SAMPLES
    /// given wins.
    static func usage(_ c: CommandContext) throws(Reply) -> Reply {
        var samples = MemoryUsageEstimate.defaultSamples
        var j = 3
        while j < c.argc {
            guard c.argument(j, is: "SAMPLES"), j + 1 < c.argc else { throw RedisError.syntax }
            let n = try c.integer(at: j + 1)
            if n < 0 { throw RedisError.syntax }
            samples = n == 0 ? Int.max : Int(clamping: n)
            j += 2
        }
        guard let bytes = c.db.memoryUsage(of: c[2], samples: samples) else { return .null }
        return .integer(Int64(bytes))
    }

    /// MEMORY STATS: Redis's memory breakdown, as a map.
    static func stats(_ c: CommandContext) -> Reply {
        let report = MemoryReport(engine: c.engine)
        var fields: [Reply] = []
        func add(_ name: String, _ value: Reply) { fields += [.bulk(Bytes(name)), value] }
        func int(_ n: Int) -> Reply { .integer(Int64(n)) }
        // Redis keeps its percentages and ratios in C floats, so they print with a float's
        // digits widened to a double (99.77154541015625, not 99.771545...).
        func float(_ x: Double) -> Reply { .double(Double(Float(x))) }
        add("peak.allocated", int(report.peak))
        add("total.allocated", int(report.used))
        add("startup.allocated", int(report.startup))
        add("replication.backlog", int(0))
        add("clients.slaves", int(0))
        add("clients.normal", int(report.clients))
        add("cluster.links", int(0))
        add("aof.buffer", int(0))
        add("lua.caches", int(0))
        add("functions.caches", int(report.functions))
        for db in report.databases {
            add("db.\(db.id)", .map([
                .bulk("overhead.hashtable.main"), int(db.mainOverhead),
                .bulk("overhead.hashtable.expires"), int(db.expiresOverhead),
                .bulk("overhead.hashtable.slot-to-keys"), int(0),
            ]))
        }
        add("overhead.total", int(report.overhead))
        add("keys.count", int(report.keys))
        add("keys.bytes-per-key", int(report.bytesPerKey))
        add("dataset.bytes", int(report.dataset))
        add("dataset.percentage", float(report.datasetPercentage))
        add("peak.percentage", float(report.peakPercentage))
        add("allocator.allocated", int(report.used))
        add("allocator.active", int(report.used))
        add("allocator.resident", int(report.rss))
        add("allocator-fragmentation.ratio", .double(1))
        add("allocator-fragmentation.bytes", int(0))
        add("allocator-rss.ratio", float(report.fragmentation))
        add("allocator-rss.bytes", int(report.rss - report.used))
        add("rss-overhead.ratio", .double(1))
        add("rss-overhead.bytes", int(0))
        add("fragmentation", float(report.fragmentation))
        add("fragmentation.bytes", int(report.rss - report.used))
        return .map(fields)
    }

    /// MEMORY DOCTOR: Redis's advice on the memory figures (see `MemoryDoctor`).
    static func doctor(_ c: CommandContext) -> Reply {
        let text = MemoryDoctor(report: MemoryReport(engine: c.engine)).text
        return .verbatim(format: "txt", text: Bytes(text))
    }

    /// MEMORY MALLOC-STATS: the allocator's own statistics. Redis prints jemalloc's; built
    /// with libc's malloc, as CacheLab reports itself (`mem_allocator:libc`), it answers this,
    /// as a bulk string (redis-cli prints it raw, without a line end, as it does jemalloc's).
    static func mallocStats(_ c: CommandContext) -> Reply {
        .bulk(Bytes("Stats not supported for the current allocator"))
    }

    /// MEMORY PURGE: asks the allocator to return dirty pages; CacheLab holds none.
    static func purge(_ c: CommandContext) -> Reply { .ok }

    /// MEMORY HELP.
    static func help(_ c: CommandContext) -> Reply {
        let lines = [
            "DOCTOR",
            "    Return memory problems reports.",
            "MALLOC-STATS",
            "    Return internal statistics report from the memory allocator.",
            "PURGE",
            "    Attempt to purge dirty pages for reclamation by the allocator.",
            "STATS",
            "    Return information about the memory usage of the server.",
            "USAGE <key> [SAMPLES <count>]",
            "    Return memory in bytes used by <key> and its value. Nested values are",
            "    sampled up to <count> times (default: 5, 0 means sample all).",
        ]
        return .subcommandHelp(c[0].string, lines)
    }
}
