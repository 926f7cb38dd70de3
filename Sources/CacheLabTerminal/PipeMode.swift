#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CacheLabEngine

/// `cachelab --pipe < data`: mass insertion as `redis-cli --pipe` does it.
///
/// redis-cli sends standard input to the server as it is (the protocol's multibulk form,
/// or inline commands, which the server also accepts; see `RequestStream`) and counts the
/// replies without printing them, except errors, which go to stderr. To know when the last
/// reply has come back, it appends `ECHO` of 20 random bytes to the data and waits for that
/// echo. Then it prints how many replies and errors there were, and exits with status 1 if
/// there was an error.
///
/// The same trick works here, with the same results in the odd cases: a last line without
/// a newline still runs, because the ECHO starts with `\r\n`; a last command cut short
/// swallows the ECHO, so the echo never comes and redis-cli would give up after
/// `--pipe-timeout` seconds (here at once, with its message); a protocol error, QUIT or
/// SHUTDOWN closes the connection, and redis-cli leaves without a summary.
public enum PipeMode {
    /// Runs the whole input and returns the exit status.
    public static func run(engine: Engine, session: Session, input: Int32 = STDIN_FILENO, timeoutSeconds: Int = 30) -> Int32 {
        var run = Run(engine: engine, session: session)
        return run.start(input: input, timeoutSeconds: timeoutSeconds)
    }

    private struct Run {
        let engine: Engine
        let session: Session
        var output = OutputBuffer(fileDescriptor: STDOUT_FILENO)
        var errorOutput = OutputBuffer(fileDescriptor: STDERR_FILENO)
        var buffer: [UInt8] = []
        var position = 0
        var endOfInput = false
        var replies = 0
        var errors = 0
        let magic = (0..<20).map { _ in UInt8.random(in: 0...255) }

        init(engine: Engine, session: Session) {
            self.engine = engine
            self.session = session
        }

        mutating func start(input: Int32, timeoutSeconds: Int) -> Int32 {
            defer {
                output.flush()
                errorOutput.flush()
            }
            while true {
                readAhead(from: input)
                switch runBufferedCommands() {
                case .lastReply:
                    output.append("Last reply received from server.\n")
                    return summary()
                case .connectionClosed:
                    return 1
                case .needMore:
                    break
                }
                if endOfInput {
                    errorOutput.append("No replies for \(timeoutSeconds) seconds: exiting.\n")
                    errors += 1
                    return summary()
                }
            }
        }

        private enum Progress { case needMore, lastReply, connectionClosed }

        /// Runs every whole command in the buffer.
        private mutating func runBufferedCommands() -> Progress {
            let maxBulkLength = Int(clamping: engine.config.protoMaxBulkLength)
            while true {
                var cursor = position
                let next = buffer.withUnsafeBytes { RequestStream.next(in: $0, at: &cursor, maxBulkLength: maxBulkLength) }
                position = cursor
                switch next {
                case .incomplete:
                    return .needMore
                case .nothing:
                    continue
                case .protocolError(let reply):
                    report(reply)
                    return .connectionClosed
                case .command(let argv):
                    engine.cron()
                    let reply = engine.execute(argv, session: session)
                    if endOfInput, case .bulk(let data) = reply, data == Bytes(magic) {
                        return .lastReply
                    }
                    replies += 1
                    report(reply)
                    if engine.isShutDown || session.wantsToClose || session.isClosedByServer { return .connectionClosed }
                }
            }
        }

        private mutating func report(_ reply: Reply) {
            guard case .error(let message) = reply else { return }
            errors += 1
            errorOutput.append(contentsOf: message.preservedBytes)
            errorOutput.append(0x0A)
            errorOutput.flushIfFull()
        }

        /// Reads at least once more (what is left in the buffer is an unfinished command), and
        /// on until 64 kB wait in the buffer or the input ends; at its end, appends the ECHO
        /// that marks the last reply. redis-cli sends its input while replies come back, so a
        /// small input is all sent, and "All data transferred" printed, before the first reply
        /// is read: reading ahead keeps that order here.
        private mutating func readAhead(from input: Int32) {
            if position > 0 {
                buffer.removeSubrange(0..<position)
                position = 0
            }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            var readSome = false
            while !endOfInput && (!readSome || buffer.count < chunk.count) {
                let count = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
                if count > 0 {
                    buffer += chunk[..<count]
                    readSome = true
                } else if count == 0 || errno != EINTR {
                    markEndOfInput()
                }
            }
        }

        private mutating func markEndOfInput() {
            endOfInput = true
            output.append("All data transferred. Waiting for the last reply...\n")
            buffer += Array("\r\n*2\r\n$4\r\nECHO\r\n$20\r\n".utf8) + magic + Array("\r\n".utf8)
        }

        private mutating func summary() -> Int32 {
            output.append("errors: \(errors), replies: \(replies)\n")
            return errors > 0 ? 1 : 0
        }
    }
}
