/// The random half of the differential fuzz test: a seeded generator of plausible Redis
/// commands over a deliberately tiny vocabulary, so that commands keep colliding on the same
/// keys, members and fields, with the wrong types, and with numbers at the edges of what each
/// parser accepts.
///
/// Every generated command carries how its reply is compared: exactly, unless Redis itself
/// leaves the order (hash-table iteration) or the content (random picks) open.

/// SplitMix64: a tiny, fast, well-mixed generator whose whole state is one word, so a seed
/// reproduces a run exactly on every platform.
struct FuzzRandom: RandomNumberGenerator {
    private var state: UInt64

    /// Neighbouring seeds start far apart: the seed itself goes through the output mix.
    init(seed: UInt64) {
        state = seed
        state = next() ^ 0x5DEE_CE66_D1CE_4E5B
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<n.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    /// Between `low` and `high` items picked (with repeats) from `items`.
    mutating func some<T>(_ items: [T], _ low: Int, _ high: Int) -> [T] {
        (0..<(low + below(high - low + 1))).map { _ in pick(items) }
    }
}

/// How a generated command's replies are compared.
enum FuzzComparison: Equatable {
    case exact
    /// Elements of the top-level array in any order.
    case unordered
    /// A flat key/value array (or map) in any pair order.
    case unorderedPairs
    /// Every nested array in any order (SCAN-like replies).
    case unorderedDeep
    /// Same kind of reply, and the same number of elements for aggregates (random picks).
    case shape
    /// Integers within this distance of each other (TTLs and expire times, which depend on
    /// when each side ran the command); anything else exactly.
    case approximately(Int64)
    /// A hash or set read whose order is fixed while the collection is small (listpack,
    /// intset) and open once it is a hash table: the real server's OBJECT ENCODING of the
    /// key decides. `pairs` for flat field/value replies, `deep` for SCAN-like replies.
    case collection(key: String, pairs: Bool, deep: Bool)
    /// Sorted by distance in both, but ties (members at one spot) may come in any order.
    case tiesUnordered
    /// SORT of `key`, whose order Redis leaves to its hash tables in two cases: a set BY
    /// nosort, and ALPHA by a pattern, where ties keep the order in which the elements were
    /// read (a set's or sorted set's hash table). When the real server's TYPE of the key says
    /// one of them applies, the reply is compared in any order, or, with a LIMIT or STORE that
    /// would cut or keep that order, the command is not run at all.
    /// ALPHA without a pattern compares C strings, so members that differ only after a NUL
    /// byte ("" and "\0") tie, and keep a set's or sorted set's hash order too.
    case sort(key: String, nosort: Bool, alphaByPattern: Bool, cutsOrder: Bool, alpha: Bool)
    /// A lex range over `key`. When the real server holds it as a skiplist whose scores
    /// differ, the members are not in lex order and the answer depends on the skiplist's
    /// random levels (which node the level-by-level search lands on): the command is then not
    /// run at all. Otherwise, exactly.
    case lexRange(key: String)
    /// Equal but for the integers that show the clock: idle times (after an "idle" or
    /// "seen-time" name, or third in an XPENDING entry) and absolute delivery times in
    /// milliseconds, which may differ by a little.
    case streamTimes
    /// MEMORY USAGE of `key`. Redis's answer is open where it depends on the process: a
    /// skiplist's nodes are as big as their random levels, and a hash table sampled in part
    /// (any SAMPLES but 0) is read in the order of its random hash seed. There, and (unless
    /// FUZZ_MEMORY is set) wherever CacheLab does not model the allocations yet (see
    /// FuzzRunner.memoryModelled), only the kind of reply is compared.
    case memoryUsage(key: String)
}

struct FuzzCommand {
    var argv: [String]
    var comparison: FuzzComparison = .exact
    /// One of a state probe's reads (the minimizer drops them first).
    var isProbe = false
    /// Never broken by `mutate` (a blocking command, whose timeout must stay short).
    var keepIntact = false

    /// The command as a line of redis-cli input (for reports and for piping into redis-cli).
    var redisCLILine: String { Self.redisCLILine(argv) }

