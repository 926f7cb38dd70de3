import Foundation

/// The blocking pops: BZPOPMIN, BZPOPMAX, BZMPOP.
///
/// In Redis these wait until another client adds an element or the timeout passes. CacheLab
/// runs a single in-process session, so nobody else can ever add an element while it waits:
/// - when a key has elements, the command answers at once, exactly like Redis;
/// - when none has and the timeout is positive, waiting could only end in a timeout: the
///   timeout passes on the engine's clock, then the timeout's answer (a null array) comes;
/// - with timeout 0 (wait forever) it would hang for good, so CacheLab answers an error of its
///   own instead (`Engine.waitsForeverError`). This is a deliberate deviation from Redis.
/// Inside MULTI nothing blocks: the null array at once. See `Engine.waitOutBlockingTimeout`.
/// The timeout is validated exactly as Redis does, with Redis's errors.
extension SortedSetCommands {
    static func bzpopmin(_ c: CommandContext) throws(Reply) -> Reply { try bzpop(c, max: false) }
    static func bzpopmax(_ c: CommandContext) throws(Reply) -> Reply { try bzpop(c, max: true) }

    /// BZPOPMIN|BZPOPMAX key [key ...] timeout
    private static func bzpop(_ c: CommandContext, max: Bool) throws(Reply) -> Reply {
        let timeout = try timeoutMilliseconds(c, at: c.argc - 1)
        return try blockingPop(c, keys: c.argv[1..<(c.argc - 1)], max: max, count: -1, shape: .keyThenFlat, timeout: timeout)
    }

    /// BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT count]
    static func bzmpop(_ c: CommandContext) throws(Reply) -> Reply {
        let request = try parseMultiPop(c, numkeysIndex: 2)
        let timeout = try timeoutMilliseconds(c, at: 1)
        return try blockingPop(c, keys: request.keys, max: request.max, count: request.count, shape: .keyThenPairs, timeout: timeout)
    }

    private static func blockingPop(_ c: CommandContext, keys: ArraySlice<Bytes>, max: Bool, count: Int64,
                                    shape: PopShape, timeout: Int64) throws(Reply) -> Reply {
        for key in keys where try c.db.readSortedSetForWrite(key) != nil {
            return try pop(c, keys: ArraySlice([key]), max: max, count: count, shape: shape, nullWhenEmpty: true)
        }
        return try c.engine.waitOutBlockingTimeout(milliseconds: timeout, session: c.session, timeoutReply: .nullArray)
    }

    /// A blocking command's timeout in seconds (a float), as milliseconds: Redis's
    /// `getTimeoutFromObjectOrReply`, shared with the blocking list commands (the product
    /// is rounded up, so 0.001 is 1 ms, not "forever"). 0 means "forever".
    static func timeoutMilliseconds(_ c: CommandContext, at index: Int) throws(Reply) -> Int64 {
        try BlockingTimeout(c, at: index).milliseconds
    }
}
