import Foundation

/// Finding the key arguments of a command line from the command's *key specs*, as Redis 7's
/// COMMAND GETKEYS (and cluster routing, ACL key checks) does.
///
/// A key spec says where keys are in two steps. `begin_search` finds the first key: at a fixed
/// `index`, or just after a `keyword` searched from `startfrom` (backwards when negative).
/// `find_keys` then says how many follow: a `range` (up to `lastkey` from the first, negative
/// counting from the end, every `keystep`, or a `1/limit` share of what remains), or a `keynum`
/// (a count found at `keynumidx`, with keys from `firstkey` after it). A command may have
/// several specs (SET-like STORE keys, sources and destinations). When a spec cannot describe
/// the command (SORT's BY/GET patterns are "unknown", MIGRATE's KEYS is "incomplete"), or its
/// flags depend on the arguments (SET with GET), the command's own rule is used instead.
struct KeySpec {
    enum Begin {
        case index(Int)
        case keyword(String, startFrom: Int)
        case unknown
    }

    enum Find {
        case range(lastKey: Int, keyStep: Int, limit: Int)
        case keyNumber(index: Int, firstKey: Int, keyStep: Int)
        case unknown
    }

    let flags: [String]
    let begin: Begin
    let find: Find

    /// The specs in a COMMAND INFO entry (its ninth field).
    static func specs(of metadata: CommandMetadata) -> [KeySpec] {
        guard case .array(let fields) = metadata.info, fields.count > 8 else { return [] }
        return fields[8].elements.map(KeySpec.init)
    }

    init(_ reply: Reply) {
        let map = reply.mapDictionary
        flags = map["flags"]?.elements.map(\.text) ?? []
        let beginMap = map["begin_search"]?.mapDictionary ?? [:]
        let beginSpec = beginMap["spec"]?.mapDictionary ?? [:]
        switch beginMap["type"]?.text {
        case "index": begin = .index(Int(beginSpec["index"]?.int ?? 0))
        case "keyword": begin = .keyword(beginSpec["keyword"]?.text ?? "", startFrom: Int(beginSpec["startfrom"]?.int ?? 0))
        default: begin = .unknown
        }
        let findMap = map["find_keys"]?.mapDictionary ?? [:]
        let findSpec = findMap["spec"]?.mapDictionary ?? [:]
        switch findMap["type"]?.text {
        case "range":
            find = .range(lastKey: Int(findSpec["lastkey"]?.int ?? 0), keyStep: Int(findSpec["keystep"]?.int ?? 1),
                          limit: Int(findSpec["limit"]?.int ?? 0))
        case "keynum":
            find = .keyNumber(index: Int(findSpec["keynumidx"]?.int ?? 0), firstKey: Int(findSpec["firstkey"]?.int ?? 0),
                              keyStep: Int(findSpec["keystep"]?.int ?? 1))
        default:
            find = .unknown
        }
    }

    var isNotKey: Bool { flags.contains("not_key") }
}

/// One key found in a command line: its position in argv and its access flags.
struct KeyReference: Equatable {
    let position: Int
    let flags: [String]
}

extension CommandMetadata {
    /// Whether any key spec names real keys (channels are `not_key`), or the command has its
    /// own key rule: what makes COMMAND GETKEYS try at all.
    var hasKeyArguments: Bool {
        KeySpec.specs(of: self).contains { !$0.isNotKey } || KeyRules.byName[fullName] != nil
    }

    /// The keys of `argv` (argv[0] is the command name), after Redis's
    /// `getKeysFromCommandWithSpecs`. Empty when the arguments do not fit the specs.
    func keyReferences(in argv: [Bytes]) -> [KeyReference] {
        let specs = KeySpec.specs(of: self)
        let hasKeySpec = specs.contains { !$0.isNotKey }
        let hasVariableFlags = specs.contains { $0.flags.contains("variable_flags") }
        if hasKeySpec && !hasVariableFlags, let keys = keysUsingSpecs(specs, argv) {
            return keys
        }
        return KeyRules.byName[fullName]?(argv) ?? []
    }

