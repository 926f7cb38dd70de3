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
    /// each shown argument is cut to 128 bytes and the list stops once it passes 128 bytes.
    public static func unknownCommand(_ argv: [Bytes]) -> Reply {
        var args = ""
        for arg in argv.dropFirst() where args.utf8.count < 128 {
            let shown = arg.count > 128 ? arg[0..<128] : arg
            args += "'\(shown.sanitizedForError)' "
        }
        let name = argv.first.map { $0.count > 128 ? $0[0..<128] : $0 } ?? Bytes()
        return .error("ERR unknown command '\(name.sanitizedForError)', with args beginning with: \(args)")
    }

    /// `ERR unknown subcommand 'x'. Try CONFIG HELP.`
    public static func unknownSubcommand(_ sub: Bytes, of command: String) -> Reply {
        let shown = sub.count > 128 ? sub[0..<128] : sub
        return .error("ERR unknown subcommand '\(shown.sanitizedForError)'. Try \(command.uppercased()) HELP.")
    }
}

extension Bytes {
    /// The bytes as Redis puts them inside an error message: spaces and newlines become spaces
    /// so the error stays on one protocol line.
    var sanitizedForError: String {
        String(decoding: array.map { ($0 == 13 || $0 == 10) ? 32 : $0 }, as: UTF8.self)
    }
}
