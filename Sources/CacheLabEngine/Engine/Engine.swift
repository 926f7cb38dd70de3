/// The Redis-compatible engine: the one entry point every front end calls.
///
/// The REPL, piped input, lessons and tests all turn their input into an argument vector of
/// byte strings and call `execute(_:session:)`. Nothing outside the engine touches the
/// keyspace. The engine is single-threaded, like Redis's command loop: one caller at a time.
public final class Engine {
    public let clock: Clock
    public var random: RandomSource
    public let config: Config
    public internal(set) var databases: [Database] = []
    public var stats = EngineStats()
    /// The eviction pool and policy state (see `Eviction/`).
    public internal(set) var eviction = EvictionState()
    /// The running used-memory total (see `Memory/`).
    public internal(set) var memory = MemoryLedger()
    /// Command, error and latency counters and per-client flags (INFO, CLIENT, CONFIG RESETSTAT).
    public let serverState: ServerState
    public let registry: CommandRegistry
    /// The time every command sees as "now", fixed when the command starts (Redis's
    /// `commandTimeSnapshot`), so a key cannot expire half-way through a command.
    public internal(set) var commandTime: Int64
    /// Microseconds the running command spent waiting out a blocking timeout. Redis counts
    /// a blocked command's own running time in INFO commandstats, not its wait, and records
    /// no latency sample for it; `call` reads this and clears it.
    var blockedMicroseconds: Int64 = 0
    /// The pause CLIENT PAUSE set, if any (see `CLIENT+PAUSE.swift`).
    public internal(set) var clientPause: ClientPause?
    /// Asked during a wait on the system clock (see Engine+Blocking.swift): true ends the
    /// wait early. The REPL answers true after Ctrl-C.
    public var isInterrupted: () -> Bool = { false }
    /// The commands that took longest (SLOWLOG).
    public internal(set) var slowLog = SlowLog()
    /// The worst latencies per second (LATENCY LATEST, HISTORY).
    public internal(set) var latencyMonitor = LatencyMonitor()
    /// Unix milliseconds when the engine started.
    public let startTime: Int64
    /// Cron bookkeeping of the active expire cycle: when it last ran, where it resumes.
    public let expireCycle = ActiveExpireCycle()
    /// Writes since the last successful save (Redis's `server.dirty`), for the save points.
    public var dirty: Int64 = 0
    /// Set by a SHUTDOWN that went through: the front end should stop, as Redis would exit.
    public internal(set) var isShutDown = false
    /// Whether Redis's C `errno` would now hold ERANGE from the last float parse: a numeric
    /// SORT reads it stale (see `Engine+StaleRangeError.swift`).
    public internal(set) var staleRangeError = false
    /// SAVE, BGSAVE, save points and loading.
    public let persistence: PersistenceManager
    /// The buffer of the last range reply, reused once its reader lets go of it (see
    /// `BulkStrings+Spare.swift`).
    var replySpare = BulkStrings.Spare()
    /// The access bits of Redis's shared objects for the integers 0...9999, one word each,
    /// read and touched by every key holding such an integer (see `SharedIntegers.swift`).
    var sharedIntegerAccessBits: [UInt32] = []
    /// The last LRU clock reading, kept to spare a division per key touched (`lruClock`).
    var lruClockReading = LRUClockReading()
    private var observers: [(EngineEvent) -> Void] = []
    private var nextSessionID: Int64 = 1

    /// CacheLab's own version, reported beside the Redis version it follows.
    public static let version = "0.1.0"
    /// The Redis release whose behaviour CacheLab follows.
    public static let redisVersion = "7.0.15"

    public init(clock: Clock = .system(), seed: UInt64 = 0x5EED, config: Config = Config()) {
        self.clock = clock
        self.random = RandomSource(seed: seed)
        self.config = config
        self.registry = CommandRegistry()
        let now = clock.nowMilliseconds
        self.commandTime = now
        self.startTime = now
        self.serverState = ServerState(seed: UInt64(bitPattern: now))
        self.persistence = PersistenceManager(startTime: now)
        self.databases = (0..<config.databases).map { Database(id: $0, engine: self) }
        self.sharedIntegerAccessBits = Array(repeating: accessBits(updating: nil), count: Self.sharedIntegerCount)
        persistence.attach(to: self)
    }

