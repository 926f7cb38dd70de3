/// LPOS: the positions of an element in a list.
///
/// LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]
///
/// The scan starts at the head, or at the tail when RANK is negative, and reports positions
/// counted from the head either way. RANK n skips the first n-1 matches; COUNT asks for an
/// array of up to that many positions (0: all of them); MAXLEN compares at most that many
/// elements (0: the whole list). Without COUNT the reply is one integer or null; with COUNT an
/// array, empty when nothing matches.
extension ListCommands {
    static let rankZero = "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list"

    static func lpos(_ c: CommandContext) throws(Reply) -> Reply {
        var rank: Int64 = 1
        var count: Int64? = nil
        var maxlen: Int64 = 0
        var i = 3
        while i < c.argc {
            let hasValue = i + 1 < c.argc
            if c.argument(i, is: "RANK") && hasValue {
                rank = try c.integer(at: i + 1)
                if rank == 0 { throw Reply.error(rankZero) }
            } else if c.argument(i, is: "COUNT") && hasValue {
                count = try c.nonNegativeInteger(at: i + 1, orError: "ERR COUNT can't be negative")
            } else if c.argument(i, is: "MAXLEN") && hasValue {
                maxlen = try c.nonNegativeInteger(at: i + 1, orError: "ERR MAXLEN can't be negative")
            } else {
                throw RedisError.syntax
            }
            i += 2
        }
        guard let list = try c.db.readList(c[1]) else { return count == nil ? .null : .emptyArray }
        let positions = matches(of: c[2], in: list, rank: rank, count: count ?? 1, maxlen: maxlen)
        if count == nil { return positions.first.map { .integer($0) } ?? .null }
        return .array(positions.map { .integer($0) })
    }

    /// The reported positions. Redis turns a negative rank positive in a signed 64-bit long,
    /// so RANK -9223372036854775808 stays negative: every match then passes the rank test and
    /// the count test never stops the scan. The wrapping arithmetic below keeps that.
    private static func matches(of element: Bytes, in list: ListValue, rank: Int64, count: Int64, maxlen: Int64) -> [Int] {
        let fromTail = rank < 0
        let wanted = fromTail ? 0 &- rank : rank
        let n = list.count
        let limit = maxlen == 0 ? n : Int(min(Int64(n), maxlen))
        var found: [Int] = []
        var seen: Int64 = 0
        for step in 0..<limit {
            let p = fromTail ? n - 1 - step : step
            guard list[p] == element else { continue }
            seen += 1
            guard seen >= wanted else { continue }
            found.append(p)
            if count != 0 && (seen &- wanted &+ 1) >= count { break }
        }
        return found
    }
}
