/// XRANGE key start end [COUNT count] and XREVRANGE key end start [COUNT count]
///
/// The entries with IDs between two bounds, in increasing (XRANGE) or decreasing (XREVRANGE)
/// order. `-` and `+` are the smallest and greatest IDs; a bound given as milliseconds only
/// starts at sequence 0 (start) or ends at the greatest sequence (end); a `(` prefix makes a
/// bound exclusive. The first entry is found by binary search, then entries are walked in
/// order, so a range costs O(log n + returned entries).
extension StreamCommands {
    static func xrange(_ c: CommandContext) throws(Reply) -> Reply {
        try range(c, reverse: false)
    }

    static func xrevrange(_ c: CommandContext) throws(Reply) -> Reply {
        try range(c, reverse: true)
    }

    private static func range(_ c: CommandContext, reverse: Bool) throws(Reply) -> Reply {
        let start = try StreamIDParser.rangeStart(reverse ? c[3] : c[2], staleRangeError: &c.engine.staleRangeError)
        let end = try StreamIDParser.rangeEnd(reverse ? c[2] : c[3], staleRangeError: &c.engine.staleRangeError)
        var count: Int64 = -1
        var j = 4
        while j < c.argc {
            guard c.argument(j, is: "COUNT") && j + 1 < c.argc else { throw RedisError.syntax }
            count = max(0, try c.integer(at: j + 1))
            j += 2
        }
        guard let position = try c.db.streamPositionForRead(c[1]) else { return .emptyArray }
        if count == 0 { return .nullArray }
        let stream = c.db.stream(at: position)
        let read = stream.range(from: start, to: end, reverse: reverse, count: count < 0 ? 0 : Int(clamping: count))
        c.engine.noteErrnoCleared(if: read.ranOut)
        return .array(read.entries)
    }
}
