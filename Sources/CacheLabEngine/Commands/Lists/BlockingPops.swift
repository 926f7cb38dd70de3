/// BLPOP, BRPOP, BLMOVE, BRPOPLPUSH and BLMPOP: the blocking forms of the list pops.
///
/// In Redis these wait, up to a timeout in seconds (0: forever), for another client to push
/// onto one of the keys. CacheLab runs one session in-process, so while a command waits
/// nobody else can push:
///
/// - when a list has data, the command acts at once, exactly like its non-blocking form;
/// - when none does and the timeout is positive, the wait could only end by timing out: the
///   timeout passes on the engine's clock (`Engine.waitOutBlockingTimeout`), then the command
///   answers with Redis's timeout reply (the null array — for BLMOVE and BRPOPLPUSH too, as
///   Redis 7.0 sends it);
/// - when the timeout is 0 the wait would never end, so CacheLab answers with an error of its
///   own (`Engine.waitsForeverError`) instead of hanging the session.
///
/// Inside MULTI/EXEC Redis never blocks: the command answers as on a timeout (the null array,
/// or the null bulk string for BLMOVE and BRPOPLPUSH), even with timeout 0. CacheLab does the
/// same while the session is in a transaction.
extension ListCommands {
    /// BLPOP key [key ...] timeout: `[key, element]` from the head of the first non-empty list.
    static func blpop(_ c: CommandContext) throws(Reply) -> Reply {
        try blockingPop(c, atHead: true)
    }

    /// BRPOP key [key ...] timeout: `[key, element]` from the tail of the first non-empty list.
    static func brpop(_ c: CommandContext) throws(Reply) -> Reply {
        try blockingPop(c, atHead: false)
    }

    /// BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout: LMOVE, waiting for `source`.
    static func blmove(_ c: CommandContext) throws(Reply) -> Reply {
        let fromHead = try c.listEnd(at: 3)
        let toHead = try c.listEnd(at: 4)
        return try blockingMove(c, fromHead: fromHead, toHead: toHead)
    }

    /// BRPOPLPUSH source destination timeout: BLMOVE source destination RIGHT LEFT timeout.
    static func brpoplpush(_ c: CommandContext) throws(Reply) -> Reply {
        try blockingMove(c, fromHead: false, toHead: true)
    }

    /// BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]: LMPOP, waiting. The
    /// other arguments are checked before the timeout, as Redis does.
    static func blmpop(_ c: CommandContext) throws(Reply) -> Reply {
        let request = try MultiPopRequest(c, numkeysIndex: 2)
        let timeout = try BlockingTimeout(c, at: 1)
        if let popped = try popFirstNonEmpty(c, keys: request.keys, atHead: request.atHead, count: request.count) {
            return .array([.bulk(popped.key), .bulkArray(popped.elements)])
        }
        return try noData(c, timeout: timeout, nullInTransaction: .nullArray)
    }

    private static func blockingPop(_ c: CommandContext, atHead: Bool) throws(Reply) -> Reply {
        let timeout = try BlockingTimeout(c, at: c.argc - 1)
        let keys = c.argv[1..<(c.argc - 1)]
        if let popped = try popFirstNonEmpty(c, keys: keys, atHead: atHead, count: 1) {
            return .array([.bulk(popped.key), .bulk(popped.elements[0])])
        }
        return try noData(c, timeout: timeout, nullInTransaction: .nullArray)
    }

    private static func blockingMove(_ c: CommandContext, fromHead: Bool, toHead: Bool) throws(Reply) -> Reply {
        let timeout = try BlockingTimeout(c, at: c.argc - 1)
        let source = c[1]
        if try c.db.listLengthForWrite(source) != nil {
            return try move(c, from: source, to: c[2], fromHead: fromHead, toHead: toHead)
        }
        return try noData(c, timeout: timeout, nullInTransaction: .null)
    }

    /// The reply when every key is empty: what Redis sends when the wait times out.
    private static func noData(_ c: CommandContext, timeout: BlockingTimeout, nullInTransaction: Reply) throws(Reply) -> Reply {
        if c.session.isInTransaction { return nullInTransaction }
        return try c.engine.waitOutBlockingTimeout(milliseconds: timeout.milliseconds, session: c.session, timeoutReply: .nullArray)
    }
}

/// The timeout argument of a blocking command, read as Redis 7.0 reads it.
///
/// Seconds as a long double (`strtold`, the whole argument), multiplied by 1000 and rounded
/// up to whole milliseconds: 0.0001 waits 1 ms, while -0.0001 rounds up to 0 and so waits
/// forever. A product too large for a 64-bit integer becomes its minimum on x86, so `inf` or
/// `1e30` are reported as negative.
struct BlockingTimeout {
    /// The timeout in milliseconds; 0 means forever.
    let milliseconds: Int64

    static let notAFloat = Reply.error("ERR timeout is not a float or out of range")
    static let negative = Reply.error("ERR timeout is negative")

    init(_ c: CommandContext, at index: Int) throws(Reply) {
        c.engine.noteLongDoubleParse(c[index])
        guard let seconds = c[index].longDoubleValue else { throw Self.notAFloat }
        let rounded = (seconds * 1000).rounded(.up)
        // Int64 covers [-2^63, 2^63); outside it (or infinite) C's conversion yields INT64_MIN.
        guard rounded >= -9_223_372_036_854_775_808.0 && rounded < 9_223_372_036_854_775_808.0 else {
            throw Self.negative
        }
        let value = Int64(rounded)
        if value < 0 { throw Self.negative }
        milliseconds = value
    }
}
