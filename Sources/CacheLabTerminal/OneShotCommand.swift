#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CacheLabEngine

/// `cachelab SET greeting hello`: one command taken from the command line and run, the way
/// `redis-cli SET greeting hello` runs it, for shell scripts and one-off questions.
///
/// redis-cli's non-interactive mode differs from its read-eval-print loop, and so does this:
/// - The words arrive already split by the shell, so nothing is unquoted or unescaped, and
///   every byte of an argument is kept. With `-x`, standard input, read to its end, is one
///   more argument (`cat photo.jpg | cachelab -x SET photo`).
/// - Only HELP (and `?`) is answered by the client. A leading number is not a repeat count,
///   and `quit`, `clear` and `:colon` words are sent to the engine like any other command.
///   `-r <count>` repeats the command instead; a negative count repeats it until stopped,
///   and `-i <seconds>` waits after each run.
/// - No `(1.23s)` follows a slow reply: redis-cli prints that only in its loop.
/// - With `-e`, an error reply is not printed as a reply: its text goes to stderr on a line
///   of its own and the exit status is 1. Without `-e`, the error prints like any reply and
///   the status stays 0.
public enum OneShotCommand {
    /// Runs `argv` `times` times (forever when negative) on the processor's engine, printing
    /// each reply as it comes. Returns whether a reply was an error.
    public static func run(_ argv: [Bytes], times: Int64 = 1, interval: Double = 0, processor: LineProcessor,
                           errorsToStandardError: Bool) -> Bool {
        defer { processor.output.flush() }
        guard let name = argv.first else { return false }
        if equalsIgnoringCase(name, "help") || name == Bytes("?".utf8) {
            processor.output.append(HelpText.output(for: Array(argv.dropFirst()), table: processor.helpTable))
            return false
        }
        processor.stopsAtErrorOnStandardError = errorsToStandardError
        var done: Int64 = 0
        while times < 0 || done < times {
            let sessionOver = processor.execute(argv, times: 1)
            processor.output.flush()
            if sessionOver || processor.output.writeFailed || processor.session.isClosedByServer { break }
            done += 1
            if interval > 0 { ScanMode.pause(seconds: interval) }
        }
        return processor.sawError
    }

    /// All of standard input, for `-x`: every byte, the last newline included, as redis-cli
    /// reads it.
    public static func readStandardInput() -> Bytes {
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count > 0 {
                data += chunk[..<count]
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                break
            }
        }
        return Bytes(data)
    }
}
