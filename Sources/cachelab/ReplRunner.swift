#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import CacheLabEngine
import CacheLabTerminal

/// Starts the engine and runs what the options ask for: the REPL, one command, `--pipe`, or
/// a survey of the keyspace (`--bigkeys`, `--memkeys`, `--hotkeys`, `--scan`).
enum ReplRunner {
    static func run(_ options: ReplOptions) throws {
        signal(SIGPIPE, SIG_IGN)  // a closed pipe is a failed write, not a crash
        checkOptions(options)
        // Built before anything starts, so that a refusal leaves nothing behind.
        let command = options.command.map { commandWords($0, options: options) }
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
        let processor = LineProcessor(
            engine: engine,
            session: connect(options, to: engine),
            settings: settings(options),
            output: OutputBuffer(fileDescriptor: STDOUT_FILENO)
        )
        let status = runMode(options, command: command, processor: processor, summary: summary, environment: environment)
        finish(options, engine: processor.engine, temporaryFolder: temporaryFolder)  // `:crash` and `:restart` replace the engine
        if status != 0 { throw ExitCode(status) }
    }

    /// Refuses what redis-cli refuses before it connects, with its words and status.
    static func checkOptions(_ options: ReplOptions) {
        if options.resp2 && options.resp3 { refuse("Options -2 and -3 are mutually exclusive.\n") }
        if options.lastArgumentFromStandardInput && options.standardInputTag != nil {
            refuse("Options -x and -X are mutually exclusive.\n")
        }
        if case .failure(let error) = options.scanPattern { refuse("\(error.message)\n") }
    }

    private static func refuse(_ message: String, to stream: Int32 = STDERR_FILENO) -> Never {
        _ = message.withCString { write(stream, $0, strlen($0)) }
        exit(1)
    }

    /// The words of a command given on the command line as redis-cli builds them: each one
    /// unquoted with `--quoted-input`, then standard input as one more word (`-x`) or in place
    /// of the word `-X` names.
    static func commandWords(_ command: [Bytes], options: ReplOptions) -> [Bytes] {
        var words = command
        if options.quotedInput {
            words = command.map { word in
                guard let unquoted = Tokenizer.split(word.withUnsafeBytes { Array($0) }), unquoted.count == 1 else {
                    refuse("Invalid quoted string\n", to: STDOUT_FILENO)
                }
                return unquoted[0]
            }
        }
        if options.lastArgumentFromStandardInput {
            words.append(OneShotCommand.readStandardInput())
        } else if let tag = options.standardInputTag {
            guard let index = words.firstIndex(of: Bytes(tag)) else {
                refuse("Using -X option but stdin tag not match.\n")
            }
            words[index] = OneShotCommand.readStandardInput()
        }
        return words
    }

    /// Runs the mode the options pick, in redis-cli's order: `--pipe`, `--bigkeys`,
    /// `--memkeys`, `--hotkeys`, `--scan`, a command given on the command line, else the
    /// REPL, interactive on a terminal and reading lines otherwise. Returns the exit status.
    static func runMode(_ options: ReplOptions, command: [Bytes]?, processor: LineProcessor,
                        summary: PersistenceManager.LoadSummary?, environment: [String: String]) -> Int32 {
        let failed: Bool
        let pattern = (try? options.scanPattern.get()) ?? nil  // checkOptions refused a bad one
        if options.pipe {
            return PipeMode.run(engine: processor.engine, session: processor.session, timeoutSeconds: options.pipeTimeout)
        } else if options.bigKeys || options.memKeys || options.memKeysSamples != nil {
            // --bigkeys comes first in redis-cli; --memkeys-samples is --memkeys (atoi'd).
            let measure: BigKeysMode.Measure = options.bigKeys
                ? .elements : .memory(samples: options.memKeysSamples.map { atoi($0) } ?? 0)
            BigKeysMode.run(engine: processor.engine, session: processor.session, pattern: pattern, measure: measure,
                            interval: options.intervalSeconds)
            return 0
        } else if options.hotKeys {
            return HotKeysMode.run(engine: processor.engine, session: processor.session, pattern: pattern, interval: options.intervalSeconds)
        } else if options.scan {
            ScanMode.run(engine: processor.engine, session: processor.session, pattern: pattern, format: options.outputFormat,
                         interval: options.intervalSeconds)
            return 0
        } else if let command {
            let repeats = options.repeatCount.map { Int64(strtoll($0, nil, 10)) } ?? 1
            failed = OneShotCommand.run(command, times: repeats, interval: options.intervalSeconds,
                                        processor: processor, errorsToStandardError: options.exitOnError)
        } else if isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 {
            print(banner(options, engine: processor.engine, summary: summary))
            // Closing the terminal window sends SIGHUP, which would kill the session before it
            // saves, losing what a Redis server would have kept. Ignored, it lets the next read
            // of the gone terminal fail, and the session ends as at Ctrl-D: saved.
            signal(SIGHUP, SIG_IGN)
            let history = HistoryFile(path: HistoryFile.path(environment: environment))
            CommandInterrupts.catchDuringCommands()
            _ = InteractiveSession.run(processor: processor, history: history)
            failed = false
        } else {
            failed = PipedSession.run(processor: processor)
        }
        return options.exitOnError && failed ? 1 : 0
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
            OutputBuffer.writeErrorLine(Array("SELECT \(number) failed: ".utf8) + message.preservedBytes)
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