    /// An argument list in redis-cli syntax: plain words as they are, anything else quoted
    /// with the escapes redis-cli reads.
    static func redisCLILine(_ argv: [String]) -> String {
        argv.map { arg in
            let plain = !arg.isEmpty && arg.unicodeScalars.allSatisfy { $0.value > 32 && $0.value < 127 && $0 != "\"" && $0 != "'" && $0 != "\\" }
            if plain { return arg }
            var out = "\""
            for byte in arg.utf8 {
                switch byte {
                case 34: out += "\\\""
                case 92: out += "\\\\"
                case 10: out += "\\n"
                case 13: out += "\\r"
                case 9: out += "\\t"
                case 32..<127: out += String(UnicodeScalar(byte))
                default: out += String(format: "\\x%02x", byte)
                }
            }
            return out + "\""
        }.joined(separator: " ")
    }
}

/// The generator. Each `mutating func` below builds one family of commands.
struct FuzzGenerator {
    /// The seeds an environment variable names (FUZZ_SEEDS, FUZZ_CLI_SEEDS): "7", "1-200"
    /// or "3,9,12-15"; nil when malformed.
    static func parseSeeds(_ text: String) -> [UInt64]? {
        var seeds: [UInt64] = []
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: "-").compactMap { UInt64($0) }
            switch bounds.count {
            case 1: seeds.append(bounds[0])
            case 2 where bounds[0] <= bounds[1]: seeds += Array(bounds[0]...bounds[1])
            default: return nil
            }
        }
        return seeds.isEmpty ? nil : seeds
    }

    var rng: FuzzRandom
    /// The milliseconds part of the next stream ID XADD is usually given, so that most XADDs
    /// succeed (see FuzzGenerator+Streams).
    var streamTick = 1

    init(seed: UInt64) { rng = FuzzRandom(seed: seed) }

    // MARK: Vocabulary

    static let stringKeys = ["s1", "s2", "s3"]
    static let listKeys = ["l1", "l2"]
    static let hashKeys = ["h1", "h2"]
    static let setKeys = ["t1", "t2", "t3"]
    static let zsetKeys = ["z1", "z2", "z3"]
    static let geoKeys = ["g1", "g2"]
    static let hllKeys = ["p1", "p2"]
    static let bitKeys = ["b1", "b2"]
    static let sharedKeys = ["x", "y"]
    static let allKeys = stringKeys + listKeys + hashKeys + setKeys + zsetKeys + geoKeys + hllKeys + bitKeys + streamKeys + sharedKeys
    /// Keys the state probe reads (plus one that never exists).
    static let probeKeys = allKeys

    static let long = String(repeating: "abcdefghij", count: 7)
    static let values = ["", "a", "b", "ab", "hello", "0", "1", "-1", "10", "3.5", "-0", "1e3", " 1", "1 ", "007",
                         "9223372036854775807", "9223372036854775808", "-9223372036854775808", "nan", "inf",
                         "0x10", "\u{0}z\u{1}", long, "12345678901234567890", "1.5e308", "-2.5"]
    static let members = ["a", "b", "c", "d", "e", "1", "2", "3", "-1", "10", "1.5", "", long]
    static let fields = ["f1", "f2", "f3", "1", "2", "", long]
    static let integers = ["0", "1", "2", "3", "5", "-1", "-2", "-3", "-5", "10", "100", "-100",
                           "9223372036854775807", "-9223372036854775808"]
    static let badNumbers = ["a", "1.5", "", " 1", "1 ", "0x10", "1e400", "nan", "-0", "9223372036854775808",
                             "-9223372036854775809", "+1", "1e3", "inf", "--1", "18446744073709551616"]
    static let increments = ["0", "1", "-1", "5", "100", "-100", "9223372036854775807", "-9223372036854775808",
                             "4611686018427387904", "-4611686018427387905"]
    static let floats = ["0", "1", "-1", "0.1", "1.5", "-2.5", "1e3", "3.0e-2", "1e308", "-1e308", "5.0e3",
                         "17", "+1", "1e-320", "inf", "-inf", "nan", "1e400", "0x10", " 1", "1.", ".5",
                         "10.50", "-0", "3.14159265358979323846"]
    static let scores = ["0", "1", "2", "3", "-1", "1.5", "-2.5", "10", "100", "1e3", "-inf", "+inf", "inf",
                         "1e308", "0.1", "-0", "nan", "1e400", "abc", "(1", "0x10", " 1"]
    static let scoreBounds = ["-inf", "+inf", "inf", "0", "1", "2", "3", "(1", "(2", "-1", "(-1", "1.5", "(1.5",
                              "10", "(10", "100", "nan", "abc", "((1", "(", "[1", "-inf", "(+inf", "(-inf"]
    static let lexBounds = ["-", "+", "[a", "(a", "[b", "(b", "[c", "(d", "[e", "[1", "(2", "[", "(", "a", "[\u{0}",
                            "[zzz", "(-", "[+"]
    static let expireSeconds = ["100", "1000", "200", "0", "-1", "-100", "9223372036854775807", "9223372036854775",
                                "a", "1.5", "4611686018427387904"]
    static let expireMillis = ["100000", "1000000", "200000", "0", "-1", "9223372036854775807", "a"]
    static let unixSeconds = ["4000000000", "4100000000", "1", "1000", "0", "-1", "9223372036854775807", "a"]
    static let unixMillis = ["4000000000000", "4100000000000", "1", "1000", "0", "-1", "9223372036854775807"]
    /// SET keeps a key whose absolute expire time has passed until something touches it, so
    /// when it goes depends on the server's active expiry cycle: SET gets future times only.
    static let futureSeconds = ["4000000000", "4100000000", "0", "-1", "9223372036854775807", "a"]
    static let futureMillis = ["4000000000000", "4100000000000", "0", "-1", "9223372036854775807"]
    static let coordinates: [(String, String)] = [("13.361389", "38.115556"), ("15.087269", "37.502669"),
                                                  ("13.5", "38.0"), ("-122.27652", "37.805186"),
                                                  ("0", "0"), ("13.361389", "38.115556"), ("179.99", "85.05"),
                                                  ("-180", "-85.05112878"), ("181", "10"), ("10", "86"), ("a", "1")]
    static let units = ["m", "km", "mi", "ft", "M", "KM", "yd"]
    static let radii = ["1", "10", "100", "200", "1000", "5000", "0", "-1", "a", "100000"]
    static let bitOffsets = ["0", "1", "7", "8", "15", "31", "63", "100", "1000", "-1", "4294967296", "a"]
    static let bitfieldTypes = ["i8", "u8", "i16", "u16", "i5", "u4", "i64", "u63", "i1", "u1", "i65", "u64", "x8", "i0"]
    static let bitfieldOffsets = ["0", "1", "3", "8", "#0", "#1", "#2", "100", "-1", "#-1", "a"]

    // MARK: Picking

    /// Mostly a key of the command's own family, now and then one shared by all families or
    /// any key at all (wrong types, missing keys).
    mutating func key(_ family: [String]) -> String {
        switch rng.below(100) {
        case 0..<88: return rng.pick(family)
        case 88..<95: return rng.pick(Self.sharedKeys)
        default: return rng.pick(Self.allKeys + ["none"])
        }
    }

    mutating func keys(_ family: [String], _ low: Int, _ high: Int) -> [String] {
        (0..<(low + rng.below(high - low + 1))).map { _ in key(family) }
    }

    mutating func integer() -> String {
        rng.chance(0.05) ? rng.pick(Self.badNumbers) : rng.pick(Self.integers)
    }

    mutating func smallIndex() -> String {
        rng.chance(0.05) ? rng.pick(Self.badNumbers) : rng.pick(["0", "1", "2", "3", "-1", "-2", "-3", "5", "-5", "10", "-10", "100"])
    }

    mutating func count() -> String {
        rng.chance(0.1) ? rng.pick(Self.badNumbers + ["-1", "-5"]) : rng.pick(["0", "1", "2", "3", "5", "10"])
    }

    mutating func option(_ name: String) -> String {
        rng.chance(0.2) ? name.lowercased() : name
    }

    // MARK: The command mix

    mutating func next() -> FuzzCommand {
        var command: FuzzCommand
        switch rng.below(116) {
        case 100..<112: command = streamCommand()
        case 112..<116: command = serverCommand()
        case 0..<14: command = stringCommand()
        case 14..<24: command = keyCommand()
        case 24..<34: command = listCommand()
        case 34..<43: command = hashCommand()
        case 43..<53: command = setCommand()
        case 53..<68: command = zsetCommand()
        case 68..<74: command = bitCommand()
        case 74..<79: command = hllCommand()
        case 79..<86: command = geoCommand()
        case 86..<91: command = sortCommand()
        case 91..<95: command = expireCommand()
        case 95..<97: command = bulkCommand()
        default: command = miscCommand()
        }
        mutate(&command)
        return command
    }

    /// The next few commands to run back to back: mostly one command, now and then a
    /// transaction (MULTI, some commands, EXEC or DISCARD), sometimes after a WATCH.
    mutating func nextBlock() -> [FuzzCommand] {
        guard rng.chance(0.03) else { return [next()] }
        var block: [FuzzCommand] = []
        if rng.chance(0.3) {
            block.append(FuzzCommand(argv: ["WATCH"] + keys(Self.allKeys, 1, 2)))
            if rng.chance(0.5) { block.append(next()) }
        }
        block.append(FuzzCommand(argv: ["MULTI"]))
        for _ in 0..<(1 + rng.below(4)) {
            // Inside EXEC's reply every answer is compared exactly. OBJECT REFCOUNT stays out:
            // during EXEC, Redis's queued arguments still hold a reference to a value SET
            // earlier in the same transaction (refcount 2), which CacheLab does not model.
            let command = next()
            if command.comparison == .exact && !(command.argv.count > 1 && command.argv[1].uppercased() == "REFCOUNT") {
                block.append(command)
            }
        }
        if rng.chance(0.05) { block.append(FuzzCommand(argv: [rng.pick(["MULTI", "WATCH", "UNWATCH"]), "x"])) }
        block.append(FuzzCommand(argv: [rng.chance(0.85) ? "EXEC" : "DISCARD"]))
        return block
    }

    // MARK: Odds and ends

    mutating func miscCommand() -> FuzzCommand {
        switch rng.below(11) {
        case 8, 9:
            // Which arguments of a (possibly broken) command are keys, and their flags.
            let inner = next().argv
            return FuzzCommand(argv: ["COMMAND", rng.chance(0.6) ? "GETKEYS" : "GETKEYSANDFLAGS"] + inner)
        case 10:
            // Commands (and a container's subcommands) come in Redis's hash-table order. Never
            // without a name: that lists every command, and CacheLab lacks some (EVAL...).
            // Nor CLIENT or MEMORY, whose PAUSE, UNPAUSE, REPLY, TRACKING and MALLOC-STATS
            // CacheLab lacks.
            let names = (0...rng.below(2)).map { _ in next().argv[0] }.filter { !["CLIENT", "MEMORY"].contains($0.uppercased()) }
            return FuzzCommand(argv: ["COMMAND", "INFO"] + (names.isEmpty ? ["GET"] : names), comparison: .unorderedDeep)
        case 0: return FuzzCommand(argv: ["ECHO", rng.pick(Self.values)])
        case 1: return FuzzCommand(argv: ["PING"] + rng.some(Self.values, 0, 1))
        case 2: return FuzzCommand(argv: ["TOUCH"] + keys(Self.allKeys, 1, 3))
        case 3: return FuzzCommand(argv: ["EXISTS"] + keys(Self.allKeys, 1, 4))
        case 4: return FuzzCommand(argv: ["OBJECT", "REFCOUNT", rng.pick(Self.allKeys)])
        case 5: return FuzzCommand(argv: ["DEL", rng.pick(Self.allKeys)])
        case 6: return FuzzCommand(argv: ["UNWATCH"])
        default: return FuzzCommand(argv: [rng.pick(["EXEC", "DISCARD"])])
        }
    }

    /// Now and then breaks a command: one argument too few or too many, an argument swapped for
    /// a malformed number, or the name in lower case.
    mutating func mutate(_ command: inout FuzzCommand) {
        // A command compared loosely was built for that comparison (SPOP with a count that
        // takes everything, a SORT whose order Redis leaves open): breaking it could make its
        // reply random, or its effect.
        switch command.comparison {
        case .exact, .approximately, .collection, .lexRange, .streamTimes, .memoryUsage: break
        default: return
        }
        if command.keepIntact { return }
        guard rng.chance(0.08) else {
            if rng.chance(0.1) { command.argv[0] = command.argv[0].lowercased() }
            return
        }
        switch rng.below(4) {
        case 0 where command.argv.count > 1:
            command.argv.removeLast()
        case 1:
            // Never a small positive number: after EX or PX it would expire during the run.
            command.argv.append(rng.pick(["junk", "0", "-1", "NX", "COUNT", "WITHSCORES", "LIMIT"]))
        case 2 where command.argv.count > 1:
            command.argv[1 + rng.below(command.argv.count - 1)] = rng.pick(Self.badNumbers)
        default:
            if command.argv.count > 2 {
                command.argv.remove(at: 1 + rng.below(command.argv.count - 1))
            }
        }
    }

    // MARK: Bulk writes

    /// A write big enough to cross an encoding limit (128 listpack entries, 512 intset
    /// entries, the HyperLogLog sparse size), so conversions happen mid-run.
    mutating func bulkCommand() -> FuzzCommand {
        let n = rng.pick([100, 130, 200, 520, 600])
        let base = rng.below(50)
        let items = (0..<n).map { String($0 + base) }
        switch rng.below(6) {
        case 0: return FuzzCommand(argv: ["RPUSH", key(Self.listKeys)] + items.map { "e" + $0 })
        case 1: return FuzzCommand(argv: ["SADD", key(Self.setKeys)] + items)
        case 2: return FuzzCommand(argv: ["ZADD", key(Self.zsetKeys)] + items.flatMap { [String(Int($0)! % 7), "m" + $0] })
        case 3: return FuzzCommand(argv: ["HSET", key(Self.hashKeys)] + items.flatMap { ["f" + $0, $0] })
        case 4: return FuzzCommand(argv: ["PFADD", key(Self.hllKeys)] + (0..<(n * 4)).map { "h\($0 + base * 7)" })
        default:
            return FuzzCommand(argv: ["GEOADD", key(Self.geoKeys)] + items.prefix(140).flatMap {
                let i = Int($0)!
                return [String(Double(i % 37) * 0.37 + 13), String(Double(i % 23) * 0.11 + 37.5), "m" + $0]
            })
        }
    }

    // MARK: Strings

    mutating func stringCommand() -> FuzzCommand {
        let k = key(Self.stringKeys)
        let v = rng.pick(Self.values)
        switch rng.below(26) {
        case 0, 1, 2: return setCommand(k, v)
        case 3: return FuzzCommand(argv: ["GET", k])
        case 4: return FuzzCommand(argv: ["GETDEL", k])
        case 5: return FuzzCommand(argv: ["GETSET", k, v])
        case 6: return FuzzCommand(argv: ["MGET"] + keys(Self.stringKeys, 1, 4))
        case 7:
            var argv = ["MSET"]
            for _ in 0..<(1 + rng.below(3)) { argv += [key(Self.stringKeys), rng.pick(Self.values)] }
            return FuzzCommand(argv: argv)
        case 8:
            var argv = ["MSETNX"]
            for _ in 0..<(1 + rng.below(3)) { argv += [key(Self.stringKeys), rng.pick(Self.values)] }
            return FuzzCommand(argv: argv)
        case 9: return FuzzCommand(argv: ["SETNX", k, v])
        case 10:
            // Never a time short enough to run out during the run.
            return rng.chance(0.5) ? FuzzCommand(argv: ["SETEX", k, rng.pick(Self.expireSeconds), v])
                : FuzzCommand(argv: ["PSETEX", k, rng.pick(Self.expireMillis + ["-5"]), v])
        case 11: return FuzzCommand(argv: ["STRLEN", k])
        case 12: return FuzzCommand(argv: ["APPEND", k, v])
        case 13: return FuzzCommand(argv: [rng.pick(["GETRANGE", "SUBSTR"]), k, smallIndex(), smallIndex()])
        case 14:
            let offset = rng.pick(["0", "1", "3", "5", "10", "100", "-1", "536870912", "a"])
            return FuzzCommand(argv: ["SETRANGE", k, offset, rng.pick(Self.values + [""])])
        case 15: return FuzzCommand(argv: [rng.pick(["INCR", "DECR"]), k])
        case 16: return FuzzCommand(argv: [rng.pick(["INCRBY", "DECRBY"]), k, rng.chance(0.1) ? rng.pick(Self.badNumbers) : rng.pick(Self.increments)])
        case 17: return FuzzCommand(argv: ["INCRBYFLOAT", k, rng.pick(Self.floats)])
        case 18, 19: return getexCommand(k)
        case 20, 21: return lcsCommand()
        case 22: return FuzzCommand(argv: ["SET", k, rng.pick(["1", "10", "-5", "100", "0", "9223372036854775806", "9999", "10000", "123456789012"])])
        case 23: return FuzzCommand(argv: ["OBJECT", "ENCODING", k])
        case 24: return FuzzCommand(argv: ["SET", k, rng.pick(Self.values) + rng.pick(Self.values)])
        default: return FuzzCommand(argv: ["EXISTS"] + keys(Self.stringKeys, 1, 3))
        }
    }

    mutating func expiryOption(past: Bool = true) -> [String] {
        switch rng.below(6) {
        case 0: return [option("EX"), rng.pick(Self.expireSeconds)]
        case 1: return [option("PX"), rng.pick(Self.expireMillis)]
        case 2: return [option("EXAT"), rng.pick(past ? Self.unixSeconds : Self.futureSeconds)]
        case 3: return [option("PXAT"), rng.pick(past ? Self.unixMillis : Self.futureMillis)]
        case 4: return [option("KEEPTTL")]
        default: return [option(rng.pick(["EX", "PX"]))]
        }
    }

    mutating func setCommand(_ k: String, _ v: String) -> FuzzCommand {
        var options: [[String]] = []
        if rng.chance(0.3) { options.append([option(rng.pick(["NX", "XX"]))]) }
        if rng.chance(0.3) { options.append([option("GET")]) }
        if rng.chance(0.4) { options.append(expiryOption(past: false)) }
        if rng.chance(0.05) { options.append([rng.pick(["NX", "XX", "GET", "KEEPTTL", "EX", "FOO"])]) }
        if rng.chance(0.05) { options.append(expiryOption(past: false)) }
        if rng.chance(0.3) { options.shuffle(using: &rng) }
        return FuzzCommand(argv: ["SET", k, v] + options.flatMap { $0 })
    }

    mutating func getexCommand(_ k: String) -> FuzzCommand {
        var argv = ["GETEX", k]
        if rng.chance(0.7) {
            if rng.chance(0.2) { argv.append(option("PERSIST")) } else {
                let e = expiryOption()
                argv += e
            }
        }
        if rng.chance(0.1) { argv += rng.chance(0.5) ? ["PERSIST"] : expiryOption() }
        return FuzzCommand(argv: argv)
    }

    mutating func lcsCommand() -> FuzzCommand {
        var argv = ["LCS", key(Self.stringKeys), key(Self.stringKeys)]
        var options: [[String]] = []
        if rng.chance(0.4) { options.append([option("LEN")]) }
        if rng.chance(0.4) { options.append([option("IDX")]) }
        if rng.chance(0.3) { options.append([option("MINMATCHLEN"), rng.pick(["0", "1", "2", "3", "-1", "a"])]) }
        if rng.chance(0.3) { options.append([option("WITHMATCHLEN")]) }
        if rng.chance(0.05) { options.append(["BOGUS"]) }
        options.shuffle(using: &rng)
        argv += options.flatMap { $0 }
        return FuzzCommand(argv: argv)
    }

    // MARK: Keys

    mutating func keyCommand() -> FuzzCommand {
        let all = Self.allKeys + ["none"]
        let k = rng.pick(all)
        switch rng.below(20) {
        case 0: return FuzzCommand(argv: ["DEL"] + keys(all, 1, 3))
        case 1: return FuzzCommand(argv: ["EXISTS"] + keys(all, 1, 3))
        case 2: return FuzzCommand(argv: ["TYPE", k])
        case 3: return FuzzCommand(argv: [rng.pick(["RENAME", "RENAMENX"]), k, rng.pick(all)])
        case 4, 5:
            var argv = ["COPY", k, rng.pick(all)]
            if rng.chance(0.3) { argv += [option("DB"), rng.pick(["0", "1", "16", "-1", "a"])] }
            if rng.chance(0.4) { argv.append(option("REPLACE")) }
            if rng.chance(0.05) { argv.append("REPLACE") }
            return FuzzCommand(argv: argv)
        case 6: return FuzzCommand(argv: ["MOVE", k, rng.pick(["1", "1", "0", "16", "-1", "a"])])
        case 7, 8: return FuzzCommand(argv: ["OBJECT", "ENCODING", k])
        case 9: return FuzzCommand(argv: ["OBJECT", rng.pick(["REFCOUNT", "ENCODING", "NOPE"]), k])
        case 10: return FuzzCommand(argv: [rng.pick(["TOUCH", "UNLINK"])] + keys(all, 1, 3))
        case 11: return FuzzCommand(argv: ["DBSIZE"])
        case 12: return FuzzCommand(argv: ["KEYS", rng.pick(["*", "s*", "?1", "[st]*", "h[^1]", "*\\*", "x"])], comparison: .unordered)
        case 13: return FuzzCommand(argv: ["RANDOMKEY"], comparison: .shape)
        case 14:
            var argv = ["SCAN", "0", option("COUNT"), "1000"]
            if rng.chance(0.4) { argv += [option("MATCH"), rng.pick(["*", "s*", "*1", "?"])] }
            if rng.chance(0.4) { argv += [option("TYPE"), rng.pick(["string", "list", "hash", "set", "zset", "stream", "nope", "STRING"])] }
            return FuzzCommand(argv: argv, comparison: .unorderedDeep)
        case 15:
            return FuzzCommand(argv: ["SELECT", rng.pick(["0", "0", "0", "1", "16", "a"])])
        case 16:
            return FuzzCommand(argv: ["SWAPDB", rng.pick(["0", "1", "1", "16", "a"]), rng.pick(["0", "1", "1"])])
        case 17:
            return FuzzCommand(argv: ["EXISTS", k, k])
        case 18:
            return FuzzCommand(argv: [rng.pick(["TTL", "PTTL", "EXPIRETIME", "PEXPIRETIME"]), k], comparison: .approximately(1500))
        default:
            return FuzzCommand(argv: ["PERSIST", k])
        }
    }

    // MARK: Expiry

    mutating func expireCommand() -> FuzzCommand {
        let k = rng.pick(Self.allKeys + ["none"])
        var argv: [String]
        switch rng.below(4) {
        case 0: argv = ["EXPIRE", k, rng.pick(Self.expireSeconds)]
        case 1: argv = ["PEXPIRE", k, rng.pick(Self.expireMillis)]
        case 2: argv = ["EXPIREAT", k, rng.pick(Self.unixSeconds)]
        default: argv = ["PEXPIREAT", k, rng.pick(Self.unixMillis)]
        }
        if rng.chance(0.5) { argv.append(option(rng.pick(["NX", "XX", "GT", "LT"]))) }
        if rng.chance(0.1) { argv.append(option(rng.pick(["NX", "XX", "GT", "LT", "FOO"]))) }
        return FuzzCommand(argv: argv)
    }

    // MARK: Lists

    mutating func listCommand() -> FuzzCommand {
        let k = key(Self.listKeys)
        switch rng.below(24) {
        case 0, 1, 2: return FuzzCommand(argv: [rng.pick(["LPUSH", "RPUSH"]), k] + rng.some(Self.members, 1, 4))
        case 3: return FuzzCommand(argv: [rng.pick(["LPUSHX", "RPUSHX"]), k] + rng.some(Self.members, 1, 3))
        case 4: return FuzzCommand(argv: [rng.pick(["LPOP", "RPOP"]), k])
        case 5: return FuzzCommand(argv: [rng.pick(["LPOP", "RPOP"]), k, count()])
        case 6: return FuzzCommand(argv: ["LLEN", k])
        case 7: return FuzzCommand(argv: ["LINDEX", k, smallIndex()])
        case 8: return FuzzCommand(argv: ["LSET", k, smallIndex(), rng.pick(Self.members)])
        case 9, 10: return FuzzCommand(argv: ["LRANGE", k, smallIndex(), smallIndex()])
        case 11: return FuzzCommand(argv: ["LTRIM", k, smallIndex(), smallIndex()])
        case 12: return FuzzCommand(argv: ["LREM", k, rng.pick(["0", "1", "-1", "2", "-2", "a"]), rng.pick(Self.members)])
        case 13:
            return FuzzCommand(argv: ["LINSERT", k, option(rng.pick(["BEFORE", "AFTER", "MIDDLE"])), rng.pick(Self.members), rng.pick(Self.members)])
        case 14, 15:
            var argv = ["LPOS", k, rng.pick(Self.members)]
            var options: [[String]] = []
            if rng.chance(0.5) { options.append([option("RANK"), rng.pick(["1", "2", "-1", "-2", "0", "3", "-9223372036854775808", "a"])]) }
            if rng.chance(0.5) { options.append([option("COUNT"), rng.pick(["0", "1", "2", "5", "-1", "a"])]) }
            if rng.chance(0.3) { options.append([option("MAXLEN"), rng.pick(["0", "1", "2", "3", "-1", "a"])]) }
            if rng.chance(0.05) { options.append(["FOO"]) }
            options.shuffle(using: &rng)
            argv += options.flatMap { $0 }
            return FuzzCommand(argv: argv)
        case 16, 17:
            return FuzzCommand(argv: ["LMOVE", k, key(Self.listKeys), option(rng.pick(["LEFT", "RIGHT"])), option(rng.pick(["LEFT", "RIGHT", "UP"]))])
        case 18: return FuzzCommand(argv: ["RPOPLPUSH", k, key(Self.listKeys)])
        case 19, 20:
            let ks = keys(Self.listKeys, 1, 3)
            var numkeys = String(ks.count)
            if rng.chance(0.1) { numkeys = rng.pick(["0", "-1", "5", "a"]) }
            var argv = ["LMPOP", numkeys] + ks + [option(rng.pick(["LEFT", "RIGHT", "RIGHT", "LEFT", "MID"]))]
            if rng.chance(0.5) { argv += [option("COUNT"), count()] }
            return FuzzCommand(argv: argv)
        case 21: return FuzzCommand(argv: ["OBJECT", "ENCODING", k])
        case 22: return rng.chance(0.5) ? FuzzCommand(argv: ["RPUSH", k, Self.long, Self.long]) : blockingListCommand()
        default: return FuzzCommand(argv: ["LRANGE", k, "0", "-1"])
        }
    }

    /// A blocking timeout: short enough that waiting on an empty key costs next to nothing
    /// (never 0, which waits forever), or invalid.
    mutating func timeout() -> String {
        rng.pick(["0.01", "0.001", "0.02", "0.01", "-1", "a", "1e400", "-0.5", "inf", ""])
    }

    /// BLPOP and friends: with data they answer at once, on empty keys after the timeout.
    mutating func blockingListCommand() -> FuzzCommand {
        let ks = keys(Self.listKeys, 1, 3)
        var argv: [String]
        switch rng.below(5) {
        case 0: argv = [rng.pick(["BLPOP", "BRPOP"])] + ks + [timeout()]
        case 1: argv = ["BRPOPLPUSH", ks[0], key(Self.listKeys), timeout()]
        case 2:
            argv = ["BLMOVE", ks[0], key(Self.listKeys), option(rng.pick(["LEFT", "RIGHT"])), option(rng.pick(["LEFT", "RIGHT", "UP"])), timeout()]
        default:
            argv = ["BLMPOP", timeout(), rng.chance(0.9) ? String(ks.count) : rng.pick(["0", "-1", "5", "a"])] + ks
                + [option(rng.pick(["LEFT", "RIGHT", "MID"]))]
            if rng.chance(0.5) { argv += [option("COUNT"), count()] }
        }
        var command = FuzzCommand(argv: argv)
        command.keepIntact = true
        return command
    }

    /// BZPOPMIN, BZPOPMAX and BZMPOP.
    mutating func blockingZsetCommand() -> FuzzCommand {
        let ks = keys(Self.zsetKeys, 1, 3)
        var argv: [String]
        if rng.chance(0.6) {
            argv = [rng.pick(["BZPOPMIN", "BZPOPMAX"])] + ks + [timeout()]
        } else {
            argv = ["BZMPOP", timeout(), rng.chance(0.9) ? String(ks.count) : rng.pick(["0", "-1", "5", "a"])] + ks
                + [option(rng.pick(["MIN", "MAX", "MID"]))]
            if rng.chance(0.5) { argv += [option("COUNT"), count()] }
        }
        var command = FuzzCommand(argv: argv)
        command.keepIntact = true
        return command
    }

    // MARK: Hashes

    mutating func hashCommand() -> FuzzCommand {
        let k = key(Self.hashKeys)
        let f = rng.pick(Self.fields)
        switch rng.below(22) {
        case 0, 1, 2:
            var argv = [rng.pick(["HSET", "HSET", "HMSET"]), k]
            for _ in 0..<(1 + rng.below(3)) { argv += [rng.pick(Self.fields), rng.pick(Self.values)] }
            return FuzzCommand(argv: argv)
        case 3: return FuzzCommand(argv: ["HSETNX", k, f, rng.pick(Self.values)])
        case 4: return FuzzCommand(argv: ["HGET", k, f])
        case 5: return FuzzCommand(argv: ["HMGET", k] + rng.some(Self.fields, 1, 4))
        case 6: return FuzzCommand(argv: ["HDEL", k] + rng.some(Self.fields, 1, 3))
        case 7: return FuzzCommand(argv: ["HLEN", k])
        case 8: return FuzzCommand(argv: ["HEXISTS", k, f])
        case 9: return FuzzCommand(argv: ["HSTRLEN", k, f])
        case 10, 11: return FuzzCommand(argv: ["HINCRBY", k, f, rng.chance(0.1) ? rng.pick(Self.badNumbers) : rng.pick(Self.increments)])
        case 12: return FuzzCommand(argv: ["HINCRBYFLOAT", k, f, rng.pick(Self.floats)])
        case 13: return FuzzCommand(argv: ["HKEYS", k], comparison: .collection(key: k, pairs: false, deep: false))
        case 14: return FuzzCommand(argv: ["HVALS", k], comparison: .collection(key: k, pairs: false, deep: false))
        case 15: return FuzzCommand(argv: ["HGETALL", k], comparison: .collection(key: k, pairs: true, deep: false))
        case 16:
            let c = rng.pick(["-5", "-1", "1", "2", "0", "1000", "a"])
            var argv = ["HRANDFIELD", k, c]
            var comparison = FuzzComparison.shape
            if rng.chance(0.5) { argv.append(option("WITHVALUES")) }
            if c == "1000" { comparison = argv.count == 4 ? .unorderedPairs : .unordered }
            return FuzzCommand(argv: argv, comparison: comparison)
        case 17:
            var argv = ["HSCAN", k, "0"]
            if rng.chance(0.4) { argv += [option("MATCH"), rng.pick(["*", "f*", "?", "1"])] }
            if rng.chance(0.5) { argv += [option("COUNT"), rng.pick(["1000", "1", "0", "-1", "a"])] }
            return FuzzCommand(argv: argv, comparison: .collection(key: k, pairs: false, deep: true))
        case 18: return FuzzCommand(argv: ["OBJECT", "ENCODING", k])
        case 19: return FuzzCommand(argv: ["HSET", k, Self.long, "v"])
        case 20: return FuzzCommand(argv: ["HRANDFIELD", k], comparison: .shape)
        default: return FuzzCommand(argv: ["HINCRBYFLOAT", k, f, rng.pick(["1", "0.5", "-1.5", "1e3"])])
        }
    }

    // MARK: Sets

    mutating func setCommand() -> FuzzCommand {
        let k = key(Self.setKeys)
        switch rng.below(24) {
        case 0, 1, 2, 3: return FuzzCommand(argv: ["SADD", k] + rng.some(Self.members, 1, 5))
        case 4: return FuzzCommand(argv: ["SADD", k] + rng.some(["1", "2", "3", "4", "-5", "100", "9223372036854775807"], 1, 4))
        case 5: return FuzzCommand(argv: ["SREM", k] + rng.some(Self.members, 1, 3))
        case 6: return FuzzCommand(argv: ["SCARD", k])
        case 7: return FuzzCommand(argv: ["SISMEMBER", k, rng.pick(Self.members)])
        case 8: return FuzzCommand(argv: ["SMISMEMBER", k] + rng.some(Self.members, 1, 4))
        case 9, 10: return FuzzCommand(argv: ["SMEMBERS", k], comparison: .collection(key: k, pairs: false, deep: false))
        case 11, 12: return FuzzCommand(argv: [rng.pick(["SINTER", "SUNION", "SDIFF"])] + keys(Self.setKeys, 1, 3), comparison: .unordered)
        case 13, 14: return FuzzCommand(argv: [rng.pick(["SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE"]), key(Self.setKeys)] + keys(Self.setKeys, 1, 3))
        case 15, 16:
            let ks = keys(Self.setKeys, 1, 3)
            var numkeys = String(ks.count)
            if rng.chance(0.1) { numkeys = rng.pick(["0", "-1", "5", "a"]) }
            var argv = ["SINTERCARD", numkeys] + ks
            if rng.chance(0.5) { argv += [option("LIMIT"), rng.pick(["0", "1", "2", "-1", "a"])] }
            return FuzzCommand(argv: argv)
        case 17: return FuzzCommand(argv: ["SMOVE", k, key(Self.setKeys), rng.pick(Self.members)])
        case 18: return FuzzCommand(argv: ["SPOP", k, "1000"], comparison: .unordered)
        case 19:
            let c = rng.pick(["-3", "2", "1000", "0", "a"])
            return FuzzCommand(argv: ["SRANDMEMBER", k, c], comparison: c == "1000" ? .unordered : .shape)
        case 20:
            var argv = ["SSCAN", k, "0"]
            if rng.chance(0.4) { argv += [option("MATCH"), rng.pick(["*", "a*", "?", "1"])] }
            if rng.chance(0.5) { argv += [option("COUNT"), rng.pick(["1000", "1", "0", "a"])] }
            return FuzzCommand(argv: argv, comparison: .collection(key: k, pairs: false, deep: true))
        case 21: return FuzzCommand(argv: ["OBJECT", "ENCODING", k])
        default: return FuzzCommand(argv: ["SRANDMEMBER", k], comparison: .shape)
        }
    }

    // MARK: Sorted sets

    mutating func zsetCommand() -> FuzzCommand {
        let k = key(Self.zsetKeys)
        switch rng.below(32) {
        case 0, 1, 2, 3, 4: return zaddCommand(k)
        case 5: return FuzzCommand(argv: ["ZINCRBY", k, rng.pick(Self.scores), rng.pick(Self.members)])
        case 6: return FuzzCommand(argv: ["ZSCORE", k, rng.pick(Self.members)])
        case 7: return FuzzCommand(argv: ["ZMSCORE", k] + rng.some(Self.members, 1, 3))
        case 8: return FuzzCommand(argv: [rng.pick(["ZRANK", "ZREVRANK"]), k, rng.pick(Self.members)])
        case 9: return FuzzCommand(argv: ["ZCARD", k])
        case 10: return FuzzCommand(argv: ["ZCOUNT", k, rng.pick(Self.scoreBounds), rng.pick(Self.scoreBounds)])
        case 11: return FuzzCommand(argv: ["ZLEXCOUNT", k, rng.pick(Self.lexBounds), rng.pick(Self.lexBounds)], comparison: .lexRange(key: k))
        case 12, 13, 14: return zrangeCommand(["ZRANGE", k])
        case 15: return zrangeCommand(["ZRANGESTORE", key(Self.zsetKeys), k])
        case 16: return legacyRangeCommand(k)
        case 17: return FuzzCommand(argv: ["ZREM", k] + rng.some(Self.members, 1, 3))
        case 18:
            switch rng.below(3) {
            case 0: return FuzzCommand(argv: ["ZREMRANGEBYRANK", k, smallIndex(), smallIndex()])
            case 1: return FuzzCommand(argv: ["ZREMRANGEBYSCORE", k, rng.pick(Self.scoreBounds), rng.pick(Self.scoreBounds)])
            default: return FuzzCommand(argv: ["ZREMRANGEBYLEX", k, rng.pick(Self.lexBounds), rng.pick(Self.lexBounds)], comparison: .lexRange(key: k))
            }
        case 19:
            var argv = [rng.pick(["ZPOPMIN", "ZPOPMAX"]), k]
            if rng.chance(0.6) { argv.append(count()) }
            return FuzzCommand(argv: argv)
        case 20:
            let ks = keys(Self.zsetKeys, 1, 3)
            var numkeys = String(ks.count)
            if rng.chance(0.1) { numkeys = rng.pick(["0", "-1", "5", "a"]) }
            var argv = ["ZMPOP", numkeys] + ks + [option(rng.pick(["MIN", "MAX", "MAX", "MIN", "MID"]))]
            if rng.chance(0.5) { argv += [option("COUNT"), count()] }
            return FuzzCommand(argv: argv)
        case 21, 22, 23: return combineCommand()
        case 24:
            let ks = keys(Self.zsetKeys, 1, 3)
            var argv = ["ZINTERCARD", rng.chance(0.9) ? String(ks.count) : rng.pick(["0", "-1", "5", "a"])] + ks
            if rng.chance(0.5) { argv += [option("LIMIT"), rng.pick(["0", "1", "2", "-1", "a"])] }
            return FuzzCommand(argv: argv)
        case 25:
            let c = rng.pick(["-3", "2", "1000", "0", "a"])
            var argv = ["ZRANDMEMBER", k, c]
            if rng.chance(0.5) { argv.append(option("WITHSCORES")) }
            return FuzzCommand(argv: argv, comparison: c == "1000" ? (argv.count == 4 ? .unorderedPairs : .unordered) : .shape)
        case 26:
            var argv = ["ZSCAN", k, "0"]
            if rng.chance(0.4) { argv += [option("MATCH"), rng.pick(["*", "a*", "?", "1"])] }
            if rng.chance(0.5) { argv += [option("COUNT"), rng.pick(["1000", "1", "0", "a"])] }
            return FuzzCommand(argv: argv, comparison: .collection(key: k, pairs: false, deep: true))
        case 27: return rng.chance(0.5) ? FuzzCommand(argv: ["OBJECT", "ENCODING", k]) : blockingZsetCommand()
        case 28: return FuzzCommand(argv: ["ZADD", k, rng.pick(Self.scores), Self.long])
        case 29: return FuzzCommand(argv: ["ZADD", k] + rng.some(["0 a", "0 b", "0 c", "0 d", "0 e", "0 aa", "0 \u{0}"], 1, 4).flatMap { $0.split(separator: " ", omittingEmptySubsequences: false).map(String.init) })
        default: return FuzzCommand(argv: ["ZRANGE", k, "0", "-1", "WITHSCORES"])
        }
    }

    mutating func zaddCommand(_ k: String) -> FuzzCommand {
        var argv = ["ZADD", k]
        var flags: [String] = []
        if rng.chance(0.3) { flags.append(option(rng.pick(["NX", "XX"]))) }
        if rng.chance(0.3) { flags.append(option(rng.pick(["GT", "LT"]))) }
        if rng.chance(0.3) { flags.append(option("CH")) }
        if rng.chance(0.25) { flags.append(option("INCR")) }
        if rng.chance(0.05) { flags.append(option(rng.pick(["NX", "XX", "GT", "LT", "CH", "INCR"]))) }
        flags.shuffle(using: &rng)
        argv += flags
        let pairs = flags.contains { $0.uppercased() == "INCR" } && rng.chance(0.7) ? 1 : 1 + rng.below(3)
        for _ in 0..<pairs { argv += [rng.pick(Self.scores), rng.pick(Self.members)] }
        return FuzzCommand(argv: argv)
    }

    mutating func limitOption() -> [String] {
        [option("LIMIT"), rng.pick(["0", "1", "2", "-1", "a"]), rng.pick(["1", "2", "-1", "0", "10", "a"])]
    }

    mutating func zrangeCommand(_ head: [String]) -> FuzzCommand {
        var argv = head
        let form = rng.below(3)
        switch form {
        case 0: argv += [smallIndex(), smallIndex()]
        case 1: argv += [rng.pick(Self.scoreBounds), rng.pick(Self.scoreBounds)]
        default: argv += [rng.pick(Self.lexBounds), rng.pick(Self.lexBounds)]
        }
        var options: [[String]] = []
        if form == 1 || rng.chance(0.1) { options.append([option("BYSCORE")]) }
        let byLex = form == 2 || rng.chance(0.1)
        if byLex { options.append([option("BYLEX")]) }
        if rng.chance(0.4) { options.append([option("REV")]) }
        if rng.chance(0.4) { options.append(limitOption()) }
        if head[0] == "ZRANGE" && rng.chance(0.5) || rng.chance(0.05) { options.append([option("WITHSCORES")]) }
        if rng.chance(0.3) { options.shuffle(using: &rng) }
        argv += options.flatMap { $0 }
        return FuzzCommand(argv: argv, comparison: byLex ? .lexRange(key: head[head.count - 1]) : .exact)
    }

    mutating func legacyRangeCommand(_ k: String) -> FuzzCommand {
        switch rng.below(5) {
        case 0:
            var argv = ["ZREVRANGE", k, smallIndex(), smallIndex()]
            if rng.chance(0.5) { argv.append(option("WITHSCORES")) }
            return FuzzCommand(argv: argv)
        case 1, 2:
            var argv = [rng.pick(["ZRANGEBYSCORE", "ZREVRANGEBYSCORE"]), k, rng.pick(Self.scoreBounds), rng.pick(Self.scoreBounds)]
            if rng.chance(0.5) { argv.append(option("WITHSCORES")) }
            if rng.chance(0.4) { argv += limitOption() }
            return FuzzCommand(argv: argv)
        default:
            var argv = [rng.pick(["ZRANGEBYLEX", "ZREVRANGEBYLEX"]), k, rng.pick(Self.lexBounds), rng.pick(Self.lexBounds)]
            if rng.chance(0.4) { argv += limitOption() }
            return FuzzCommand(argv: argv, comparison: .lexRange(key: k))
        }
    }

    mutating func combineCommand() -> FuzzCommand {
        let op = rng.pick(["ZUNION", "ZINTER", "ZDIFF", "ZUNIONSTORE", "ZINTERSTORE", "ZDIFFSTORE"])
        let store = op.hasSuffix("STORE")
        // Sets take part too: Redis reads them as sorted sets with every score 1.
        let ks = (0..<(1 + rng.below(3))).map { _ in rng.chance(0.15) ? rng.pick(Self.setKeys) : key(Self.zsetKeys) }
        var argv = [op]
        if store { argv.append(key(Self.zsetKeys)) }
        argv.append(rng.chance(0.9) ? String(ks.count) : rng.pick(["0", "-1", "5", "a"]))
        argv += ks
        var options: [[String]] = []
        if !op.hasPrefix("ZDIFF") || rng.chance(0.1) {
            if rng.chance(0.4) {
                var weights = [option("WEIGHTS")]
                let n = rng.chance(0.9) ? ks.count : ks.count + rng.pick([-1, 1])
                for _ in 0..<max(n, 0) { weights.append(rng.pick(["1", "2", "0", "-1", "0.5", "inf", "-inf", "a", "1e400"])) }
                options.append(weights)
            }
            if rng.chance(0.4) { options.append([option("AGGREGATE"), option(rng.pick(["SUM", "MIN", "MAX", "AVG"]))]) }
        }
        if !store && rng.chance(0.5) || rng.chance(0.03) { options.append([option("WITHSCORES")]) }
        if rng.chance(0.3) { options.shuffle(using: &rng) }
        argv += options.flatMap { $0 }
        return FuzzCommand(argv: argv)
    }

    // MARK: Bitmaps

    mutating func bitCommand() -> FuzzCommand {
        let k = key(Self.bitKeys + Self.stringKeys)
        switch rng.below(12) {
        case 0, 1: return FuzzCommand(argv: ["SETBIT", k, rng.pick(Self.bitOffsets), rng.pick(["0", "1", "1", "2", "-1"])])
        case 2: return FuzzCommand(argv: ["GETBIT", k, rng.pick(Self.bitOffsets)])
        case 3, 4:
            var argv = ["BITCOUNT", k]
            if rng.chance(0.7) { argv += [smallIndex(), smallIndex()] }
            if rng.chance(0.4) { argv.append(option(rng.pick(["BYTE", "BIT", "BOTH"]))) }
            return FuzzCommand(argv: argv)
        case 5, 6:
            var argv = ["BITPOS", k, rng.pick(["0", "1", "1", "0", "2"])]
            if rng.chance(0.7) { argv.append(smallIndex()) }
            if rng.chance(0.5) { argv.append(smallIndex()) }
            if rng.chance(0.4) { argv.append(option(rng.pick(["BYTE", "BIT", "BOTH"]))) }
            return FuzzCommand(argv: argv)
        case 7:
            let op = option(rng.pick(["AND", "OR", "XOR", "NOT", "NOT", "NAND"]))
            return FuzzCommand(argv: ["BITOP", op, key(Self.bitKeys)] + keys(Self.bitKeys + Self.stringKeys, 1, 3))
        case 8, 9, 10: return bitfieldCommand(k, readOnly: false)
        default: return bitfieldCommand(k, readOnly: true)
        }
    }

    mutating func bitfieldCommand(_ k: String, readOnly: Bool) -> FuzzCommand {
        var argv = [readOnly ? "BITFIELD_RO" : "BITFIELD", k]
        for _ in 0..<(1 + rng.below(3)) {
            let op = readOnly && rng.chance(0.9) ? 0 : rng.below(5)
            switch op {
            case 0: argv += [option("GET"), rng.pick(Self.bitfieldTypes), rng.pick(Self.bitfieldOffsets)]
            case 1: argv += [option("SET"), rng.pick(Self.bitfieldTypes), rng.pick(Self.bitfieldOffsets), rng.pick(Self.increments + ["255", "-128", "127", "256", "a"])]
            case 2: argv += [option("INCRBY"), rng.pick(Self.bitfieldTypes), rng.pick(Self.bitfieldOffsets), rng.pick(Self.increments + ["255", "-128", "127", "1"])]
            case 3: argv += [option("OVERFLOW"), option(rng.pick(["WRAP", "SAT", "FAIL", "NOPE"]))]
            default: argv += [rng.pick(["GET", "SET", "FOO"])]
            }
        }
        return FuzzCommand(argv: argv)
    }

    // MARK: HyperLogLog

    mutating func hllCommand() -> FuzzCommand {
        let k = key(Self.hllKeys)
        switch rng.below(8) {
        case 6:
            return FuzzCommand(argv: ["PFDEBUG", rng.pick(["ENCODING", "TODENSE", "DECODE", "GETREG", "encoding", "NOPE"]), k])
        case 7:
            return FuzzCommand(argv: ["PFCOUNT", k])
        case 0, 1, 2:
            var argv = ["PFADD", k] + rng.some(Self.members + ["x1", "x2", "x3", "x4", "x5", "x6", "x7"], 0, 6)
            if rng.chance(0.1) { argv += (0..<40).map { "m\($0 + rng.below(1000))" } }
            return FuzzCommand(argv: argv)
        case 3, 4: return FuzzCommand(argv: ["PFCOUNT"] + keys(Self.hllKeys, 1, 3))
        default: return FuzzCommand(argv: ["PFMERGE", key(Self.hllKeys)] + keys(Self.hllKeys, 0, 2))
        }
    }

    // MARK: Geo

    mutating func geoPoint() -> [String] {
        let (lon, lat) = rng.pick(Self.coordinates)
        return [lon, lat]
    }

    mutating func geoCommand() -> FuzzCommand {
        let k = key(Self.geoKeys)
        let geoMembers = ["Palermo", "Catania", "a", "b", "c", "1"]
        switch rng.below(12) {
        case 0, 1, 2:
            var argv = ["GEOADD", k]
            if rng.chance(0.3) { argv.append(option(rng.pick(["NX", "XX"]))) }
            if rng.chance(0.3) { argv.append(option("CH")) }
            if rng.chance(0.03) { argv.append("NX") }
            for _ in 0..<(1 + rng.below(3)) { argv += geoPoint() + [rng.pick(geoMembers)] }
            return FuzzCommand(argv: argv)
        case 3:
            var argv = ["GEODIST", k, rng.pick(geoMembers), rng.pick(geoMembers)]
            if rng.chance(0.6) { argv.append(rng.pick(Self.units)) }
            return FuzzCommand(argv: argv)
        case 4: return FuzzCommand(argv: ["GEOPOS", k] + rng.some(geoMembers, 0, 3))
        case 5: return FuzzCommand(argv: ["GEOHASH", k] + rng.some(geoMembers, 0, 3))
        case 6, 7, 8: return geosearchCommand(k, members: geoMembers)
        default: return georadiusCommand(k, members: geoMembers)
        }
    }

    /// The shared tail of GEOSEARCH and GEORADIUS: sorting, COUNT, WITH* flags; returns how
    /// the reply must be compared.
    mutating func geoTail(_ argv: inout [String], store: Bool) -> FuzzComparison {
        var options: [[String]] = []
        var sorted = false
        var count = false
        if rng.chance(0.5) { options.append([option(rng.pick(["ASC", "DESC"]))]); sorted = true }
        if rng.chance(0.4) {
            var c = [option("COUNT"), rng.pick(["1", "2", "3", "0", "-1", "a", "10"])]
            if rng.chance(0.3) { c.append(option("ANY")) }
            options.append(c)
            count = true
        }
        if !store || rng.chance(0.1) {
            if rng.chance(0.4) { options.append([option("WITHCOORD")]) }
            if rng.chance(0.4) { options.append([option("WITHDIST")]) }
            if rng.chance(0.4) { options.append([option("WITHHASH")]) }
        }
        if rng.chance(0.3) { options.shuffle(using: &rng) }
        argv += options.flatMap { $0 }
        if sorted || (count && !argv.contains { $0.uppercased() == "ANY" }) { return .tiesUnordered }
        return .unordered
    }

    mutating func geoShape(_ argv: inout [String], members: [String]) {
        if rng.chance(0.5) { argv += [option("FROMMEMBER"), rng.pick(members)] } else { argv += [option("FROMLONLAT")] + geoPoint() }
        if rng.chance(0.05) { argv += [option("FROMMEMBER"), rng.pick(members)] }
        if rng.chance(0.6) { argv += [option("BYRADIUS"), rng.pick(Self.radii), rng.pick(Self.units)] } else {
            argv += [option("BYBOX"), rng.pick(Self.radii), rng.pick(Self.radii), rng.pick(Self.units)]
        }
    }

    mutating func geosearchCommand(_ k: String, members: [String]) -> FuzzCommand {
        let store = rng.chance(0.3)
        var argv = store ? ["GEOSEARCHSTORE", key(Self.geoKeys), k] : ["GEOSEARCH", k]
        var options: [String] = []
        geoShape(&options, members: members)
        argv += options
        var comparison = geoTail(&argv, store: store)
        if store {
            if rng.chance(0.3) { argv.append(option("STOREDIST")) }
            comparison = .exact
        }
        return FuzzCommand(argv: argv, comparison: comparison)
    }

    mutating func georadiusCommand(_ k: String, members: [String]) -> FuzzCommand {
        let byMember = rng.chance(0.5)
        let readOnly = rng.chance(0.3)
        var argv = [byMember ? "GEORADIUSBYMEMBER" : "GEORADIUS"]
        if readOnly { argv[0] += "_RO" }
        argv.append(k)
        argv += byMember ? [rng.pick(members)] : geoPoint()
        argv += [rng.pick(Self.radii), rng.pick(Self.units)]
        var comparison = geoTail(&argv, store: false)
        if rng.chance(0.2) {
            argv += [option(rng.pick(["STORE", "STOREDIST"])), key(Self.geoKeys)]
            comparison = .exact
        }
        return FuzzCommand(argv: argv, comparison: comparison)
    }

    // MARK: SORT

    mutating func sortCommand() -> FuzzCommand {
        let k = key(Self.listKeys + Self.setKeys + Self.zsetKeys)
        var argv = [rng.chance(0.2) ? "SORT_RO" : "SORT", k]
        var options: [[String]] = []
        var nosort = false
        var byPattern = false
        var limit = false
        if rng.chance(0.3) {
            let pattern = rng.pick(["nosort", "s*", "h*->f1", "w_*", "*", "h*->", "s*->f1", "nosort"])
            if pattern == "nosort" { nosort = true } else { byPattern = true }
            options.append([option("BY"), pattern])
        }
        if rng.chance(0.3) { options.append(limitOption()); limit = true }
        for _ in 0..<rng.below(3) where rng.chance(0.5) {
            options.append([option("GET"), rng.pick(["#", "s*", "h*->f1", "h*->f2", "*", "l*"])])
        }
        if rng.chance(0.4) { options.append([option(rng.pick(["ASC", "DESC"]))]) }
        let alpha = rng.chance(0.5)
        if alpha { options.append([option("ALPHA")]) }
        let store = rng.chance(0.15)
        if store { options.append([option("STORE"), key(Self.listKeys)]) }
        if rng.chance(0.03) { options.append(["BOGUS"]) }
        if rng.chance(0.3) { options.shuffle(using: &rng) }
        argv += options.flatMap { $0 }
        // A set sorted BY nosort comes in hash-table order (but with STORE Redis sorts it
        // alphabetically); ALPHA by a pattern leaves ties in the order read.
        let cutsOrder = limit || store && !nosort
        return FuzzCommand(argv: argv, comparison: .sort(key: k, nosort: nosort, alphaByPattern: alpha && byPattern,
                                                         cutsOrder: cutsOrder, alpha: alpha && !store))
    }
}
