/// Error replies of the stream commands, word for word as Redis 7.0.15 sends them.
enum StreamErrors {
    static let invalidID = StreamIDParser.invalidError
    static let noSuchKey = Reply.error("ERR no such key")
    static let xaddIDTooSmall = Reply.error("ERR The ID specified in XADD is equal or smaller than the target stream top item")
    static let xaddIDZero = Reply.error("ERR The ID specified in XADD must be greater than 0-0")
    static let exhausted = Reply.error("ERR The stream has exhausted the last possible ID, unable to add more items")
    static let tooLarge = Reply.error("ERR Elements are too large to be stored")
    static let maxlenNegative = Reply.error("ERR The MAXLEN argument must be >= 0.")
    static let limitNegative = Reply.error("ERR The LIMIT argument must be >= 0.")
    static let maxlenAndMinid = Reply.error("ERR syntax error, MAXLEN and MINID options at the same time are not compatible")
    static let limitWithoutStrategy = Reply.error("ERR syntax error, LIMIT cannot be used without specifying a trimming strategy")
    static let limitWithoutApprox = Reply.error("ERR syntax error, LIMIT cannot be used without the special ~ option")
    static let xtrimWithoutStrategy = Reply.error("ERR syntax error, XTRIM must be called with a trimming strategy")
    static let busyGroup = Reply.error("BUSYGROUP Consumer Group name already exists")
    static let entriesReadRange = Reply.error("ERR value for ENTRIESREAD must be positive or -1")
    static let xgroupKeyMissing = Reply.error("ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.")

    /// `NOGROUP No such key 'k' or consumer group 'g'` (XPENDING, XCLAIM, XAUTOCLAIM).
    static func noKeyOrGroup(key: Bytes, group: Bytes, suffix: String = "") -> Reply {
        .error("NOGROUP No such key '\(key.sanitizedForError)' or consumer group '\(group.sanitizedForError)'\(suffix)")
    }

    /// `NOGROUP No such consumer group 'g' for key name 'k'` (XGROUP, XINFO CONSUMERS).
    static func noGroup(_ group: Bytes, key: Bytes) -> Reply {
        .error("NOGROUP No such consumer group '\(group.sanitizedForError)' for key name '\(key.sanitizedForError)'")
    }

    /// `ERR unknown subcommand or wrong number of arguments for 'create'. Try XGROUP HELP.`,
    /// quoting the subcommand as typed.
    static func subcommandSyntax(_ c: CommandContext) -> Reply {
        let container = c.name.split(separator: "|").first.map(String.init) ?? ""
        return RedisError.subcommandSyntax(c[1], of: container)
    }
}
