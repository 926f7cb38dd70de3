#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import CacheLabEngine
import CacheLabTerminal

/// `cachelab repl` (the default): the interactive or piped REPL.
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Run Redis commands in the REPL (the default when no subcommand is given)."
    )

    @Flag(name: .customLong("raw"), help: "Print raw replies (the default when stdout is not a terminal).")
    var raw = false

    @Flag(name: .customLong("no-raw"), help: "Print replies in redis-cli's terminal format even into a pipe.")
    var noRaw = false

    @Flag(name: .customShort("e"), help: "Exit with status 1 if any command failed (piped input).")
    var exitOnError = false

    @Option(name: .customLong("dir"), help: ArgumentHelp("Data directory (reserved; nothing is written yet).", valueName: "dir"))
    var directory: String?

    @Option(name: .customLong("seed"), help: "Seed of the engine's random choices (RANDOMKEY, SPOP, eviction).")
    var seed: UInt64 = 0x5EED

    func validate() throws {
        if raw && noRaw {
            throw ValidationError("--raw and --no-raw cannot be used together.")
        }
    }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let interactive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        let format: OutputFormat
        if raw {
            format = .raw
        } else if noRaw {
            format = .tty
        } else {
            format = isatty(STDOUT_FILENO) == 1 ? .tty : .raw
        }

        let engine = Engine(clock: .system(), seed: seed)
        let processor = LineProcessor(
            engine: engine,
            session: engine.makeSession(),
            settings: ReplSettings(format: format),
            output: OutputBuffer(fileDescriptor: STDOUT_FILENO)
        )

        let failed: Bool
        if interactive {
            let environment = ProcessInfoEnvironment.current
            let history = HistoryFile(path: HistoryFile.path(environment: environment))
            failed = InteractiveSession.run(processor: processor, history: history)
        } else {
            failed = PipedSession.run(processor: processor)
        }
        if exitOnError && failed && !interactive {
            throw ExitCode(1)
        }
    }
}

/// The environment as a dictionary, without Foundation.
enum ProcessInfoEnvironment {
    static var current: [String: String] {
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
