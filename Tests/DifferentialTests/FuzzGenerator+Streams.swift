/// The stream family of the fuzz generator: XADD with explicit IDs (an ID from the clock
/// would differ between the two sides), trimming, ranges, reads, consumer groups and their
/// pending entries lists.
///
/// Replies that show the clock (idle times, delivery times, a consumer's seen-time) are
/// compared with `.streamTimes`, which lets only those integers differ by a little.
extension FuzzGenerator {
    static let streamKeys = ["q1", "q2"]
    static let streamFields = ["a", "b", "f1", ""]
    /// IDs XADD is given: mostly growing, some at or below the top (errors), some with an
    /// automatic sequence, rarely the largest ID (after which every XADD fails).
    static let streamAddIDs = ["1-1", "1-2", "2-1", "2", "3-*", "4", "5-1", "5-*", "7-3", "10-1", "12-*", "20",
                               "0-1", "0-0", "0", "1-1", "abc", "-1", "1-", "18446744073709551615-18446744073709551614"]
    static let streamRangeIDs = ["-", "+", "0", "0-0", "1", "1-1", "1-2", "2", "(1-1", "(2", "5", "5-1", "(5-1",
                                 "10", "99", "abc", "(+", "(-", "18446744073709551615-18446744073709551615", "1-*"]
    static let streamReadIDs = ["0", "0-0", "1-1", "2", "5-0", "$", "99", "abc", "0", "0", "3-1"]
    static let groups = ["g1", "g2"]
    static let consumers = ["c1", "c2", "c3"]

    mutating func streamCommand() -> FuzzCommand {
        let k = key(Self.streamKeys)
        switch rng.below(30) {
        case 0, 1, 2, 3, 4, 5: return xaddCommand(k)
        case 6: return FuzzCommand(argv: ["XLEN", k])
        case 7, 8:
            var argv = [rng.chance(0.7) ? "XRANGE" : "XREVRANGE", k, rng.pick(Self.streamRangeIDs), rng.pick(Self.streamRangeIDs)]
            if argv[0] == "XREVRANGE" && rng.chance(0.7) { argv[2] = "+"; argv[3] = rng.pick(Self.streamRangeIDs) }
            if rng.chance(0.4) { argv += [option("COUNT"), count()] }
            return FuzzCommand(argv: argv)
        case 9: return FuzzCommand(argv: ["XDEL", k] + rng.some(Self.streamRangeIDs.filter { $0 != "-" && $0 != "+" }, 1, 3))
        case 10, 11:
            var argv = ["XTRIM", k] + trimStrategy()
            if rng.chance(0.05) { argv.append("BOGUS") }
            return FuzzCommand(argv: argv)
        case 12, 13: return xreadCommand()
        case 14, 15, 16: return xgroupCommand(k)
        case 17, 18, 19: return xreadgroupCommand()
        case 20: return FuzzCommand(argv: ["XACK", k, rng.pick(Self.groups)] + rng.some(Self.streamRangeIDs.filter { $0 != "-" && $0 != "+" }, 1, 3))
        case 21, 22: return xpendingCommand(k)
        case 23: return xclaimCommand(k)
        case 24, 25: return xautoclaimCommand(k)
        case 26, 27: return xinfoCommand(k)
        case 28:
            var argv = ["XSETID", k, rng.pick(["10-1", "20", "99-0", "1-1", "0", "abc", "18446744073709551615-18446744073709551615"])]
            if rng.chance(0.4) { argv += [option("ENTRIESADDED"), rng.pick(["0", "5", "100", "-1", "a"])] }
            if rng.chance(0.4) { argv += [option("MAXDELETEDID"), rng.pick(["0-1", "1-1", "5", "99-0", "abc"])] }
            return FuzzCommand(argv: argv)
        default: return FuzzCommand(argv: ["OBJECT", "ENCODING", k])
        }
    }

