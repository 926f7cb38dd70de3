import CacheLabEngine
import CacheLabModels

extension ColonCommand {
    /// `:mode memcached` makes the REPL speak memcached's text protocol to an in-process
    /// memcached model, as a telnet session would; `:mode redis` comes back.
    public static let mode = ColonCommand(
        name: "mode", usage: ":mode redis|memcached",
        summary: "switch the REPL between Redis and the memcached model (text protocol)"
    ) { arguments, repl in
        switch arguments.first?.lowercased() {
        case "memcached"? where arguments.count == 1:
            if repl.memcachedSession == nil {
                repl.memcachedSession = MemcachedTextSession(store: MemcachedStore(clock: repl.engine.clock))
            }
            return .output("memcached \(MemcachedTextSession.version) model (-m 64, text protocol); :mode redis to return\n")
        case "redis"? where arguments.count == 1:
            repl.memcachedSession = nil
            return .output("")
        default:
            return .failure("usage: :mode redis|memcached\n")
        }
    }
}

/// The memcached side of the REPL.
public enum MemcachedMode {
    public static let prompt = "memcached> "
}

extension LineProcessor {
    /// A line in memcached mode: sent as a telnet client would (with `\\r\\n`); the reply is
    /// printed with plain newlines. `quit` closes the session and returns to Redis mode.
    func processMemcached(line: UnsafeRawBufferPointer) -> Outcome {
        var outcome = Outcome()
        outcome.recordInHistory = true
        guard let session = memcachedSession else { return outcome }
        let reply = session.feed(line: Array(line))
        output.append(reply.replacingOccurrences(of: "\r\n", with: "\n"))
        if session.wantsToClose {
            memcachedSession = nil
            output.append("Connection closed by foreign host.\n")
        }
        return outcome
    }
}
