#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CacheLabEngine
import CacheLabModels

/// Runs one input line the way redis-cli's read-eval-print loop does, for both the
/// interactive editor and piped input, so the two can never disagree.
///
/// In order (redis-cli's `repl`): an empty line is skipped; a line with unbalanced quotes
/// prints `Invalid argument(s)`; a blank line is skipped; a leading number is a repeat count;
/// `quit` and `exit` leave; `:name` runs a colon command; `clear` clears the screen; `help`
/// prints help; anything else goes to the engine, whose reply is printed. Replies that took
/// half a second or more are followed by their time, as redis-cli does in TTY output.
public final class LineProcessor {
    /// The engine lines go to; `:crash` and `:restart` replace it with a new one started on
    /// the same data folder (see `ServerRestart`).
    public internal(set) var engine: Engine
    /// The connection to `engine`; a restart opens a new one.
    public internal(set) var session: Session
    public var settings: ReplSettings
    public let colonCommands: ColonCommandTable
    public let helpTable: HelpTable
    /// Where replies are written; the caller flushes it.
    public var output: OutputBuffer
    /// Whether any command answered with an error (for `-e`).
    public private(set) var sawError = false
    /// When set, an error reply is written to stderr instead of as a reply, and ends the
    /// session: what redis-cli's `-e` does to a command given on its command line (see
    /// `OneShotCommand`).
    public var stopsAtErrorOnStandardError = false
    /// Something that writes below each reply (the live eviction view of `:viz on`).
    public var replyFollower: ReplyFollower?
    /// True once a command found the connection closed by the engine (CLIENT KILL of this
    /// session), until the next command connects again: redis-cli's `not connected>`.
    public private(set) var isDisconnected = false
    /// What redis-cli would believe about the connection: the database and transaction the
    /// prompt shows (see `PromptBelief`).
    public internal(set) var promptBelief = PromptBelief()
    /// Set by `:mode memcached`: lines then go to this memcached model session.
    public var memcachedSession: MemcachedTextSession?
    /// The memcached model the session talks to; it outlives `:mode redis` and `quit`, as a
    /// server outlives its connections (`:restart` replaces it with an empty one).
    public var memcachedServer: MemcachedStore?

    /// What the caller should do after a line.
    public struct Outcome: Equatable, Sendable {
        /// The line should go into the history (false for blank lines and secrets).
        public var recordInHistory = false
        /// The session is over (`quit`, `exit`, QUIT).
        public var exit = false
    }

    public init(
        engine: Engine, session: Session, settings: ReplSettings,
        output: OutputBuffer, colonCommands: ColonCommandTable = .standard, helpTable: HelpTable = .standard
    ) {
        self.engine = engine
        self.session = session
        promptBelief = PromptBelief(database: session.databaseIndex)
        self.settings = settings
        self.output = output
        self.colonCommands = colonCommands
        self.helpTable = helpTable
    }

    /// Processes one line (without its newline).
    @discardableResult
    public func process(line: [UInt8]) -> Outcome {
        line.withUnsafeBytes { process(line: $0) }
    }

    @discardableResult
    public func process(line: UnsafeRawBufferPointer) -> Outcome {
        var outcome = Outcome()
        // The C code sees a NUL-terminated string: a NUL byte ends the line.
        var line = line
        if let nul = line.firstIndex(of: 0) { line = UnsafeRawBufferPointer(rebasing: line[..<nul]) }
        if memcachedSession != nil, line.first != UInt8(ascii: ":") { return processMemcached(line: line) }
        if line.isEmpty { return outcome }

        guard let argv = Tokenizer.split(line) else {
            output.append("Invalid argument(s)\n")
            outcome.recordInHistory = true
            return outcome
        }
        if argv.isEmpty { return outcome }

        var repeatCount = 1
        var skip = 0
        switch RepeatPrefix.parse(argv) {
        case .none:
            break
        case .invalid:
            output.append(RepeatPrefix.invalidMessage)
            return outcome
        case .repeated(let count):
            repeatCount = count
            skip = 1
        }
        let command = skip == 0 ? argv : Array(argv.dropFirst())
        outcome.recordInHistory = !SensitiveCommands.contains(command)

        // Most lines are plain commands: look at the first letter before comparing words.
        let name = argv[0]
        switch firstLetter(name) {
        case UInt8(ascii: "q"), UInt8(ascii: "e"):
            if equalsIgnoringCase(name, "quit") || equalsIgnoringCase(name, "exit") {
                outcome.exit = true
                return outcome
            }
        case UInt8(ascii: ":"):
            runColon(argv)
            return outcome
        case UInt8(ascii: "r"):
            if equalsIgnoringCase(name, "restart") {
                output.append("Use 'restart' only in Lua debugging mode.\n")
                return outcome
            }
        case UInt8(ascii: "c"):
            if argv.count == 1 && equalsIgnoringCase(name, "clear") {
                output.append("\u{1b}[H\u{1b}[2J")
                return outcome
            }
        default:
            break
        }

        let measure = settings.format == .tty || settings.showTiming
        let start = measure ? Self.monotonicMicroseconds() : 0
        let verb = firstLetter(command[0])
        if (verb == UInt8(ascii: "h") && equalsIgnoringCase(command[0], "help"))
            || (verb == UInt8(ascii: "?") && command[0].count == 1) {
            output.append(HelpText.output(for: Array(command.dropFirst()), table: helpTable))
        } else if reconnectIfClosed() {
            outcome.exit = execute(command, times: repeatCount)
        }
        guard measure else { return outcome }
        let elapsed = Self.monotonicMicroseconds() - start
        if elapsed >= 500_000 && settings.format == .tty {
            output.append(Self.redisCLIElapsed(microseconds: elapsed))
        }
        if settings.showTiming {
            output.append(Self.timingLine(microseconds: elapsed))
        }
        return outcome
    }

