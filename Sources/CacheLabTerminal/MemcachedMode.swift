import CacheLabEngine
import CacheLabModels

extension ColonCommand {
    /// `:mode memcached` makes the REPL speak memcached's text protocol to an in-process
    /// memcached model, as a telnet session would; `:mode redis` comes back. The model keeps
    /// running meanwhile, so switching back finds its items where they were.
    public static let mode = ColonCommand(
        name: "mode", usage: ":mode redis|memcached",
        summary: "switch the REPL between Redis and the memcached model (text protocol)"
    ) { arguments, repl in
        switch arguments.first?.lowercased() {
        case "memcached"? where arguments.count == 1:
            let server = repl.memcachedServer ?? MemcachedMode.startServer(repl)
            if repl.memcachedSession == nil { repl.memcachedSession = MemcachedTextSession(store: server) }
            return .output("memcached \(MemcachedTextSession.version) model (-m \(server.memoryLimit / 1_048_576), text protocol); :mode redis to return\n")
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

    /// `:restart` in memcached mode stops the memcached model and starts a new one: memcached
    /// keeps nothing on disk, so the new server is empty, its counters at zero.
    static func restart(_ repl: LineProcessor) -> ColonResult {
        let megabytes = (repl.memcachedServer?.memoryLimit ?? 64 * 1_048_576) / 1_048_576
        let server = startServer(repl, megabytes: megabytes)
        repl.memcachedSession = MemcachedTextSession(store: server)
        return .output("Connection closed by foreign host.\n"
            + "memcached \(MemcachedTextSession.version) model restarted (-m \(server.memoryLimit / 1_048_576)): "
            + "memory starts empty; connected again\n")
    }

    /// A fresh memcached model on the REPL's clock, replacing any running one.
    static func startServer(_ repl: LineProcessor, megabytes: Int = 64) -> MemcachedStore {
        let server = MemcachedStore(clock: repl.engine.clock, megabytes: megabytes)
        repl.memcachedServer = server
        return server
    }
}

extension LineProcessor {
    /// The prompt to show before the next line: memcached's in memcached mode, else
    /// redis-cli's (`cachelab[db](TX)> `, or `not connected> ` after CLIENT KILL closed it).
    public var promptText: String {
        if memcachedSession != nil { return MemcachedMode.prompt }
        return isDisconnected ? Prompt.notConnected : Prompt.text(for: promptBelief)
    }

    /// A line in memcached mode: sent as a telnet client would (with `\\r\\n`); the reply is
    /// printed with plain newlines. `quit` closes the connection and returns to Redis mode
    /// (the model keeps running).
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
