/// CLIENT: the session's own settings and what the server knows about its clients.
///
/// CacheLab runs in-process: the engine knows only the session that is asking, so CLIENT LIST
/// shows that one client, with the fields of Redis's list in Redis's order. Fields about
/// sockets and buffers describe what an in-process session has: no address, no file
/// descriptor (-1, as Redis shows for its internal clients), no query or output buffers.
extension ConnectionCommands {
    /// CLIENT ID.
    static func clientID(_ c: CommandContext) -> Reply {
        .integer(c.session.id)
    }

    /// CLIENT SETNAME name: an empty name removes it.
    static func clientSetName(_ c: CommandContext) throws(Reply) -> Reply {
        try validateClientName(c[2])
        c.session.name = c[2].isEmpty ? nil : c[2]
        return .ok
    }

    /// CLIENT GETNAME: the name, or null.
    static func clientGetName(_ c: CommandContext) -> Reply {
        .bulkOrNull(c.session.name)
    }

    /// CLIENT INFO: this session's line of CLIENT LIST.
    static func clientInfo(_ c: CommandContext) -> Reply {
        .verbatim(format: "txt", text: Bytes(clientLine(c) + "\n"))
    }

    /// CLIENT LIST [TYPE normal|master|replica|pubsub] [ID id ...].
    static func clientList(_ c: CommandContext) throws(Reply) -> Reply {
        var include = true
        if c.argc == 4 && c.argument(2, is: "TYPE") {
            guard let type = ClientType(c[3]) else {
                throw Reply.error("ERR Unknown client type '\(c[3].sanitizedForError)'")
            }
            include = type == .normal
        } else if c.argc > 3 && c.argument(2, is: "ID") {
            var ids: [Int64] = []
            for i in 3..<c.argc {
                guard let id = c[i].int64Value else { throw Reply.error("ERR Invalid client ID") }
                ids.append(id)
            }
            // Each id that is this session's adds its line once per mention, as in Redis.
            let lines = ids.filter { $0 == c.session.id }.map { _ in clientLine(c) + "\n" }
            return .verbatim(format: "txt", text: Bytes(lines.joined()))
        } else if c.argc != 2 {
            throw RedisError.syntax
        }
        return .verbatim(format: "txt", text: Bytes(include ? clientLine(c) + "\n" : ""))
    }

    /// CLIENT KILL addr | CLIENT KILL [ID id] [TYPE type] [USER user] [ADDR addr]
    /// [LADDR addr] [SKIPME yes|no]: the only client is this session, which the new form skips
    /// unless SKIPME no. A killed session is closed after the reply (`isClosedByServer`).
    static func clientKill(_ c: CommandContext) throws(Reply) -> Reply {
        let own = ClientAddress.local
        if c.argc == 3 {
            guard c[2] == Bytes(own) else { throw Reply.error("ERR No such client") }
            close(c.session, in: c.engine)
            return .ok
        }
        var matches = true
        var skipMe = true
        var i = 2
        while i < c.argc {
            guard i + 1 < c.argc else { throw RedisError.syntax }
            let value = c[i + 1]
            if c.argument(i, is: "ID") {
                guard let id = value.int64Value, id >= 1 else {
                    throw Reply.error("ERR client-id should be greater than 0")
                }
                matches = matches && id == c.session.id
            } else if c.argument(i, is: "TYPE") {
                guard let type = ClientType(value) else {
                    throw Reply.error("ERR Unknown client type '\(value.sanitizedForError)'")
                }
                matches = matches && type == .normal
            } else if c.argument(i, is: "ADDR") || c.argument(i, is: "LADDR") {
                matches = matches && value == Bytes(own)
            } else if c.argument(i, is: "USER") {
                guard value == "default" else { throw Reply.error("ERR No such user '\(value.sanitizedForError)'") }
            } else if c.argument(i, is: "SKIPME") {
                if value.equalsIgnoringCase("yes") {
                    skipMe = true
                } else if value.equalsIgnoringCase("no") {
                    skipMe = false
                } else {
                    throw RedisError.syntax
                }
            } else {
                throw RedisError.syntax
            }
            i += 2
        }
        guard matches && !skipMe else { return .zero }
        close(c.session, in: c.engine)
        return .one
    }

    /// What Redis does to a client it kills once the reply is out: its transaction and its
    /// watched keys go with it, and the connection closes.
    private static func close(_ session: Session, in engine: Engine) {
        session.queuedCommands = nil
        engine.unwatchAllKeys(of: session)
        session.isClosedByServer = true
    }

    /// CLIENT NO-EVICT ON|OFF: whether this client may be evicted under maxmemory-clients.
    static func clientNoEvict(_ c: CommandContext) throws(Reply) -> Reply {
        if c.argument(2, is: "ON") {
            c.engine.serverState.noEvictSessions.insert(c.session.id)
        } else if c.argument(2, is: "OFF") {
            c.engine.serverState.noEvictSessions.remove(c.session.id)
        } else {
            throw RedisError.syntax
        }
        return .ok
    }

    /// CLIENT UNBLOCK id [TIMEOUT|ERROR]: an in-process session never blocks, so there is
    /// never a client to unblock.
    static func clientUnblock(_ c: CommandContext) throws(Reply) -> Reply {
        guard c.argc <= 4 else {
            throw RedisError.subcommandSyntax(c[1], of: "CLIENT")
        }
        if c.argc == 4 && !c.argument(3, is: "TIMEOUT") && !c.argument(3, is: "ERROR") {
            throw Reply.error("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR")
        }
        _ = try c.integer(at: 2)
        return .zero
    }

