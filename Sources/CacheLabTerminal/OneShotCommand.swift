import CacheLabEngine

/// `cachelab SET greeting hello`: one command taken from the command line and run once, the
/// way `redis-cli SET greeting hello` runs it, for shell scripts and one-off questions.
///
/// redis-cli's non-interactive mode differs from its read-eval-print loop, and so does this:
/// - The words arrive already split by the shell, so nothing is unquoted or unescaped, and
///   every byte of an argument is kept.
/// - Only HELP (and `?`) is answered by the client. A leading number is not a repeat count,
///   and `quit`, `clear` and `:colon` words are sent to the engine like any other command.
/// - No `(1.23s)` follows a slow reply: redis-cli prints that only in its loop.
/// - With `-e`, an error reply is not printed as a reply: its text goes to stderr on a line
///   of its own and the exit status is 1. Without `-e`, the error prints like any reply and
///   the status stays 0.
public enum OneShotCommand {
    /// Runs `argv` on the processor's engine and flushes what it printed. Returns whether
    /// the command answered with an error.
    public static func run(_ argv: [Bytes], processor: LineProcessor, errorsToStandardError: Bool) -> Bool {
        defer { processor.output.flush() }
        guard let name = argv.first else { return false }
        if equalsIgnoringCase(name, "help") || name == Bytes("?".utf8) {
            processor.output.append(HelpText.output(for: Array(argv.dropFirst()), table: processor.helpTable))
            return false
        }
        processor.stopsAtErrorOnStandardError = errorsToStandardError
        _ = processor.execute(argv, times: 1)
        return processor.sawError
    }
}
