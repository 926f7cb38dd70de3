#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import CacheLabEngine
import CacheLabTerminal

/// The REPL's options, shared by `cachelab` and `cachelab repl`; named after redis-cli's.
struct ReplOptions: ParsableArguments {
    @Flag(name: .customLong("raw"), help: "Print raw replies (the default when stdout is not a terminal).")
    var raw = false

    @Flag(name: .customLong("no-raw"), help: "Print replies in redis-cli's terminal format even into a pipe.")
    var noRaw = false

    @Flag(name: .customShort("e"), help: "With piped input, exit with status 1 if any command failed.")
    var exitOnError = false

    @Option(name: .customLong("dir"), help: ArgumentHelp("Data directory (reserved: nothing is written yet).", valueName: "dir"))
    var directory: String?

    @Option(name: .customLong("seed"), help: "Seed of the engine's random choices (RANDOMKEY, SPOP, eviction samples).")
    var seed: UInt64 = 0x5EED

    func validate() throws {
        if raw && noRaw {
            throw ValidationError("--raw and --no-raw cannot be used together.")
        }
    }
}

/// Starts the engine and runs the interactive or the piped REPL.
enum ReplRunner {
    static func run(_ options: ReplOptions) throws {
        signal(SIGPIPE, SIG_IGN)  // a closed pipe is a failed write, not a crash
        let interactive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        let format: OutputFormat
        if options.raw {
            format = .raw
        } else if options.noRaw {
            format = .tty
        } else {
            format = isatty(STDOUT_FILENO) == 1 ? .tty : .raw
        }

        let engine = Engine(clock: .system(), seed: options.seed)
        let processor = LineProcessor(
            engine: engine,
            session: engine.makeSession(),
            settings: ReplSettings(format: format),
            output: OutputBuffer(fileDescriptor: STDOUT_FILENO)
        )

        if interactive {
            let history = HistoryFile(path: HistoryFile.path(environment: environmentVariables()))
            _ = InteractiveSession.run(processor: processor, history: history)
        } else {
            let failed = PipedSession.run(processor: processor)
            if options.exitOnError && failed { throw ExitCode(1) }
        }
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
