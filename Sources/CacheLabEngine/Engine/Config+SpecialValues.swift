/// The parameters with a syntax of their own, each checked and written back as Redis 7.0.15
/// does, with its own error messages.
extension ConfigParameter.Special {
    func normalize(_ value: Bytes, current: Bytes) throws(ConfigValueError) -> Bytes {
        switch self {
        case .savePoints: return try Self.savePoints(value)
        case .clientOutputBufferLimit: return try Self.outputBufferLimits(value, current: current)
        case .oomScoreAdjValues: return try Self.oomScoreAdjValues(value)
        case .keyspaceEvents: return try Self.keyspaceEvents(value)
        case .percentiles: return try Self.percentiles(value)
        case .procTitleTemplate: return try Self.procTitleTemplate(value)
        case .hostname: return try Self.hostname(value)
        case .bindAddresses: return try Self.bindAddresses(value)
        case .tlsPort: return try Self.tlsPort(value)
        case .octal: return try Self.octal(value)
        case .unavailableSwitch(let message):
            if value.equalsIgnoringCase("no") { return "no" }
            if value.equalsIgnoringCase("yes") { throw ConfigValueError(message) }
            throw ConfigValueError("argument must be 'yes' or 'no'")
        }
    }

    /// `save`: `seconds changes` pairs, seconds at least 1, changes at least 0; `""` for none.
    static func savePoints(_ value: Bytes) throws(ConfigValueError) -> Bytes {
        let words = ConfigSyntax.split(value)
        let invalid = ConfigValueError("Invalid save parameters")
        guard words.count % 2 == 0 else { throw invalid }
        var parts: [String] = []
        for (i, word) in words.enumerated() {
            let (number, complete) = ConfigSyntax.strtoll(word)
            let isSeconds = i % 2 == 0
            guard complete, number >= (isSeconds ? 1 : 0) else { throw invalid }
            // Redis keeps the number of changes in a C int.
            parts.append(isSeconds ? String(number) : String(Int32(truncatingIfNeeded: number)))
        }
        return Bytes(parts.joined(separator: " "))
    }

    /// `client-output-buffer-limit`: groups of `class hard soft seconds`; classes not named
    /// keep their limits.
    static func outputBufferLimits(_ value: Bytes, current: Bytes) throws(ConfigValueError) -> Bytes {
        let words = ConfigSyntax.split(value)
        guard words.count % 4 == 0 else {
            throw ConfigValueError("Wrong number of arguments in buffer limit configuration.")
        }
        var limits = OutputBufferLimits(current)
        var updates: [(Int, OutputBufferLimits.Limit)] = []
        for group in stride(from: 0, to: words.count, by: 4) {
            guard let index = OutputBufferLimits.classIndex(words[group]) else {
                throw ConfigValueError("Invalid client class specified in buffer limit configuration.")
            }
            let hard = ConfigSyntax.memory(words[group + 1])
            let soft = ConfigSyntax.memory(words[group + 2])
            let (seconds64, complete) = ConfigSyntax.strtoll(words[group + 3])
            let seconds = Int32(truncatingIfNeeded: seconds64)
            guard let hard, let soft, complete, seconds >= 0 else {
                throw ConfigValueError("Error in hard, soft or soft_seconds setting in buffer limit configuration.")
            }
            updates.append((index, .init(hard: hard, soft: soft, seconds: Int64(seconds))))
        }
        for (index, limit) in updates { limits.classes[index] = limit }
        return Bytes(limits.description)
    }

    /// `oom-score-adj-values`: exactly three integers in -2000...2000.
    static func oomScoreAdjValues(_ value: Bytes) throws(ConfigValueError) -> Bytes {
        let words = ConfigSyntax.split(value)
        guard words.count == 3 else { throw ConfigValueError("wrong number of arguments") }
        var numbers: [String] = []
        for word in words {
            let (number, complete) = ConfigSyntax.strtoll(word)
            guard complete, number >= -2000, number <= 2000 else {
                throw ConfigValueError("Invalid oom-score-adj-values, elements must be between -2000 and 2000.")
            }
            numbers.append(String(number))
        }
        return Bytes(numbers.joined(separator: " "))
    }