    /// CLIENT GETREDIR: -1, since CacheLab has no client-side caching tracking.
    static func clientGetRedirect(_ c: CommandContext) -> Reply {
        .integer(-1)
    }

    /// CLIENT TRACKINGINFO: tracking is off.
    static func clientTrackingInfo(_ c: CommandContext) -> Reply {
        .map([.bulk("flags"), .set([.bulk("off")]), .bulk("redirect"), .integer(-1), .bulk("prefixes"), .array([])])
    }

    /// CLIENT CACHING YES|NO: only meaningful with tracking, which CacheLab does not do.
    static func clientCaching(_ c: CommandContext) -> Reply {
        .error("ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode enabled")
    }

    static func clientHelp(_ c: CommandContext) -> Reply {
        Reply.subcommandHelp("CLIENT", [
            "CACHING (YES|NO)",
            "    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.",
            "GETREDIR",
            "    Return the client ID we are redirecting to when tracking is enabled.",
            "GETNAME",
            "    Return the name of the current connection.",
            "ID",
            "    Return the ID of the current connection.",
            "INFO",
            "    Return information about the current client connection.",
            "KILL <ip:port>",
            "    Kill connection made from <ip:port>.",
            "KILL <option> <value> [<option> <value> [...]]",
            "    Kill connections. Options are:",
            "    * ADDR (<ip:port>|<unixsocket>:0)",
            "      Kill connections made from the specified address",
            "    * LADDR (<ip:port>|<unixsocket>:0)",
            "      Kill connections made to specified local address",
            "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
            "      Kill connections by type.",
            "    * USER <username>",
            "      Kill connections authenticated by <username>.",
            "    * SKIPME (YES|NO)",
            "      Skip killing current connection (default: yes).",
            "LIST [options ...]",
            "    Return information about client connections. Options:",
            "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
            "      Return clients of specified type.",
            "UNPAUSE",
            "    Stop the current client pause, resuming traffic.",
            "PAUSE <timeout> [WRITE|ALL]",
            "    Suspend all, or just write, clients for <timeout> milliseconds.",
            "REPLY (ON|OFF|SKIP)",
            "    Control the replies sent to the current connection.",
            "SETNAME <name>",
            "    Assign the name <name> to the current connection.",
            "UNBLOCK <clientid> [TIMEOUT|ERROR]",
            "    Unblock the specified blocked client.",
            "TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]",
            "         [OPTIN] [OPTOUT] [NOLOOP]",
            "    Control server assisted client side caching.",
            "TRACKINGINFO",
            "    Report tracking status for the current connection.",
            "NO-EVICT (ON|OFF)",
            "    Protect current client connection from eviction.",
        ])
    }

    // MARK: Helpers

    /// Client names are printable ASCII without spaces: '!' through '~'.
    static func validateClientName(_ name: Bytes) throws(Reply) {
        let valid = name.withUnsafeBytes { $0.allSatisfy { $0 >= 33 && $0 <= 126 } }
        guard valid else {
            throw Reply.error("ERR Client names cannot contain spaces, newlines or special characters.")
        }
    }

    /// The client types CLIENT LIST and CLIENT KILL filter on.
    enum ClientType {
        case normal, master, replica, pubsub

        init?(_ name: Bytes) {
            if name.equalsIgnoringCase("normal") {
                self = .normal
            } else if name.equalsIgnoringCase("master") {
                self = .master
            } else if name.equalsIgnoringCase("replica") || name.equalsIgnoringCase("slave") {
                self = .replica
            } else if name.equalsIgnoringCase("pubsub") {
                self = .pubsub
            } else {
                return nil
            }
        }
    }

    enum ClientAddress {
        /// What `addr` and `laddr` show for an in-process session.
        static let local = "in-process:0"
    }

    /// This session's line of CLIENT LIST, fields in Redis 7.0's order.
    static func clientLine(_ c: CommandContext) -> String {
        let session = c.session
        let now = c.engine.commandTime
        var flags = ""
        if session.isInTransaction { flags += "x" }
        if session.transactionIsDirty && !session.watchedKeys.isEmpty { flags += "d" }
        if session.wantsToClose { flags += "c" }
        if c.engine.serverState.noEvictSessions.contains(session.id) { flags += "e" }
        if flags.isEmpty { flags = "N" }
        let argvMemory = c.argv.reduce(0) { $0 + $1.count }
        let multiMemory = (session.queuedCommands ?? []).reduce(0) { total, argv in
            total + argv.reduce(0) { $0 + $1.count }
        }
        let fields: [(String, String)] = [
            ("id", String(session.id)),
            ("addr", ClientAddress.local),
            ("laddr", ClientAddress.local),
            ("fd", "-1"),
            ("name", session.name?.string ?? ""),
            ("age", String(max(0, now - session.createdAt) / 1000)),
            ("idle", String(max(0, now - session.lastInteraction) / 1000)),
            ("flags", flags),
            ("db", String(session.databaseIndex)),
            ("sub", "0"),
            ("psub", "0"),
            ("ssub", "0"),
            ("multi", session.queuedCommands.map { String($0.count) } ?? "-1"),
            ("qbuf", "0"),
            ("qbuf-free", "0"),
            ("argv-mem", String(argvMemory)),
            ("multi-mem", String(multiMemory)),
            ("rbs", "0"),
            ("rbp", "0"),
            ("obl", "0"),
            ("oll", "0"),
            ("omem", "0"),
            ("tot-mem", String(argvMemory + multiMemory)),
            ("events", "r"),
            ("cmd", c.name),
            ("user", "default"),
            ("redir", "-1"),
            ("resp", String(session.protocolVersion)),
        ]
        return fields.map { "\($0)=\($1)" }.joined(separator: " ")
    }
}
