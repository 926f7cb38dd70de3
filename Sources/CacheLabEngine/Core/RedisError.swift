/// The error texts of Redis 7.0.15, word for word. Students compare them with a real server.
public enum RedisError {
    public static let syntax = Reply.error("ERR syntax error")
    public static let notInteger = Reply.error("ERR value is not an integer or out of range")
    public static let notFloat = Reply.error("ERR value is not a valid float")
    public static let wrongType = Reply.error("WRONGTYPE Operation against a key holding the wrong kind of value")
    public static let noSuchKey = Reply.error("ERR no such key")
    public static let indexOutOfRange = Reply.error("ERR index out of range")
    public static let overflow = Reply.error("ERR increment or decrement would overflow")
    public static let dbIndexOutOfRange = Reply.error("ERR DB index is out of range")
    public static let sameObject = Reply.error("ERR source and destination objects are the same")
    public static let notAllowedInMulti = Reply.error("ERR Command not allowed inside a transaction")
    public static let nestedMulti = Reply.error("ERR MULTI calls can not be nested")
    public static let execWithoutMulti = Reply.error("ERR EXEC without MULTI")
    public static let discardWithoutMulti = Reply.error("ERR DISCARD without MULTI")
    public static let watchInsideMulti = Reply.error("ERR WATCH inside MULTI is not allowed")
    public static let execAbort = Reply.error("EXECABORT Transaction discarded because of previous errors.")
    public static let noAuth = Reply.error("NOAUTH Authentication required.")
    /// A protected command (DEBUG) while `enable-debug-command` is `no`, Redis's default.
    public static let debugNotAllowed = Reply.error(
        "ERR DEBUG command not allowed. If the enable-debug-command option is set to \"local\", you can run it from a local connection, "
        + "otherwise you need to set this option in the configuration file, and then restart the server.")
    public static let outOfMemory = Reply.error("OOM command not allowed when used memory > 'maxmemory'.")

    /// `ERR wrong number of arguments for 'get' command`; subcommands read `'config|get'`.
    public static func wrongArity(_ fullName: String) -> Reply {
        .error("ERR wrong number of arguments for '\(fullName)' command")
    }

    /// `ERR invalid expire time in 'set' command`.
    public static func invalidExpire(_ command: String) -> Reply {
        .error("ERR invalid expire time in '\(command)' command")
    }

    /// `ERR unknown command 'foo', with args beginning with: 'a' 'b' `, as Redis builds it:
    /// the list of arguments stops once it reaches 128 bytes, and each argument is cut to
    /// what is left of those 128 (`'%.*s' ` with a shrinking precision), so a long first
    /// argument leaves little room for the second.
    public static func unknownCommand(_ argv: [Bytes]) -> Reply {
        var args: [UInt8] = []
        for arg in argv.dropFirst() where args.count < 128 {
            args += [UInt8(ascii: "'")] + arg.sanitizedErrorBytes(limit: 128 - args.count) + Array("' ".utf8)
        }
        let name = argv.first?.sanitizedForError(limit: 128) ?? ""
        return .error("ERR unknown command '\(name)', with args beginning with: \(String(preservingBytes: args))")
    }

    /// `ERR unknown subcommand 'x'. Try CONFIG HELP.`
    public static func unknownSubcommand(_ sub: Bytes, of command: String) -> Reply {
        .error("ERR unknown subcommand '\(sub.sanitizedForError(limit: 128))'. Try \(command.uppercased()) HELP.")
    }

    /// `ERR unknown subcommand or wrong number of arguments for 'x'. Try CLIENT HELP.`: a
    /// container command whose subcommand exists but whose arguments do not fit.
    public static func subcommandSyntax(_ sub: Bytes, of command: String) -> Reply {
        .error("ERR unknown subcommand or wrong number of arguments for '\(sub.sanitizedForError(limit: 128))'. Try \(command.uppercased()) HELP.")
    }
}

extension Bytes {
    /// The bytes as Redis prints an argument with `%s` inside an error: there it is a C
    /// string, so it ends at its first NUL byte; at most `limit` bytes (`%.128s`); and CR and
    /// LF become spaces so the error stays on one protocol line. Bytes that are not UTF-8 are
    /// kept (see `String(preservingBytes:)`), as Redis sends them.
    func sanitizedForError(limit: Int) -> String {
        String(preservingBytes: sanitizedErrorBytes(limit: limit))
    }

    /// The bytes of `sanitizedForError(limit:)`, before they become text.
    func sanitizedErrorBytes(limit: Int) -> [UInt8] {
        var raw = array
        if let nul = raw.firstIndex(of: 0) { raw.removeSubrange(nul...) }
        if raw.count > limit { raw.removeSubrange(limit...) }
        return raw.map { ($0 == 13 || $0 == 10) ? 32 : $0 }
    }

    /// `sanitizedForError(limit:)` without a length limit (`%s`).
    var sanitizedForError: String { sanitizedForError(limit: .max) }
}
