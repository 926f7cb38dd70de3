/// A command handler: reads its arguments from the context, acts on the engine, and replies.
/// Arity has already been checked against the command table when it runs. A handler may also
/// `throw` an error reply (`throw RedisError.syntax`): the engine sends it like a returned one.
public typealias CommandHandler = (CommandContext) throws(Reply) -> Reply

/// A handler as the command groups list it: `"get": Handler(get)`.
///
/// Why a wrapper: a closure stored directly in a generic container (`[String: CommandHandler]`)
/// is kept in the container's most general calling convention, and every call then goes
/// through conversion thunks, each with retains of its own. Inside a struct the closure keeps
/// its natural convention, so the engine calls the handler directly.
public struct Handler {
    public let body: CommandHandler

    public init(_ body: @escaping CommandHandler) {
        self.body = body
    }
}

/// Everything a handler needs: who is asking, with which arguments, on which engine.
public struct CommandContext {
    // The engine, the session and the metadata all outlive the command: the engine runs it,
    // the caller of `execute` holds the session, and metadata lives for the whole process.
    // So the context keeps plain pointers to them (`unowned(unsafe)`) instead of strong
    // references: a context is made for every command, and three retains and three releases
    // per command were a tenth of a GET's instructions.
    public unowned(unsafe) let engine: Engine
    public unowned(unsafe) let session: Session
    public let argv: [Bytes]
    public unowned(unsafe) let command: CommandMetadata
    /// The session's selected database when the command started (the engine owns it, so it
    /// too is a plain pointer). Looked up once here rather than on each use: every lookup out
    /// of the engine's array cost a retain and a release. SELECT and RESET change the
    /// session's database and read nothing through `db` afterwards.
    public unowned(unsafe) let db: Database

    public init(engine: Engine, session: Session, argv: [Bytes], command: CommandMetadata) {
        self.engine = engine
        self.session = session
        self.argv = argv
        self.command = command
        self.db = engine.databases[session.databaseIndex]
    }

    /// Runs `body` with `db`, borrowed. Calling a method on `db` itself makes Swift retain it
    /// for the call and release it after, two atomic operations: the commands run most often
    /// (GET, SET) reach their database through this instead.
    @inline(__always) public func withDatabase<R>(_ body: (Database) -> R) -> R {
        Unmanaged.passUnretained(db)._withUnsafeGuaranteedRef(body)
    }

    public var argc: Int { argv.count }
    public subscript(index: Int) -> Bytes { argv[index] }
    /// The command's lower-case full name, as error messages quote it (`set`, `config|get`).
    public var name: String { command.fullName }
}

/// A command CacheLab implements: its Redis metadata joined with its handler.
///
/// A class, so that resolving a command hands out one reference rather than copying three.
public final class RegisteredCommand {
    public let metadata: CommandMetadata
    /// Nil for container commands (CONFIG, OBJECT, ...) whose subcommands do the work.
    public let handler: CommandHandler?
    /// Implemented subcommands by lower-case name.
    public let subcommands: [Bytes: RegisteredCommand]
    /// Copied out of the metadata, so that resolving a command reads only this object.
    public let isContainer: Bool
    let hasHandler: Bool
    /// One of Redis's protected commands, which run only when their option allows them:
    /// DEBUG (MODULE is the other, and CacheLab has no modules). Redis keeps this flag out of
    /// COMMAND INFO, so the metadata does not carry it.
    let isProtected: Bool
    private let arity: Int

    init(metadata: CommandMetadata, handler: CommandHandler?, subcommands: [Bytes: RegisteredCommand]) {
        self.metadata = metadata
        self.handler = handler
        self.subcommands = subcommands
        isContainer = !metadata.subcommands.isEmpty
        hasHandler = handler != nil
        isProtected = metadata.fullName == "debug"
        arity = metadata.arity
    }

    /// `CommandMetadata.acceptsArgumentCount`, from the copy of the arity kept here.
    @inline(__always) func acceptsArgumentCount(_ argc: Int) -> Bool {
        CommandMetadata.arity(arity, accepts: argc)
    }
}