    /// The event classes of `notify-keyspace-events`, by letter, in the order Redis writes them.
    static let keyspaceEventClasses: [(letter: UInt8, bit: Int)] = [
        (UInt8(ascii: "g"), 1 << 2), (UInt8(ascii: "$"), 1 << 3), (UInt8(ascii: "l"), 1 << 4),
        (UInt8(ascii: "s"), 1 << 5), (UInt8(ascii: "h"), 1 << 6), (UInt8(ascii: "z"), 1 << 7),
        (UInt8(ascii: "x"), 1 << 8), (UInt8(ascii: "e"), 1 << 9), (UInt8(ascii: "t"), 1 << 10),
        (UInt8(ascii: "d"), 1 << 12), (UInt8(ascii: "n"), 1 << 13),
    ]

    /// `notify-keyspace-events`: K (keyspace), E (keyevent), m (key miss) and the type
    /// classes; A stands for every type class but n. Written back in Redis's canonical order.
    static func keyspaceEvents(_ value: Bytes) throws(ConfigValueError) -> Bytes {
        let keyspace = 1 << 0, keyevent = 1 << 1, keyMiss = 1 << 11
        let all = (1 << 2) | (1 << 3) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7) | (1 << 8) | (1 << 9) | (1 << 10) | (1 << 12)
        var bits = 0
        for c in ConfigSyntax.cString(value) {
            switch c {
            case UInt8(ascii: "A"): bits |= all
            case UInt8(ascii: "K"): bits |= keyspace
            case UInt8(ascii: "E"): bits |= keyevent
            case UInt8(ascii: "m"): bits |= keyMiss
            default:
                guard let cls = keyspaceEventClasses.first(where: { $0.letter == c }) else {
                    throw ConfigValueError("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.")
                }
                bits |= cls.bit
            }
        }
        var out: [UInt8] = []
        if bits & all == all {
            out.append(UInt8(ascii: "A"))
        } else {
            for cls in keyspaceEventClasses where bits & cls.bit != 0 { out.append(cls.letter) }
        }
        if bits & keyspace != 0 { out.append(UInt8(ascii: "K")) }
        if bits & keyevent != 0 { out.append(UInt8(ascii: "E")) }
        if bits & keyMiss != 0 { out.append(UInt8(ascii: "m")) }
        return Bytes(out)
    }

    /// `latency-tracking-info-percentiles`: numbers between 0 and 100; `""` for none.
    static func percentiles(_ value: Bytes) throws(ConfigValueError) -> Bytes {
        var words = ConfigSyntax.split(value)
        if words.count == 1 && words[0].isEmpty { words = [] }
        var out: [String] = []
        for word in words {
            guard let number = ConfigSyntax.string2d(word) else {
                throw ConfigValueError("Invalid latency-tracking-info-percentiles parameters")
            }
            guard number >= 0, number <= 100 else {
                throw ConfigValueError("latency-tracking-info-percentiles parameters should sit between [0.0,100.0]")
            }
            out.append(ConfigSyntax.trimmedDouble(number))
        }
        return Bytes(out.joined(separator: " "))
    }

    /// `proc-title-template`: text with `{title}`, `{listen-addr}`, `{server-mode}`, `{port}`,
    /// `{tls-port}`, `{unixsocket}` and `{config-file}`; `{{` is a literal brace. Redis expands
    /// it with an empty title and refuses a template that expands to nothing but spaces.
    static func procTitleTemplate(_ value: Bytes) throws(ConfigValueError) -> Bytes {
        let invalid = ConfigValueError("template format is invalid or contains unknown variables")
        // What each variable expands to in CacheLab: no cluster, no TLS, no unix socket.
        let expansions: [String: String] = [
            "title": "", "listen-addr": "*:6379", "server-mode": "", "port": "6379",
            "tls-port": "0", "unixsocket": "", "config-file": "-",
        ]
        let text = ConfigSyntax.cString(value)
        var expanded: [UInt8] = []
        var i = 0
        while i < text.count {
            guard text[i] == UInt8(ascii: "{") else {
                expanded.append(text[i])
                i += 1
                continue
            }
            i += 1
            guard i < text.count else { throw invalid }
            if text[i] == UInt8(ascii: "{") {
                expanded.append(UInt8(ascii: "{"))
                i += 1
                continue
            }
            guard let close = text[i...].firstIndex(of: UInt8(ascii: "}")),
                  let replacement = expansions[String(decoding: text[i..<close], as: UTF8.self)] else { throw invalid }
            expanded += Array(replacement.utf8)
            i = close + 1
        }
        guard expanded.contains(where: { $0 != 32 }) else { throw invalid }
        return value
    }

    /// `cluster-announce-hostname`: under 256 letters, digits, hyphens and dots.
    static func hostname(_ value: Bytes) throws(ConfigValueError) -> Bytes {
        let text = ConfigSyntax.cString(value)
        guard text.count < 256 else { throw ConfigValueError("Hostnames must be less than 256 characters") }
        for c in text {
            let ok = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c == 45 || c == 46
            guard ok else { throw ConfigValueError("Hostnames may only contain alphanumeric characters, hyphens or dots") }
        }
        return value
    }

    /// `bind`: at most 16 addresses. CacheLab listens on no socket, so they are only kept.
    static func bindAddresses(_ value: Bytes) throws(ConfigValueError) -> Bytes {
        let words = ConfigSyntax.split(value)
        guard words.count <= 16 else { throw ConfigValueError("Too many bind addresses specified.") }
        return value
    }

    /// `tls-port`: a port number; CacheLab, like a Redis built without TLS, cannot open one.
    static func tlsPort(_ value: Bytes) throws(ConfigValueError) -> Bytes {
        guard let port = value.int64Value else { throw ConfigValueError("argument couldn't be parsed into an integer") }
        try ConfigParameter.check(port, 0, 65535)
        guard port == 0 else { throw ConfigValueError("Unable to update TLS configuration. Check server logs.") }
        return Bytes(integer: port)
    }

    /// `unixsocketperm`: permission bits in octal.
    static func octal(_ value: Bytes) throws(ConfigValueError) -> Bytes {
        guard !value.isEmpty, let number = Int64(value.string, radix: 8), number >= 0, number <= 0o777 else {
            throw ConfigValueError("argument must be between 0 and 777 inclusive")
        }
        return Bytes(String(number, radix: 8))
    }
}