    /// MAXLEN or MINID, exact or approximate, sometimes with a LIMIT (approximate only).
    mutating func trimStrategy() -> [String] {
        var argv: [String]
        if rng.chance(0.6) {
            argv = [option("MAXLEN")]
            if rng.chance(0.5) { argv.append(rng.pick(["=", "~"])) }
            argv.append(rng.pick(["0", "1", "2", "3", "5", "100", "-1", "a"]))
        } else {
            argv = [option("MINID")]
            if rng.chance(0.5) { argv.append(rng.pick(["=", "~"])) }
            argv.append(rng.pick(["0", "2", "2-1", "5", "(5", "99", "abc"]))
        }
        if rng.chance(0.2) { argv += [option("LIMIT"), rng.pick(["0", "1", "10", "100", "-1", "a"])] }
        return argv
    }

    mutating func streamEntry() -> [String] {
        var argv: [String] = []
        for _ in 0..<(1 + rng.below(2)) { argv += [rng.pick(Self.streamFields), rng.pick(Self.values)] }
        if rng.chance(0.03) { argv.removeLast() }
        return argv
    }

    mutating func xaddCommand(_ k: String) -> FuzzCommand {
        var argv = ["XADD", k]
        var options: [[String]] = []
        if rng.chance(0.15) { options.append([option("NOMKSTREAM")]) }
        if rng.chance(0.25) { options.append(trimStrategy()) }
        if rng.chance(0.1) { options.shuffle(using: &rng) }
        argv += options.flatMap { $0 }
        var id: String
        if rng.chance(0.6) {
            // Mostly growing, with an automatic or explicit sequence.
            streamTick += rng.below(3)
            id = rng.pick(["\(streamTick)-*", "\(streamTick)-1", "\(streamTick)", "\(streamTick)-2"])
        } else {
            id = rng.pick(Self.streamAddIDs)
            // The largest ID blocks every later XADD: seldom.
            if id.hasPrefix("1844"), rng.chance(0.8) { id = "30-1" }
        }
        argv.append(id)
        argv += streamEntry()
        return FuzzCommand(argv: argv)
    }

    /// A short block on data that is not there costs a few milliseconds; never BLOCK 0.
    mutating func streamBlock() -> [String] {
        rng.chance(0.2) ? [option("BLOCK"), rng.pick(["1", "10", "-1", "a"])] : []
    }

    mutating func xreadCommand() -> FuzzCommand {
        let ks = keys(Self.streamKeys, 1, 2)
        var argv = ["XREAD"]
        if rng.chance(0.4) { argv += [option("COUNT"), count()] }
        let block = streamBlock()
        argv += block
        argv.append(option("STREAMS"))
        argv += ks
        for _ in ks { argv.append(rng.pick(Self.streamReadIDs)) }
        if rng.chance(0.05) { argv.removeLast() }
        var command = FuzzCommand(argv: argv)
        command.keepIntact = !block.isEmpty
        return command
    }

    mutating func xreadgroupCommand() -> FuzzCommand {
        let ks = keys(Self.streamKeys, 1, 2)
        var argv = ["XREADGROUP", option("GROUP"), rng.pick(Self.groups), rng.pick(Self.consumers)]
        var options: [[String]] = []
        if rng.chance(0.4) { options.append([option("COUNT"), count()]) }
        let block = streamBlock()
        if !block.isEmpty { options.append(block) }
        if rng.chance(0.2) { options.append([option("NOACK")]) }
        options.shuffle(using: &rng)
        argv += options.flatMap { $0 }
        argv.append(option("STREAMS"))
        argv += ks
        for _ in ks { argv.append(rng.chance(0.75) ? ">" : rng.pick(Self.streamReadIDs)) }
        var command = FuzzCommand(argv: argv)
        command.keepIntact = !block.isEmpty
        return command
    }

    mutating func xgroupCommand(_ k: String) -> FuzzCommand {
        let g = rng.pick(Self.groups)
        switch rng.below(8) {
        case 0, 1, 2:
            var argv = ["XGROUP", option("CREATE"), k, g, rng.pick(["0", "$", "0", "2-1", "5", "abc", "99"])]
            if rng.chance(0.3) { argv.append(option("MKSTREAM")) }
            if rng.chance(0.2) { argv += [option("ENTRIESREAD"), rng.pick(["0", "1", "3", "-1", "-2", "a"])] }
            return FuzzCommand(argv: argv)
        case 3:
            var argv = ["XGROUP", option("SETID"), k, g, rng.pick(["0", "$", "2-1", "5", "abc"])]
            if rng.chance(0.3) { argv += [option("ENTRIESREAD"), rng.pick(["0", "1", "3", "-1", "-2", "a"])] }
            return FuzzCommand(argv: argv)
        case 4: return FuzzCommand(argv: ["XGROUP", option("CREATECONSUMER"), k, g, rng.pick(Self.consumers)])
        case 5: return FuzzCommand(argv: ["XGROUP", option("DELCONSUMER"), k, g, rng.pick(Self.consumers)])
        case 6: return FuzzCommand(argv: ["XGROUP", option("DESTROY"), k, g])
        default: return FuzzCommand(argv: ["XGROUP", rng.pick(["NOPE", "HELP", "help"])])
        }
    }

