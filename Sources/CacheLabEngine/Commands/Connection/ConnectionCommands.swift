/// Connection commands: the handshake, liveness checks and per-client settings every client
/// starts with.
enum ConnectionCommands {
    static var handlers: [String: Handler] {
        [
            "ping": Handler(ping),
            "echo": Handler(echo),
            "hello": Handler(hello),
            "auth": Handler(auth),
            "quit": Handler(quit),
            "reset": Handler(reset),
            "client|id": Handler(clientID),
            "client|setname": Handler(clientSetName),
            "client|getname": Handler(clientGetName),
            "client|info": Handler(clientInfo),
            "client|list": Handler(clientList),
            "client|kill": Handler(clientKill),
            "client|no-evict": Handler(clientNoEvict),
            "client|pause": Handler(clientPause),
            "client|unpause": Handler(clientUnpause),
            "client|unblock": Handler(clientUnblock),
            "client|getredir": Handler(clientGetRedirect),
            "client|trackinginfo": Handler(clientTrackingInfo),
            "client|caching": Handler(clientCaching),
            "client|help": Handler(clientHelp),
        ]
    }

    /// PING [message]: PONG, or the message back as a bulk string.
    static func ping(_ c: CommandContext) -> Reply {
        if c.argc > 2 { return RedisError.wrongArity(c.name) }
        return c.argc == 2 ? .bulk(c[1]) : .status("PONG")
    }

    /// ECHO message.
    static func echo(_ c: CommandContext) -> Reply {
        .bulk(c[1])
    }

    /// QUIT: OK, then the front end closes the session.
    static func quit(_ c: CommandContext) -> Reply {
        c.session.wantsToClose = true
        return .ok
    }
}
