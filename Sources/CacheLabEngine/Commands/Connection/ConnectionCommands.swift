/// Connection commands: the handshake and liveness checks every client starts with.
enum ConnectionCommands {
    static var handlers: [String: CommandHandler] {
        [
            "ping": ping,
            "echo": echo,
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
}