    /// A new client session (the REPL makes one; a server makes one per connection).
    public func makeSession() -> Session {
        defer { nextSessionID += 1 }
        stats.totalConnectionsReceived += 1
        let session = Session(id: nextSessionID, now: clock.nowMilliseconds)
        logInAsDefaultUser(session)
        return session
    }

    /// Runs `body` with database `index`, borrowed without a retain (the engine owns its
    /// databases): on the paths every command or eviction takes, the reference counting of
    /// a plain `databases[index]` costs more than what is done with it.
    @inline(__always) func withDatabase<R>(_ index: Int, _ body: (Database) throws -> R) rethrows -> R {
        try Unmanaged.passUnretained(databases[index])._withUnsafeGuaranteedRef(body)
    }

    // MARK: Events

    /// Registers an observer of engine events (expired and evicted keys, ...).
    public func observe(_ observer: @escaping (EngineEvent) -> Void) {
        observers.append(observer)
    }

    func emit(_ event: EngineEvent) {
        for observer in observers { observer(event) }
    }

    // MARK: Executing commands

    /// Runs one command for `session` and returns its reply, following Redis's
    /// `processCommand`: look the command up, check its arity, queue it inside MULTI, then call it.
    public func execute(_ argv: [Bytes], session: Session) -> Reply {
        prefetchFirstKey(of: argv, session: session)
        return execute(argv, session: session, startedAt: clock.nowMicroseconds).reply
    }

    /// `execute(_:session:)` for a command that began at `startedAt` (engine-clock
    /// microseconds). Also returns when it finished: the clock reading that timed it, or
    /// `startedAt` when it was refused before running. A pipeline starts the next command at
    /// that time, so each command costs one clock reading instead of two.
    func execute(_ argv: [Bytes], session: Session, startedAt: Int64) -> (reply: Reply, finishedAt: Int64) {
        // The previous command's statistics, counted while this one's key is fetched.
        serverState.countPendingCall()
        commandTime = startedAt / 1000
        session.lastInteraction = commandTime
        switch registry.resolveUnretained(argv) {
        case .unknownCommand:
            return (reject(RedisError.unknownCommand(argv), session: session), startedAt)
        case .unknownSubcommand(let container):
            let name = container._withUnsafeGuaranteedRef { $0.metadata.fullName }
            return (reject(RedisError.unknownSubcommand(argv[1], of: name), session: session), startedAt)
        case .wrongArity(let fullName):
            serverState.recordRejection(fullName: fullName)
            if fullName == "exec" {
                return (abortExec(because: "wrong number of arguments for 'exec' command", session: session), startedAt)
            }
            return (reject(RedisError.wrongArity(fullName), session: session), startedAt)
        case .command(let command):
            return command._withUnsafeGuaranteedRef { execute(resolved: $0, argv, session: session, startedAt: startedAt) }
        }
    }

    /// The rest of `execute` once `argv` names a command that accepts its arity.
    @inline(__always)
    private func execute(resolved command: RegisteredCommand, _ argv: [Bytes], session: Session,
                         startedAt: Int64) -> (reply: Reply, finishedAt: Int64) {
        // Redis refuses a protected command (DEBUG) before it asks for a login: the option
        // that allows it (`enable-debug-command`) is off by default, as on redis-server.
        if command.isProtected && !config.allowsDebugCommand {
            return (refuse(RedisError.debugNotAllowed, command: command.metadata, session: session), startedAt)
        }
        // Redis's `authRequired`: a session that has not logged in while the default user has
        // a password runs only the commands flagged no_auth (AUTH, HELLO, QUIT ...).
        if mustLogIn(session) && !command.metadata.hasFlag("no_auth") {
            return (refuse(RedisError.noAuth, command: command.metadata, session: session), startedAt)
        }
        if let refusal = memoryCheck(before: command.metadata, session: session) {
            return (refuse(refusal, command: command.metadata, session: session), startedAt)
        }
        if session.isInTransaction && command.metadata.hasFlag("no_multi") {
            return (refuse(RedisError.notAllowedInMulti, command: command.metadata, session: session), startedAt)
        }
        if clientPause != nil { return executeDuringPause(command, argv, session: session, startedAt: startedAt) }
        return queueOrCall(command, argv, session: session, startedAt: startedAt)
    }

