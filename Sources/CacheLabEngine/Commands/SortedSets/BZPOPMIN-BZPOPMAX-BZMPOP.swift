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
    /// `getTimeoutFromObjectOrReply`. 0 means "forever".
    static func timeoutMilliseconds(_ c: CommandContext, at index: Int) throws(Reply) -> Int64 {
        guard let milliseconds = timeoutSecondsToMilliseconds(c[index]) else {
            throw Reply.error("ERR timeout is not a float or out of range")
        }
        if milliseconds < 0 { throw Reply.error("ERR timeout is negative") }
        return milliseconds
    }
}

#if arch(x86_64) || arch(i386)
typealias TimeoutFloat = Float80
#else
typealias TimeoutFloat = Double
#endif

extension SortedSetCommands {
    /// Redis reads a timeout in seconds as a long double (`string2ld`: the whole string, no
    /// leading space, under 5 KiB, not NaN, no overflow or underflow to zero) and truncates
    /// `seconds * 1000` to a 64-bit integer; out of range, that conversion yields the most
    /// negative integer on x86, which Redis then calls negative.
    static func timeoutSecondsToMilliseconds(_ text: Bytes) -> Int64? {
        let n = text.count
        if n == 0 || n >= 5 * 1024 || isSpace(text[0]) { return nil }
        var buffer = text.array
        buffer.append(0)
        let parsed = buffer.withUnsafeBufferPointer { p -> TimeoutFloat? in
            p.withMemoryRebound(to: CChar.self) { chars -> TimeoutFloat? in
                var end: UnsafeMutablePointer<CChar>? = nil
                errno = 0
                #if arch(x86_64) || arch(i386)
                let value = strtold(chars.baseAddress!, &end)
                #else
                let value = strtod(chars.baseAddress!, &end)
                #endif
                guard let end, end - UnsafeMutablePointer(mutating: chars.baseAddress!) == n else { return nil }
                if value.isNaN { return nil }
                if errno == ERANGE && (value.isInfinite || value == 0) { return nil }
                return value
            }
        }
        guard let seconds = parsed else { return nil }
        let product = seconds * 1000
        guard product.isFinite, product < 9.223372036854775807e18, product >= -9.223372036854775808e18 else { return Int64.min }
        return Int64(product)
    }
}