    /// Applies every spec in turn; nil when one of them does not fit (or is unknown or
    /// incomplete), so that the command's own rule decides.
    private func keysUsingSpecs(_ specs: [KeySpec], _ argv: [Bytes]) -> [KeyReference]? {
        let argc = argv.count
        var keys: [KeyReference] = []
        for spec in specs where !spec.isNotKey {
            var first = 0
            switch spec.begin {
            case .index(let index):
                first = index
            case .keyword(let keyword, let startFrom):
                let start = startFrom > 0 ? startFrom : argc + startFrom
                let end = startFrom > 0 ? argc - 1 : 1
                // Like Redis, the search stops before `end` itself.
                var i = start
                while i != end && i >= 1 && i < argc {
                    if argv[i].equalsIgnoringCase(keyword) {
                        first = i + 1
                        break
                    }
                    i += start <= end ? 1 : -1
                }
                if first == 0 { continue }
            case .unknown:
                return nil
            }
            var last: Int
            let step: Int
            switch spec.find {
            case .range(let lastKey, let keyStep, let limit):
                step = keyStep
                if lastKey >= 0 {
                    last = first + lastKey
                } else if limit == 0 {
                    last = argc + lastKey
                } else {
                    last = first + ((argc - first) / limit + lastKey)
                }
            case .keyNumber(let index, let firstKey, let keyStep):
                step = keyStep
                guard first + index < argc, let count = argv[first + index].int64Value, count >= 0 else { return nil }
                first += firstKey
                // Redis adds the count as a C int: a huge count wraps (and usually fails below).
                last = first + Int(Int32(truncatingIfNeeded: count)) - 1
            case .unknown:
                return nil
            }
            guard last < argc, last >= first, first < argc, step > 0 else { return nil }
            for i in stride(from: first, through: last, by: step) {
                keys.append(KeyReference(position: i, flags: spec.flags))
            }
            if spec.flags.contains("incomplete") { return nil }
        }
        return keys
    }
}

/// The commands whose keys no key spec can fully describe, with the rule each uses instead
/// (Redis's `getkeys_proc` functions that matter when specs fall short).
enum KeyRules {
    typealias Rule = @Sendable ([Bytes]) -> [KeyReference]

    static let byName: [String: Rule] = [
        "sort": sortKeys,
        "sort_ro": { _ in [KeyReference(position: 1, flags: ["RO", "access"])] },
        "set": setKeys,
        "bitfield": bitfieldKeys,
        "migrate": migrateKeys,
        "georadius": georadiusKeys,
        "georadiusbymember": georadiusKeys,
        "xread": xreadKeys,
        "xreadgroup": xreadKeys,
        // A key count the spec cannot read (`1e3`, `+2`, ` 1`) is read again with C's atoi.
        "zunion": { countedKeys($0, count: 1, first: 2) },
        "zinter": { countedKeys($0, count: 1, first: 2) },
        "zdiff": { countedKeys($0, count: 1, first: 2) },
        "zintercard": { countedKeys($0, count: 1, first: 2) },
        "zunionstore": { countedKeys($0, store: 1, count: 2, first: 3) },
        "zinterstore": { countedKeys($0, store: 1, count: 2, first: 3) },
        "zdiffstore": { countedKeys($0, store: 1, count: 2, first: 3) },
        "sintercard": { countedKeys($0, count: 1, first: 2) },
        "lmpop": { countedKeys($0, count: 1, first: 2) },
        "zmpop": { countedKeys($0, count: 1, first: 2) },
        "blmpop": { countedKeys($0, count: 2, first: 3) },
        "bzmpop": { countedKeys($0, count: 2, first: 3) },
    ]

    /// Redis's `genericGetKeys`: `argv[count]` read with C's `atoi` keys from `argv[first]` on,
    /// then the store key (if any) last; none when the count is below 1 or more than the
    /// arguments left. These keys carry no flags.
    static func countedKeys(_ argv: [Bytes], store: Int? = nil, count countIndex: Int, first: Int) -> [KeyReference] {
        guard countIndex < argv.count else { return [] }
        let count = atoi(argv[countIndex])
        guard count >= 1, count <= (argv.count - first) else { return [] }
        var keys = (0..<count).map { KeyReference(position: first + $0, flags: []) }
        if let store { keys.append(KeyReference(position: store, flags: [])) }
        return keys
    }

    /// C's `atoi`: `strtol` in base 10 over the C string (leading spaces, a sign, digits up to
    /// the first other byte; 0 when there are none), truncated to an `int`.
    static func atoi(_ text: Bytes) -> Int {
        text.withUnsafeBytes { raw -> Int in
            let length = raw.firstIndex(of: 0) ?? raw.count
            return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { c in
                for i in 0..<length { c[i] = CChar(bitPattern: raw[i]) }
                c[length] = 0
                return Int(Int32(truncatingIfNeeded: strtol(c.baseAddress!, nil, 10)))
            }
        }
    }

