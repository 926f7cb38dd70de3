/// HELLO [protover [AUTH username password] [SETNAME clientname]]: the RESP3 handshake.
///
/// It switches the session to RESP2 or RESP3 (the encoder then sends maps, sets, doubles and
/// nulls in their RESP3 forms), optionally authenticates and names the client, and answers
/// with a map describing the server.
extension ConnectionCommands {
    static func hello(_ c: CommandContext) throws(Reply) -> Reply {
        var version: Int64 = 0
        var next = 1
        if c.argc >= 2 {
            guard let v = c[1].int64Value else {
                throw Reply.error("ERR Protocol version is not an integer or out of range")
            }
            guard v == 2 || v == 3 else { throw Reply.error("NOPROTO unsupported protocol version") }
            version = v
            next = 2
        }
        var credentials: (user: Bytes, password: Bytes)?
        var name: Bytes?
        while next < c.argc {
            let remaining = c.argc - 1 - next
            if c.argument(next, is: "AUTH") && remaining >= 2 {
                credentials = (c[next + 1], c[next + 2])
                next += 3
            } else if c.argument(next, is: "SETNAME") && remaining >= 1 {
                name = c[next + 1]
                next += 2
            } else {
                throw Reply.error("ERR Syntax error in HELLO option '\(c[next].sanitizedForError)'")
            }
        }
        if let credentials {
            guard authenticate(c.engine.config, user: credentials.user, password: credentials.password) else {
                throw wrongPassword
            }
            c.session.isAuthenticated = true
        }
        if c.engine.mustLogIn(c.session) {
            throw Reply.error("NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time")
        }
        if let name {
            try validateClientName(name)
            c.session.name = name.isEmpty ? nil : name
        }
        if version != 0 { c.session.protocolVersion = Int(version) }
        return .map([
            .bulk("server"), .bulk("redis"),
            .bulk("version"), .bulk(Engine.redisVersion),
            .bulk("proto"), .integer(c.session.protocolVersion),
            .bulk("id"), .integer(c.session.id),
            .bulk("mode"), .bulk("standalone"),
            .bulk("role"), .bulk("master"),
            .bulk("modules"), .array([]),
        ])
    }
}
