#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import CacheLabEngine
import CacheLabTerminal

/// `--raw`, `--no-raw`, `--csv`, `--json` or `--quoted-json`; given several, the last one
/// wins, as in redis-cli.
enum ReplyFormatFlag: String, EnumerableFlag {
    case raw, noRaw, csv, json, quotedJson

    static func help(for value: ReplyFormatFlag) -> ArgumentHelp? {
        switch value {
        case .raw: "Print raw replies (the default when stdout is not a terminal)."
        case .noRaw: "Print replies in redis-cli's terminal format even into a pipe."
        case .csv: "Print each reply as a line of comma-separated values."
        case .json: "Print each reply as JSON (in RESP3 unless -2 is given)."
        case .quotedJson: "Like --json, with ASCII-safe quoted strings."
        }
    }

    var outputFormat: OutputFormat {
        switch self {
        case .raw: .raw
        case .noRaw: .tty
        case .csv: .csv
        case .json: .json
        case .quotedJson: .quotedJSON
        }
    }
}

/// The REPL's options, shared by `cachelab` and `cachelab repl`; named after redis-cli's.
struct ReplOptions: ParsableArguments {
    @Flag(exclusivity: .chooseLast)
    var replyFormat: ReplyFormatFlag?

    /// The chosen format, else redis-cli's default: its terminal form on a terminal, raw
    /// into a pipe or a file.
    var outputFormat: OutputFormat {
        replyFormat?.outputFormat ?? (isatty(STDOUT_FILENO) == 1 ? .tty : .raw)
    }

    @Option(name: .customShort("d"), parsing: .unconditional, help: ArgumentHelp(
        "Delimiter between the elements of an array in raw form (default: a newline).", valueName: "delimiter"))
    var elementDelimiter: String?

    @Option(name: .customShort("D"), parsing: .unconditional, help: ArgumentHelp(
        "Delimiter after each reply in raw form (default: a newline).", valueName: "delimiter"))
    var replyDelimiter: String?

    @Flag(name: .customShort("e"), help: "With piped input, exit with status 1 if any command failed.")
    var exitOnError = false

    @Option(name: .customLong("dir"), help: ArgumentHelp(
        "Folder of the dump and the AOF (default: $XDG_DATA_HOME/cachelab, else ~/.local/share/cachelab).", valueName: "dir"))
    var directory: String?

    @Flag(name: .customShort("2"), help: "Start the session in RESP2 protocol mode (the default).")
    var resp2 = false

    @Flag(name: .customShort("3"), help: "Start the session in RESP3 protocol mode, as HELLO 3 would.")
    var resp3 = false

    @Option(name: .customShort("n"), parsing: .unconditional, help: ArgumentHelp(
        "Database number to start on, as redis-cli -n selects it.", valueName: "db"))
    var database: String?

    @Option(name: .customShort("r"), parsing: .unconditional, help: ArgumentHelp(
        "Run the command given on the command line this many times (forever when negative).", valueName: "count"))
    var repeatCount: String?

    @Flag(name: .customShort("x"), help: "Read the last argument of the command from standard input.")
    var lastArgumentFromStandardInput = false

    @Flag(name: .customLong("pipe"), help: "Run the protocol (or commands, one per line) read from standard input, printing only errors and a count of the replies, as redis-cli --pipe does for mass insertion.")
    var pipe = false

    @Option(name: .customLong("pipe-timeout"), help: ArgumentHelp(
        "The seconds named when --pipe's last reply never comes (redis-cli waits them; here nothing can come later).", valueName: "seconds"))
    var pipeTimeout = 30

    @Flag(name: .customLong("scan"), help: "List every key name with SCAN, one per line, as redis-cli --scan does.")
    var scan = false

    @Option(name: .customLong("pattern"), help: ArgumentHelp("With --scan, only the keys matching this glob.", valueName: "pattern"))
    var pattern: String?

    @Option(name: .customLong("quoted-pattern"), help: ArgumentHelp(
        "Like --pattern, written as a quoted string with escapes (\"key:\\x00*\").", valueName: "pattern"))
    var quotedPattern: String?

    @Flag(name: .customLong("ephemeral"), help: "A throwaway in-memory session: load nothing, save nothing.")
    var ephemeral = false

    @Option(name: .customLong("seed"), help: "Seed of the engine's random choices (RANDOMKEY, SPOP, eviction samples).")
    var seed: UInt64 = 0x5EED