/// The three client classes of `client-output-buffer-limit` and their limits.
struct OutputBufferLimits: CustomStringConvertible {
    struct Limit {
        var hard: UInt64
        var soft: UInt64
        var seconds: Int64
    }

    static let classNames = ["normal", "slave", "pubsub"]
    var classes: [Limit]

    /// Reads the text CONFIG GET shows (`normal 0 0 0 slave ... pubsub ...`).
    init(_ text: Bytes) {
        classes = Array(repeating: Limit(hard: 0, soft: 0, seconds: 0), count: 3)
        let words = ConfigSyntax.split(text)
        for group in stride(from: 0, to: words.count - 3, by: 4) {
            guard let index = Self.classIndex(words[group]) else { continue }
            classes[index] = Limit(hard: UInt64(words[group + 1].string) ?? 0, soft: UInt64(words[group + 2].string) ?? 0,
                                   seconds: Int64(words[group + 3].string) ?? 0)
        }
    }

    /// The class a name stands for: normal, slave (or replica), pubsub. Master has no limit.
    static func classIndex(_ name: Bytes) -> Int? {
        if name.equalsIgnoringCase("normal") { return 0 }
        if name.equalsIgnoringCase("slave") || name.equalsIgnoringCase("replica") { return 1 }
        if name.equalsIgnoringCase("pubsub") { return 2 }
        return nil
    }

    var description: String {
        zip(Self.classNames, classes).map { "\($0) \($1.hard) \($1.soft) \($1.seconds)" }.joined(separator: " ")
    }
}