/// The command table: every command that has both Redis metadata and a CacheLab handler.
///
/// Handlers are grouped by data type, one group per folder under `Commands/`; each group lists
/// its handlers by full name (`get`, `config|get`). A command that Redis has but CacheLab does
/// not implement is simply absent, so it gets Redis's own unknown-command error.
public struct CommandRegistry {
    public let commands: [Bytes: RegisteredCommand]
    /// The same commands, in a table built for the per-command lookup.
    private let lookup: CommandLookupTable

    /// Every handler CacheLab has, by full lower-case name.
    static var allHandlers: [String: Handler] {
        var all: [String: Handler] = [:]
        for group in handlerGroups {
            all.merge(group) { _, new in new }
        }
        return all
    }

    public init() {
        let handlers = Self.allHandlers
        var table: [Bytes: RegisteredCommand] = [:]
        for meta in CommandMetadata.all {
            var subs: [Bytes: RegisteredCommand] = [:]
            for sub in meta.subcommands {
                if let h = handlers[sub.fullName] {
                    subs[Bytes(sub.name)] = RegisteredCommand(metadata: sub, handler: h.body, subcommands: [:])
                }
            }
            let own = handlers[meta.fullName]?.body
            if own != nil || !subs.isEmpty {
                table[Bytes(meta.fullName)] = RegisteredCommand(metadata: meta, handler: own, subcommands: subs)
            }
        }
        commands = table
        lookup = CommandLookupTable(table)
    }

    /// The implemented command called `name` (any case), without resolving subcommands.
    @inline(__always) public func command(named name: Bytes) -> RegisteredCommand? {
        lookup.command(named: name)
    }

    /// All implemented top-level commands, sorted by name.
    public var sortedCommands: [RegisteredCommand] {
        commands.values.sorted { $0.metadata.fullName < $1.metadata.fullName }
    }

    /// What `argv` names, after Redis's `lookupCommand` and `processCommand` checks.
    public enum Resolution {
        case command(RegisteredCommand)
        case unknownCommand
        case unknownSubcommand(container: RegisteredCommand)
        case wrongArity(fullName: String)
    }

    public func resolve(_ argv: [Bytes]) -> Resolution {
        switch resolveUnretained(argv) {
        case .command(let command): return .command(command.takeUnretainedValue())
        case .unknownCommand: return .unknownCommand
        case .unknownSubcommand(let container): return .unknownSubcommand(container: container.takeUnretainedValue())
        case .wrongArity(let fullName): return .wrongArity(fullName: fullName)
        }
    }

    /// `Resolution` with the commands held without a reference (the registry keeps every
    /// command for the life of the process). `Engine.execute` resolves every command it runs,
    /// and a strong reference there cost a retain and a release per command.
    enum UnretainedResolution {
        case command(Unmanaged<RegisteredCommand>)
        case unknownCommand
        case unknownSubcommand(container: Unmanaged<RegisteredCommand>)
        case wrongArity(fullName: String)
    }

    /// `resolve(_:)`, the commands unretained: what `argv` names after Redis's `lookupCommand`
    /// and `processCommand` checks.
    func resolveUnretained(_ argv: [Bytes]) -> UnretainedResolution {
        guard let first = argv.first, let base = lookup.unretainedCommand(named: first) else { return .unknownCommand }
        return base._withUnsafeGuaranteedRef { container in
            var resolved = base
            if container.isContainer && argv.count >= 2 {
                guard let sub = container.subcommands[argv[1].lowercased] else {
                    return .unknownSubcommand(container: base)
                }
                resolved = Unmanaged.passUnretained(sub)
            }
            return resolved._withUnsafeGuaranteedRef { command in
                if !command.acceptsArgumentCount(argv.count) {
                    return .wrongArity(fullName: command.metadata.fullName)
                }
                guard command.hasHandler else { return .unknownSubcommand(container: base) }
                return .command(resolved)
            }
        }
    }
}
