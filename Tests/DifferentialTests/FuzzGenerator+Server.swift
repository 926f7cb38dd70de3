/// The server family of the fuzz generator: introspection a user types while watching a
/// cache (OBJECT, MEMORY USAGE, CONFIG GET patterns), the connection's own CLIENT settings,
/// and SCAN with edge cursors and counts.
extension FuzzGenerator {
    static let configPatterns = ["maxmemory*", "*max-listpack*", "*-max-*", "hz", "maxmemory-policy", "nosuch",
                                 "MAXMEMORY", "list-*", "set-max-intset-entries", "?z", "*entries", "maxclients", "appendonly",
                                 "lfu-*", "lazyfree-*", "databases", "[hz]z", "appendfsync"]

    mutating func serverCommand() -> FuzzCommand {
        let k = rng.pick(Self.allKeys + ["none"])
        switch rng.below(16) {
        case 0, 1:
            // Redis lists a pattern's matches in its hash table's order; never "*" alone,
            // whose answer holds paths and other settings of the process.
            let patterns = rng.some(Self.configPatterns.filter { $0 != "*" }, 1, 3)
            return FuzzCommand(argv: ["CONFIG", option("GET")] + patterns, comparison: .unorderedPairs)
        case 2: return FuzzCommand(argv: ["OBJECT", option(rng.pick(["FREQ", "IDLETIME"])), k], comparison: .approximately(2))
        case 3: return FuzzCommand(argv: ["OBJECT", rng.pick(["HELP", "help", "ENCODING", "FREQ"])] + rng.some(["x", "y"], 0, 1))
        case 4, 5, 6:
            var argv = ["MEMORY", option("USAGE"), k]
            if rng.chance(0.4) { argv += [option("SAMPLES"), rng.pick(["0", "1", "5", "-1", "a", "9223372036854775807"])] }
            if rng.chance(0.05) { argv.append("BOGUS") }
            return FuzzCommand(argv: argv, comparison: .memoryUsage(key: k))
        case 7: return FuzzCommand(argv: ["CLIENT", option("GETNAME")])
        case 8:
            return FuzzCommand(argv: ["CLIENT", option("SETNAME"), rng.pick(["fuzz", "", "a b", "n\u{1}", "x-1", "ñ"])])
        case 9: return FuzzCommand(argv: ["CLIENT", option("NO-EVICT"), rng.pick(["on", "OFF", "maybe"])])
        case 10:
            return FuzzCommand(argv: ["CLIENT", rng.pick(["NOPE", "HELP", "GETNAME", "NO-EVICT"])] + rng.some(["x", "on"], 0, 2))
        case 11, 12, 13:
            var argv = ["SCAN", rng.pick(["0", "0", "abc", "-1", "1", "18446744073709551615", "18446744073709551616", " 0", "0x0"])]
            if rng.chance(0.5) { argv += [option("COUNT"), rng.pick(["1000", "0", "-1", "a", "9223372036854775807", "1000"])] }
            if rng.chance(0.3) { argv += [option("MATCH"), rng.pick(["*", "*1", "", "[a-z]?"])] }
            if rng.chance(0.3) { argv += [option("TYPE"), rng.pick(["stream", "string", "hash", "", "set"])] }
            if rng.chance(0.05) { argv += rng.pick([["COUNT"], ["MATCH"], ["BOGUS", "1"]]) }
            // Only a full scan (from 0, with room for every key) is compared by content: where
            // any other cursor lands depends on the server's random hash seed.
            // (A bad COUNT before the last one is an error all the same.)
            let full = argv[1] == "0"
            return FuzzCommand(argv: full ? argv + [option("COUNT"), "1000"] : argv, comparison: full ? .unorderedDeep : .shape)
        default:
            let k = rng.pick(Self.hashKeys + Self.setKeys + Self.zsetKeys)
            var argv = [k.hasPrefix("h") ? "HSCAN" : k.hasPrefix("t") ? "SSCAN" : "ZSCAN", k,
                        rng.pick(["0", "abc", "-1", "18446744073709551616", " 0"])]
            if rng.chance(0.5) { argv += [option("COUNT"), rng.pick(["1000", "0", "-1", "a", "9223372036854775807"])] }
            if rng.chance(0.2) { argv += [option("TYPE"), "string"] }
            return FuzzCommand(argv: argv, comparison: .collection(key: k, pairs: false, deep: true))
        }
    }
}
