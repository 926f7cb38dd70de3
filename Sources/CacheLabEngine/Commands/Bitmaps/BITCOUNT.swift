/// BITCOUNT key [start end [BYTE|BIT]]: the number of set bits (population count) of a
/// string, or of a range of it.
///
/// As in Redis 7.0, a missing key answers 0 before the range is even parsed, and the checks
/// come in Redis's order: type, then start, end, the reversed-negative shortcut, and only then
/// the unit keyword.
extension BitmapCommands {
    static func bitcount(_ c: CommandContext) throws(Reply) -> Reply {
        let db = c.db
        guard let position = db.locateForRead(c[1]) else { return .zero }
        guard db.holdsString(at: position) else { throw RedisError.wrongType }
        let length = db.readStringBytes(at: position) { $0.count }

        let range: BitmapRange?
        switch c.argc {
        case 2:
            range = BitmapRange.whole(length: length)
        case 4, 5:
            let start = try c.integer(at: 2)
            let end = try c.integer(at: 3)
            // Two negative indexes in the wrong order select nothing, even where clamping
            // would otherwise turn them into a non-empty range; Redis answers 0 for them
            // before it even reads the unit keyword.
            if start < 0 && end < 0 && start > end { return .zero }
            let unit = c.argc == 5 ? try BitmapRange.unit(c[4]) : .byte
            range = BitmapRange.resolve(start: start, end: end, length: length, unit: unit)
        default:
            throw RedisError.syntax
        }
        guard let range else { return .zero }
        return .integer(db.readStringBytes(at: position) { range.populationCount(of: $0) })
    }
}