    /// GEORADIUS[BYMEMBER] when its specs fail (a STORE with nothing after it): the key, and
    /// the last STORE or STOREDIST target from argument 5 on.
    static func georadiusKeys(_ argv: [Bytes]) -> [KeyReference] {
        var stored: Int?
        var i = 5
        while i < argv.count {
            if (argv[i].equalsIgnoringCase("store") || argv[i].equalsIgnoringCase("storedist")) && i + 1 < argv.count {
                stored = i + 1
                i += 1
            }
            i += 1
        }
        return [KeyReference(position: 1, flags: [])] + (stored.map { [KeyReference(position: $0, flags: [])] } ?? [])
    }

    /// XREAD / XREADGROUP when their spec fails: the options up to STREAMS, then half of what
    /// follows (the other half are IDs); none on a syntax error.
    static func xreadKeys(_ argv: [Bytes]) -> [KeyReference] {
        var streams: Int?
        var i = 1
        while i < argv.count {
            let word = argv[i]
            if word.equalsIgnoringCase("block") || word.equalsIgnoringCase("count") {
                i += 1
            } else if word.equalsIgnoringCase("group") {
                i += 2
            } else if word.equalsIgnoringCase("noack") {
            } else if word.equalsIgnoringCase("streams") {
                streams = i
                break
            } else {
                break
            }
            i += 1
        }
        guard let streams else { return [] }
        let n = argv.count - streams - 1
        guard n > 0, n % 2 == 0 else { return [] }
        return (0..<(n / 2)).map { KeyReference(position: streams + 1 + $0, flags: []) }
    }

    /// SORT key [BY p] [LIMIT o c] [GET p ...] [STORE dest]: the key, and the last STORE target.
    static func sortKeys(_ argv: [Bytes]) -> [KeyReference] {
        var keys = [KeyReference(position: 1, flags: ["RO", "access"])]
        var store: Int?
        var i = 2
        while i < argv.count {
            if argv[i].equalsIgnoringCase("limit") {
                i += 2
            } else if argv[i].equalsIgnoringCase("get") || argv[i].equalsIgnoringCase("by") {
                i += 1
            } else if argv[i].equalsIgnoringCase("store") && i + 1 < argv.count {
                store = i + 1
            }
            i += 1
        }
        if let store { keys.append(KeyReference(position: store, flags: ["OW", "update"])) }
        return keys
    }

    /// SET key value [...GET...]: the key is read too when GET is given.
    static func setKeys(_ argv: [Bytes]) -> [KeyReference] {
        let reads = argv.count > 3 && argv[3...].contains { $0.equalsIgnoringCase("get") }
        return [KeyReference(position: 1, flags: reads ? ["RW", "access", "update"] : ["OW", "update"])]
    }

    /// BITFIELD key [GET ...] [SET ...] [INCRBY ...]: read-only unless it sets or increments.
    static func bitfieldKeys(_ argv: [Bytes]) -> [KeyReference] {
        var readOnly = true
        var i = 2
        while i < argv.count {
            let remaining = argv.count - i - 1
            if argv[i].equalsIgnoringCase("get") && remaining >= 2 {
                i += 2
            } else if (argv[i].equalsIgnoringCase("set") || argv[i].equalsIgnoringCase("incrby")) && remaining >= 3 {
                readOnly = false
                break
            } else if argv[i].equalsIgnoringCase("overflow") && remaining >= 1 {
                i += 1
            } else {
                readOnly = false
                break
            }
            i += 1
        }
        return [KeyReference(position: 1, flags: readOnly ? ["RO", "access"] : ["RW", "access", "update"])]
    }

    /// MIGRATE host port key|"" db timeout [... KEYS key ...].
    static func migrateKeys(_ argv: [Bytes]) -> [KeyReference] {
        var first = 3, count = 1
        if argv.count > 6 {
            var i = 6
            while i < argv.count {
                if argv[i].equalsIgnoringCase("auth2") {
                    i += 2
                } else if argv[i].equalsIgnoringCase("auth") {
                    i += 1
                } else if argv[i].equalsIgnoringCase("keys") {
                    guard argv[3].isEmpty else { return [] }
                    first = i + 1
                    count = argv.count - first
                    break
                }
                i += 1
            }
        }
        return (first..<(first + count)).map { KeyReference(position: $0, flags: ["RW", "access", "delete"]) }
    }
}
