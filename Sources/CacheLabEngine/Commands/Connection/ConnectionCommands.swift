/// Connection commands: the handshake, liveness checks and per-client settings every client
/// starts with.
enum ConnectionCommands {
    static var handlers: [String: CommandHandler] {
        [
            "ping": ping,
            "echo": echo,
            "hello": hello,
            "auth": auth,
            "quit": quit,
            "reset": reset,
            "client|id": clientID,
            "client|setname": clientSetName,
            "client|getname": clientGetName,
            "client|info": clientInfo,
            "client|list": clientList,
            "client|kill": clientKill,
            "client|no-evict": clientNoEvict,
            "client|unblock": clientUnblock,
            "client|getredir": clientGetRedirect,
            "client|trackinginfo": clientTrackingInfo,
            "client|caching": clientCaching,
            "client|help": clientHelp,
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