    /// Sends `argv` to the engine `times` times, printing each reply. Returns true when the
    /// session asked to close (QUIT) or the engine shut down (SHUTDOWN, which Redis never
    /// answers: redis-cli just sees the connection close, and prints nothing).
    func execute(_ argv: [Bytes], times: Int) -> Bool {
        let formatter = settings.formatter
        let rawStrings = ReplyFormatter.printsRawStrings(argv)
        for _ in 0..<times {
            engine.cron()
            CommandInterrupts.clear()
            engine.isInterrupted = { CommandInterrupts.isRequested }
            let reply = engine.execute(argv, session: session)
            if engine.isShutDown { return true }
            if reply == Engine.interruptedError {
                // Abandoned with Ctrl-C (see CommandInterrupts): no reply, no more repeats.
                output.append(UInt8(ascii: "\n"))
                break
            }
            if case .error(let message) = reply {
                sawError = true
                if stopsAtErrorOnStandardError {
                    output.flush()
                    OutputBuffer.writeErrorLine(message.preservedBytes)
                    return true
                }
            }
            let received = reply.asReceived(byProtocol: session.protocolVersion)
            promptBelief.observe(argv, reply: received)
            formatter.write(received, rawStrings: rawStrings, into: &output)
            replyFollower?.afterReply(into: &output)
            output.flushIfFull()
            if session.wantsToClose {
                // Only a QUIT with a repeat count gets here (a plain `quit` line leaves before
                // reaching the engine): redis-cli sends it, prints its OK, and finds the
                // connection closed at the next command, as after CLIENT KILL.
                session.wantsToClose = false
                session.isClosedByServer = true
            }
            if session.isClosedByServer { break }
        }
        return false
    }

    /// redis-cli's handling of a connection the server closed (here, CLIENT KILL of this
    /// session): the first command after it fails with `Error: Server closed the connection`
    /// on stderr and is lost; the one after connects again and runs. redis-cli believes it is
    /// still on the database its prompt shows, so it sends no SELECT: the new connection is
    /// on database 0 (see `PromptBelief`). Returns whether the command may run now.
    private func reconnectIfClosed() -> Bool {
        if isDisconnected {
            connectAgain()
            isDisconnected = false
            return true
        }
        guard session.isClosedByServer else { return true }
        output.flush()
        OutputBuffer.writeErrorLine("Error: Server closed the connection".utf8)
        isDisconnected = true
        return false
    }

    @inline(__always) private func firstLetter(_ word: Bytes) -> UInt8 {
        word.isEmpty ? 0 : asciiLower(word[0])
    }

    private func runColon(_ argv: [Bytes]) {
        let words = argv.map(\.string)
        switch colonCommands.run(words, repl: self) {
        case .output(let text):
            output.append(text)
        case .failure(let text):
            sawError = true
            output.append(text)
        }
    }

    // MARK: Time

    static func monotonicMicroseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1_000_000 + Int64(now.tv_nsec) / 1000
    }

    /// redis-cli's `(0.52s)` line: the milliseconds it measured, as seconds with two decimals.
    static func redisCLIElapsed(microseconds: Int64) -> String {
        let milliseconds = microseconds / 1000
        let hundredths = (milliseconds + 5) / 10
        let fraction = String(hundredths % 100 + 100).dropFirst()
        return "(\(hundredths / 100).\(fraction)s)\n"
    }

    /// The `:timing on` line.
    static func timingLine(microseconds: Int64) -> String {
        let fraction = String(microseconds % 1000 + 1000).dropFirst()
        return "(took \(microseconds / 1000).\(fraction) ms)\n"
    }
}