    /// The command given on the command line (`cachelab SET greeting hello`), run once
    /// instead of the REPL; `StartupConfiguration` takes it out before ArgumentParser parses.
    var command: [Bytes]? { StartupConfiguration.command }

    /// `--pattern` or `--quoted-pattern` (the last one given), as bytes; `.failure` when the
    /// quoted one is not exactly one quoted string.
    var scanPattern: Result<Bytes?, ValidationError> {
        guard let quoted = quotedPattern, StartupConfiguration.lastPatternIsQuoted else {
            return .success(pattern.map { Bytes($0) })
        }
        guard let words = Tokenizer.split(quoted), words.count == 1 else {
            return .failure(ValidationError("Invalid quoted string specified for --quoted-pattern."))
        }
        return .success(words[0])
    }

    func validate() throws {
        if ephemeral && directory != nil {
            throw ValidationError("--ephemeral and --dir cannot be used together.")
        }
    }
}

/// Starts the engine and runs the interactive or the piped REPL.
enum ReplRunner {
    static func run(_ options: ReplOptions) throws {
        signal(SIGPIPE, SIG_IGN)  // a closed pipe is a failed write, not a crash
        if options.resp2 && options.resp3 { fail("options -2 and -3 are mutually exclusive") }
        if case .failure(let error) = options.scanPattern {
            // redis-cli's words and status, before anything starts.
            _ = "\(error.message)\n".withCString { write(STDERR_FILENO, $0, strlen($0)) }
            exit(1)
        }
        let interactive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1

        let environment = environmentVariables()
        let (config, temporaryFolder) = try startupConfig(options, environment: environment)
        let engine = Engine(clock: .system(), seed: options.seed, config: config)
        var summary: PersistenceManager.LoadSummary?
        if !options.ephemeral {
            do {
                summary = try engine.persistence.loadAtStartup()
            } catch {
                // Never start (and later save over) a dump that could not be read.
                fail("cannot load the data in \(config.directory): \(error)")
            }
        }
        let session = connect(options, to: engine)
        let processor = LineProcessor(
            engine: engine,
            session: session,
            settings: settings(options),
            output: OutputBuffer(fileDescriptor: STDOUT_FILENO)
        )

        var failed = false
        if options.pipe {
            let status = PipeMode.run(engine: engine, session: session, timeoutSeconds: options.pipeTimeout)
            finish(options, engine: engine, temporaryFolder: temporaryFolder)
            throw ExitCode(status)
        } else if options.scan, case .success(let pattern) = options.scanPattern {
            ScanMode.run(engine: engine, session: session, pattern: pattern, format: options.outputFormat)
        } else if var command = options.command {
            if options.lastArgumentFromStandardInput { command.append(OneShotCommand.readStandardInput()) }
            let repeats = options.repeatCount.map { Int64(strtoll($0, nil, 10)) } ?? 1
            failed = OneShotCommand.run(command, times: repeats, processor: processor, errorsToStandardError: options.exitOnError)
        } else if interactive {
            print(banner(options, engine: engine, summary: summary))
            let history = HistoryFile(path: HistoryFile.path(environment: environment))
            CommandInterrupts.catchDuringCommands()
            _ = InteractiveSession.run(processor: processor, history: history)
        } else {
            failed = PipedSession.run(processor: processor)
        }
        finish(options, engine: processor.engine, temporaryFolder: temporaryFolder)  // `:crash` and `:restart` replace the engine
        if options.exitOnError && failed { throw ExitCode(1) }
    }

    /// How replies are printed: the format and, for raw form, `-d` and `-D`'s delimiters.
    static func settings(_ options: ReplOptions) -> ReplSettings {
        var settings = ReplSettings(format: options.outputFormat)
        if let delimiter = options.elementDelimiter { settings.elementDelimiter = Bytes(delimiter) }
        if let delimiter = options.replyDelimiter { settings.replyDelimiter = Bytes(delimiter) }
        return settings
    }

    /// A session opened the way redis-cli connects: `-n`'s SELECT, then HELLO 3 for `-3`,
    /// or for `--json` and `--quoted-json` unless `-2` is given (the server counts both in
    /// its statistics).
    static func connect(_ options: ReplOptions, to engine: Engine) -> Session {
        let session = engine.makeSession()
        if let database = options.database {
            selectAtStart(database, engine: engine, session: session)
        }
        let jsonWantsRESP3 = StartupConfiguration.asksForJSON && !options.resp2
        if options.resp3 || jsonWantsRESP3 {
            _ = engine.execute(["HELLO", "3"], session: session)
        }
        return session
    }

