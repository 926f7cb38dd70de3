/// Parsing a command's arguments with Redis's rules and Redis's error replies.
///
/// Each parser throws the exact error Redis sends for a bad value, so a handler reads as the
/// happy path: `let count = try c.integer(at: 2)`.
extension CommandContext {
    /// A 64-bit integer, or `ERR value is not an integer or out of range`.
    public func integer(at index: Int) throws(Reply) -> Int64 {
        guard let value = argv[index].int64Value else { throw RedisError.notInteger }
        return value
    }

    /// A 64-bit integer within `range`, or `error` (Redis's default: not an integer or out of range).
    public func integer(at index: Int, in range: ClosedRange<Int64>, error: Reply = RedisError.notInteger) throws(Reply) -> Int64 {
        guard let value = argv[index].int64Value else { throw RedisError.notInteger }
        guard range.contains(value) else { throw error }
        return value
    }

    /// A timeout in whole milliseconds as Redis reads one (XREAD BLOCK, WAIT, CLIENT PAUSE):
    /// not negative, or `ERR timeout is not an integer or out of range` / `ERR timeout is negative`.
    public func millisecondTimeout(at index: Int) throws(Reply) -> Int64 {
        guard let timeout = argv[index].int64Value else { throw Reply.error("ERR timeout is not an integer or out of range") }
        guard timeout >= 0 else { throw Reply.error("ERR timeout is negative") }
        return timeout
    }

    /// A double as Redis's generic float argument parser reads it (no overflow to infinity, no
    /// underflow to zero), or `ERR value is not a valid float`.
    public func double(at index: Int) throws(Reply) -> Double {
        let (value, outOfRange) = argv[index].parseDoubleArgument()
        engine.noteFloatParse(outOfRange: outOfRange)
        guard let value else { throw RedisError.notFloat }
        return value
    }

    /// True when argument `index` is the keyword, ignoring case.
    public func argument(_ index: Int, is keyword: StaticString) -> Bool {
        index < argv.count && argv[index].equalsIgnoringCase(keyword)
    }
}

extension Database {
    /// The value of `key` for a read, or WRONGTYPE when it holds another type. `extract`
    /// returns the payload for the wanted type, nil for any other.
    public func read<T>(_ key: Bytes, as extract: (Value) -> T?) throws(Reply) -> T? {
        guard let value = lookupRead(key) else { return nil }
        guard let typed = extract(value) else { throw RedisError.wrongType }
        return typed
    }

    /// Like `read`, but for a write: no hit/miss statistics.
    public func readForWrite<T>(_ key: Bytes, as extract: (Value) -> T?) throws(Reply) -> T? {
        guard let value = lookupWrite(key) else { return nil }
        guard let typed = extract(value) else { throw RedisError.wrongType }
        return typed
    }
}
