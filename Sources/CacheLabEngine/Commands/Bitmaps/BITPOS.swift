/// BITPOS key bit [start [end [BYTE|BIT]]]: the position of the first bit set to 1 or 0.
///
/// The answer is always an absolute bit position from the start of the string, whatever range
/// was searched. The special rules, as in Redis:
/// - a missing key is an endless run of zeros: the first 0 is at 0, there is no 1 (-1);
/// - an empty range contains nothing (-1);
/// - looking for a 0 in a string of all ones without an explicit `end` answers the first bit
///   past the string (its length in bits), since the string is as if padded with zeros; with an
///   explicit `end` the range is taken literally and the answer is -1.
extension BitmapCommands {
    static let bitArgumentError = Reply.error("ERR The bit argument must be 1 or 0.")

    static func bitpos(_ c: CommandContext) throws(Reply) -> Reply {
        let bit = try c.integer(at: 2)
        guard bit == 0 || bit == 1 else { throw bitArgumentError }
        let db = c.db
        guard let position = db.locateForRead(c[1]) else { return .integer(bit == 1 ? -1 : 0) }
        guard db.holdsString(at: position) else { throw RedisError.wrongType }
        let length = db.readStringBytes(at: position) { $0.count }

        let range: BitmapRange?
        var endGiven = false
        switch c.argc {
        case 3:
            range = BitmapRange.whole(length: length)
        case 4, 5, 6:
            let start = try c.integer(at: 3)
            let unit = c.argc == 6 ? try BitmapRange.unit(c[5]) : .byte
            var end = Int64.max
            if c.argc >= 5 {
                end = try c.integer(at: 4)
                endGiven = true
            }
            range = BitmapRange.resolve(start: start, end: end, length: length, unit: unit)
        default:
            throw RedisError.syntax
        }
        guard let range else { return .integer(-1) }
        let found = db.readStringBytes(at: position) { range.firstPosition(of: Int(bit), in: $0) }
        if let found { return .integer(found) }
        if bit == 1 || endGiven { return .integer(-1) }
        return .integer(range.lastBit + 1)
    }
}