    /// What redis-cli -n does on connecting: the number is read as C's `atoi` reads it
    /// (`abc` is 0), database 0 sends nothing, and a SELECT that fails is reported on stderr
    /// while the session goes on, on database 0.
    static func selectAtStart(_ database: String, engine: Engine, session: Session) {
        let number = Int32(truncatingIfNeeded: strtol(database, nil, 10))
        guard number != 0 else { return }
        let reply = engine.execute(["SELECT", Bytes(String(number).utf8)], session: session)
        if case .error(let message) = reply {
            var errors = OutputBuffer(fileDescriptor: STDERR_FILENO)
            errors.append("SELECT \(number) failed: ")
            errors.append(contentsOf: message.preservedBytes)
            errors.append(0x0A)
            errors.flush()
        }
    }

    /// The configuration the engine starts with: defaults, then the `--name value` pairs, then
    /// the data folder (`--dir`, the per-user default, or a temporary one with `--ephemeral`).
    static func startupConfig(_ options: ReplOptions, environment: [String: String]) throws -> (Config, temporaryFolder: String?) {
        let config = Config()
        for (name, value) in StartupConfiguration.pairs {
            do {
                try config.setAtStartup(name, value)
            } catch {
                guard case .error(let text) = error.reply else { fail("bad --\(name) \"\(value)\"") }
                fail("bad --\(name) \"\(value)\": \(text.hasPrefix("ERR ") ? String(text.dropFirst(4)) : text)")
            }
        }
        let directory: String
        if options.ephemeral {
            guard let temporary = DataDirectory.makeTemporary() else { fail("cannot create a temporary folder") }
            directory = temporary
            try? config.setAtStartup("save", "")
            try? config.setAtStartup("appendonly", "no")
        } else {
            guard let chosen = options.directory ?? DataDirectory.defaultPath(environment: environment) else {
                fail("no data folder: set HOME or XDG_DATA_HOME, or pass --dir or --ephemeral")
            }
            if let problem = DataDirectory.create(chosen) { fail(problem) }
            directory = Config.resolvedPath(chosen) ?? chosen
        }
        do {
            try config.setAtStartup("dir", directory)
        } catch {
            fail("cannot use \(directory) as the data folder")
        }
        return (config, options.ephemeral ? directory : nil)
    }

    /// The first lines of an interactive session: where the data lives and what was loaded.
    static func banner(_ options: ReplOptions, engine: Engine, summary: PersistenceManager.LoadSummary?) -> String {
        var text = "CacheLab 0.1.0 (Redis 7.0.15 compatible)\n"
        if options.ephemeral {
            text += "Ephemeral session: data lives in memory only and is gone when you quit."
            return text
        }
        text += ServerRestart.dataLine(engine, loaded: summary)
        text += engine.config.savePoints.isEmpty
            ? "\nSave points are off (save \"\"): nothing is saved at exit; use SAVE."
            : "\nSaved at exit and by the save points; SAVE writes it now."
        return text
    }

    /// At a clean exit: the dump is saved when save points are set and the AOF is synced (as a
    /// Redis server does on shutdown, see `ServerRestart.shutDown`); an ephemeral session's
    /// temporary folder is removed.
    static func finish(_ options: ReplOptions, engine: Engine, temporaryFolder: String?) {
        // The ephemeral folder is the one made at start: CONFIG SET dir may have moved `dir`.
        if engine.isShutDown {
            // SHUTDOWN already saved what it had to and closed the AOF.
            if let temporaryFolder { DataDirectory.removeTemporary(temporaryFolder) }
            return
        }
        if let temporaryFolder {
            engine.persistence.stopAppendOnly()
            DataDirectory.removeTemporary(temporaryFolder)
            return
        }
        do {
            _ = try ServerRestart.shutDown(engine)
        } catch {
            engine.persistence.stopAppendOnly()
            let message = "cachelab: could not save the data at exit: \(error)\n"
            _ = message.withCString { write(STDERR_FILENO, $0, strlen($0)) }
        }
    }

    static func fail(_ message: String) -> Never {
        let line = "cachelab: \(message)\n"
        _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
        exit(1)
    }

    /// The environment as a dictionary, without Foundation.
    static func environmentVariables() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}
