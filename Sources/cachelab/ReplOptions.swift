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

    @Flag(name: .customShort("e"), help: "Exit with status 1 if a command failed (a command given on the command line prints its error to stderr).")
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

    @Option(name: .customShort("i"), parsing: .unconditional, help: ArgumentHelp(
        "With -r, wait this many seconds after each run (and with --scan, after each SCAN).", valueName: "interval"))
    var interval: String?

    /// `-i` in seconds, read as C's `atof` reads it (`abc` is 0); never negative.
    var intervalSeconds: Double { max(0, interval.map { atof($0) } ?? 0) }

    @Flag(name: .customShort("x"), help: "Read the last argument of the command from standard input.")
    var lastArgumentFromStandardInput = false

    @Option(name: .customShort("X"), parsing: .unconditional, help: ArgumentHelp(
        "Read from standard input the argument of the command that is this tag.", valueName: "tag"))
    var standardInputTag: String?

    @Flag(name: .customLong("quoted-input"), help: "Read each word of the command as a quoted string with escapes (\"a\\x00b\").")
    var quotedInput = false

    @Flag(name: .customLong("pipe"), help: "Run the protocol (or commands, one per line) read from standard input, printing only errors and a count of the replies, as redis-cli --pipe does for mass insertion.")
    var pipe = false

    @Option(name: .customLong("pipe-timeout"), help: ArgumentHelp(
        "The seconds named when --pipe's last reply never comes (redis-cli waits them; here nothing can come later).", valueName: "seconds"))
    var pipeTimeout = 30

    @Flag(name: .customLong("bigkeys"), help: "Survey the keyspace for the keys with the most elements, as redis-cli --bigkeys does.")
    var bigKeys = false

    @Flag(name: .customLong("memkeys"), help: "Survey the keyspace for the keys that use the most memory, as redis-cli --memkeys does.")
    var memKeys = false

    @Option(name: .customLong("memkeys-samples"), parsing: .unconditional, help: ArgumentHelp(
        "Like --memkeys, with MEMORY USAGE's SAMPLES set to this.", valueName: "n"))
    var memKeysSamples: String?

    @Flag(name: .customLong("hotkeys"), help: "Search the keyspace for the most used keys (under an LFU maxmemory-policy), as redis-cli --hotkeys does.")
    var hotKeys = false

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
