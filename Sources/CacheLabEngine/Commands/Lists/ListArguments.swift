/// Argument parsers shared by the list commands, with Redis's exact errors.
extension CommandContext {
    /// `LEFT` (true: the head) or `RIGHT` (false: the tail), or `ERR syntax error`.
    func listEnd(at index: Int) throws(Reply) -> Bool {
        if argv[index].equalsIgnoringCase("left") { return true }
        if argv[index].equalsIgnoringCase("right") { return false }
        throw RedisError.syntax
    }

    /// A 64-bit integer that must not be negative, or the error `message` (used both when it is
    /// not an integer and when it is negative, as Redis's `getPositiveLongFromObjectOrReply`).
    func nonNegativeInteger(at index: Int, orError message: String) throws(Reply) -> Int64 {
        guard let value = argv[index].int64Value, value >= 0 else { throw Reply.error(message) }
        return value
    }

    /// An integer in `range`, or the error `message` whether it is not an integer or out of
    /// range (Redis's `getRangeLongFromObjectOrReply` with a message).
    func integer(at index: Int, in range: ClosedRange<Int64>, orError message: String) throws(Reply) -> Int64 {
        guard let value = argv[index].int64Value, range.contains(value) else { throw Reply.error(message) }
        return value
    }
}

/// Index arithmetic the way Redis does it for LRANGE, LTRIM, LINDEX and LSET.
enum ListIndex {
    /// A possibly negative index (-1 is the last element) as a position, or nil when outside
    /// the list.
    static func position(_ index: Int64, count: Int) -> Int? {
        let p = index < 0 ? index + Int64(count) : index
        return p >= 0 && p < Int64(count) ? Int(p) : nil
    }

    /// The positions `start...stop` (each possibly negative) clipped to the list, or nil when
    /// the range is empty: negative indexes count from the end, a start before the head becomes
    /// 0, a stop past the tail becomes the last element.
    static func range(start: Int64, stop: Int64, count: Int) -> ClosedRange<Int>? {
        let n = Int64(count)
        var s = start < 0 ? start + n : start
        var e = stop < 0 ? stop + n : stop
        if s < 0 { s = 0 }
        if s > e || s >= n { return nil }
        if e >= n { e = n - 1 }
        return Int(s)...Int(e)
    }
}
