/// The slow log: the commands that took longer than `slowlog-log-slower-than` microseconds,
/// newest first, at most `slowlog-max-len` of them (SLOWLOG GET, LEN, RESET).
///
/// Redis times each command that runs (not those refused before running), after it ran:
///
///     duration >= slowlog-log-slower-than (and that is >= 0)?   -> push a new entry at the head
///     more than slowlog-max-len entries?                          -> drop from the tail
///
/// so a shorter slowlog-max-len takes effect at the next entry, RESET empties the log but
/// ids keep counting, and a threshold of 0 logs every command. Commands flagged
/// skip_slowlog (EXEC, whose commands are logged one by one instead) are never logged. An
/// entry keeps at most 32 arguments, the last one saying how many more there were, and at
/// most 128 bytes of each, and passwords are never kept (`(redacted)`).
public struct SlowLog: Sendable {
    /// One logged command.
    public struct Entry: Sendable, Equatable {
        public var id: Int64
        /// When it ran, in Unix seconds.
        public var timestamp: Int64
        public var microseconds: Int64
        public var arguments: [Bytes]
        public var clientAddress: String
        public var clientName: Bytes
    }

    /// Newest first.
    public private(set) var entries: [Entry] = []
    private var nextID: Int64 = 0

    static let maxArguments = 32
    static let maxArgumentBytes = 128

    /// Logs a command, then trims the log to `maxLength`.
    mutating func push(_ argv: [Bytes], command: CommandMetadata, microseconds: Int64, at timestamp: Int64,
                       clientAddress: String, clientName: Bytes, maxLength: Int) {
        let entry = Entry(id: nextID, timestamp: timestamp, microseconds: microseconds,
                          arguments: Self.kept(argv, command: command),
                          clientAddress: clientAddress, clientName: clientName)
        nextID += 1
        entries.insert(entry, at: 0)
        if entries.count > maxLength { entries.removeLast(entries.count - maxLength) }
    }

    /// Empties the log (SLOWLOG RESET); ids go on from where they were.
    mutating func reset() { entries.removeAll() }

    /// The arguments as an entry keeps them: passwords redacted, then cut to 32 arguments
    /// of at most 128 bytes each.
    static func kept(_ argv: [Bytes], command: CommandMetadata) -> [Bytes] {
        let redacted = redactedPositions(argv, command: command)
        let count = min(argv.count, maxArguments)
        return (0..<count).map { i in
            if i == maxArguments - 1 && argv.count > maxArguments {
                return Bytes("... (\(argv.count - maxArguments + 1) more arguments)")
            }
            if redacted.contains(i) { return Bytes("(redacted)") }
            let argument = argv[i]
            guard argument.count > maxArgumentBytes else { return argument }
            return Bytes(argument.array.prefix(maxArgumentBytes)) + Bytes("... (\(argument.count - maxArgumentBytes) more bytes)")
        }
    }

    /// Where a command carries a secret: AUTH's arguments, HELLO's AUTH pair, and the value
    /// of a sensitive parameter in CONFIG SET (`Config.isSensitive`).
    static func redactedPositions(_ argv: [Bytes], command: CommandMetadata) -> Set<Int> {
        switch command.fullName {
        case "auth":
            return Set(1..<argv.count)
        case "hello":
            guard let auth = (2..<max(2, argv.count)).first(where: { argv[$0].equalsIgnoringCase("AUTH") }) else { return [] }
            return Set((auth + 1)...(auth + 2)).filter { $0 < argv.count }
        case "config|set":
            return Set(stride(from: 2, to: argv.count - 1, by: 2).filter { Config.isSensitive(argv[$0]) }.map { $0 + 1 })
        default:
            return []
        }
    }
}

extension Engine {
    /// Logs a command that ran for `microseconds`, which reached slowlog-log-slower-than.
    func logSlowCommand(_ argv: [Bytes], command: CommandMetadata, microseconds: Int64, session: Session) {
        guard !command.hasFlag("skip_slowlog") else { return }
        slowLog.push(argv, command: command, microseconds: microseconds, at: clock.nowMilliseconds / 1000,
                     clientAddress: ConnectionCommands.ClientAddress.local, clientName: session.name ?? Bytes(),
                     maxLength: Int(clamping: config.slowlogMaxLength))
    }
}