    mutating func xpendingCommand(_ k: String) -> FuzzCommand {
        var argv = ["XPENDING", k, rng.pick(Self.groups)]
        if rng.chance(0.35) { return FuzzCommand(argv: argv) }
        if rng.chance(0.3) { argv += [option("IDLE"), rng.pick(["0", "3600000", "-5", "a"])] }
        argv += [rng.pick(Self.streamRangeIDs), rng.pick(Self.streamRangeIDs), rng.pick(["10", "1", "0", "-1", "a", "100"])]
        if rng.chance(0.3) { argv.append(rng.pick(Self.consumers)) }
        return FuzzCommand(argv: argv, comparison: .streamTimes)
    }

    /// A minimum idle time of 0 (every entry) or an hour (none): never one near the few
    /// milliseconds the run takes.
    mutating func minIdle() -> String {
        rng.pick(["0", "0", "3600000", "-1", "a"])
    }

    mutating func xclaimCommand(_ k: String) -> FuzzCommand {
        var argv = ["XCLAIM", k, rng.pick(Self.groups), rng.pick(Self.consumers), minIdle()]
        argv += rng.some(Self.streamRangeIDs.filter { $0 != "-" && $0 != "+" && !$0.hasPrefix("(") }, 1, 3)
        var options: [[String]] = []
        if rng.chance(0.2) { options.append([option("IDLE"), rng.pick(["0", "5000", "-5", "a"])]) }
        if rng.chance(0.1) { options.append([option("TIME"), rng.pick(["0", "1000", "-1", "a"])]) }
        if rng.chance(0.2) { options.append([option("RETRYCOUNT"), rng.pick(["0", "3", "-1", "a"])]) }
        if rng.chance(0.2) { options.append([option("FORCE")]) }
        if rng.chance(0.3) { options.append([option("JUSTID")]) }
        if rng.chance(0.1) { options.append([option("LASTID"), rng.pick(["5-1", "0", "abc"])]) }
        if rng.chance(0.05) { options.append(["BOGUS"]) }
        options.shuffle(using: &rng)
        argv += options.flatMap { $0 }
        return FuzzCommand(argv: argv)
    }

    mutating func xautoclaimCommand(_ k: String) -> FuzzCommand {
        var argv = ["XAUTOCLAIM", k, rng.pick(Self.groups), rng.pick(Self.consumers), minIdle(),
                    rng.pick(["0", "0-0", "-", "2", "(1-1", "5-1", "+", "abc"])]
        if rng.chance(0.4) { argv += [option("COUNT"), rng.pick(["1", "2", "100", "0", "-1", "a", "9223372036854775807", "1073741824"])] }
        if rng.chance(0.3) { argv.append(option("JUSTID")) }
        if rng.chance(0.05) { argv.append("BOGUS") }
        return FuzzCommand(argv: argv)
    }

    mutating func xinfoCommand(_ k: String) -> FuzzCommand {
        switch rng.below(5) {
        case 0, 1:
            var argv = ["XINFO", option("STREAM"), k]
            if rng.chance(0.4) {
                argv.append(option("FULL"))
                if rng.chance(0.5) { argv += [option("COUNT"), rng.pick(["0", "1", "2", "-1", "a"])] }
            }
            return FuzzCommand(argv: argv, comparison: .streamTimes)
        case 2: return FuzzCommand(argv: ["XINFO", option("GROUPS"), k])
        case 3: return FuzzCommand(argv: ["XINFO", option("CONSUMERS"), k, rng.pick(Self.groups)], comparison: .streamTimes)
        default: return FuzzCommand(argv: ["XINFO", rng.pick(["NOPE", "HELP"])])
        }
    }
}