    /// The end of `execute`: queued inside MULTI, else called.
    @inline(__always)
    private func queueOrCall(_ command: RegisteredCommand, _ argv: [Bytes], session: Session,
                             startedAt: Int64) -> (reply: Reply, finishedAt: Int64) {
        if session.isInTransaction && !Self.runsInsideMulti.contains(command.metadata.fullName) {
            session.queuedCommands?.append(argv)
            return (.queued, startedAt)
        }
        return call(command, argv, session: session, timedFrom: startedAt)
    }

    /// The end of `execute` while a CLIENT PAUSE is set (see CLIENT+PAUSE.swift), out of line
    /// so the usual path stays small: a command the pause holds waits it out, then faces the
    /// memory check again, as Redis reprocesses a postponed command (no eviction was done
    /// while the pause lasted); one whose wait was interrupted never runs.
    @inline(never)
    private func executeDuringPause(_ command: RegisteredCommand, _ argv: [Bytes], session: Session,
                                    startedAt: Int64) -> (reply: Reply, finishedAt: Int64) {
        var startedAt = startedAt
        if waitOutClientPause(before: command.metadata, session: session) {
            if clientPause != nil { return (Self.interruptedError, clock.nowMicroseconds) }
            startedAt = clock.nowMicroseconds
            if let refusal = memoryCheck(before: command.metadata, session: session) {
                return (refuse(refusal, command: command.metadata, session: session), startedAt)
            }
        }
        return queueOrCall(command, argv, session: session, startedAt: startedAt)
    }

    /// Commands that act at once even between MULTI and EXEC.
    static let runsInsideMulti: Set<String> = ["exec", "discard", "multi", "watch", "quit", "reset"]

    /// Refuses a command Redis had already looked up: counted as a rejected call of it (INFO
    /// commandstats), then as `reject`. Out of line: refusals are rare, and their code inlined
    /// three times over made the per-command path too big to stay in one function.
    @inline(never)
    private func refuse(_ error: Reply, command: CommandMetadata, session: Session) -> Reply {
        serverState.recordRejection(command)
        return reject(error, session: session)
    }

    /// Refuses a command before it runs; inside MULTI this dooms the transaction (EXECABORT).
    private func reject(_ error: Reply, session: Session) -> Reply {
        if session.isInTransaction { session.transactionHasErrors = true }
        stats.totalErrorReplies += 1
        if case .error(let message) = error { serverState.recordError(message) }
        return error
    }

    /// Calls a resolved command's handler and keeps the statistics. EXEC uses this to run
    /// its queued commands. `startedAt` is when the command began, in engine-clock
    /// microseconds (nil: now), for INFO commandstats and latencystats.
    public func call(_ command: RegisteredCommand, _ argv: [Bytes], session: Session, startedAt: Int64? = nil) -> Reply {
        call(command, argv, session: session, timedFrom: startedAt ?? clock.nowMicroseconds).reply
    }

    /// `call`, returning also the clock reading taken when the command finished.
    private func call(_ command: RegisteredCommand, _ argv: [Bytes], session: Session,
                      timedFrom started: Int64) -> (reply: Reply, finishedAt: Int64) {
        guard let handler = command.handler else { return (RedisError.unknownCommand(argv), started) }
        let context = CommandContext(engine: self, session: session, argv: argv, command: command.metadata)
        let reply: Reply
        let dirtyBefore = dirty
        persistence.commandStarting(context)
        do {
            reply = try handler(context)
        } catch {
            reply = error
        }
        persistence.commandFinished(context, reply: reply, dirtyBefore: dirtyBefore)
        stats.totalCommandsProcessed += 1
        if case .error = reply { stats.totalErrorReplies += 1 }
        let finished = clock.nowMicroseconds
        var ran = finished - started
        var trackLatency = config.latencyTracking
        if blockedMicroseconds != 0 {
            ran -= blockedMicroseconds
            blockedMicroseconds = 0
            trackLatency = false
        }
        serverState.recordCall(command.metadata, reply: reply, microseconds: ran, trackLatency: trackLatency)
        if ran >= config.slowCommandCutoff { noteSlowCommand(argv, command: command.metadata, microseconds: ran, session: session) }
        return (reply, finished)
    }
}
