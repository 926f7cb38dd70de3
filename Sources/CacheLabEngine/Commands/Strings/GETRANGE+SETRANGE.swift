/// GETRANGE (and its old name SUBSTR) and SETRANGE: reading and writing part of a string.
extension StringCommands {
    static let offsetOutOfRange = Reply.error("ERR offset is out of range")

    /// GETRANGE key start end: the bytes from `start` to `end`, both included.
    ///
    /// Negative indexes count from the end (-1 is the last byte). Redis's rules, in order:
    /// both negative with start after end gives ""; negatives are made positive by adding
    /// the length, then anything still negative becomes 0; an end past the string is cut
    /// to the last byte; start after end, or an empty string, gives "". The indexes are
    /// parsed before the key is looked up; a missing key gives "".
    static func getrange(_ c: CommandContext) throws(Reply) -> Reply {
        var start = try c.integer(at: 2)
        var end = try c.integer(at: 3)
        guard let string = try c.db.stringForRead(c[1]) else { return .bulk(Bytes()) }
        let length = Int64(string.bytes.count)
        if start < 0 && end < 0 && start > end { return .bulk(Bytes()) }
        if start < 0 { start += length }
        if end < 0 { end += length }
        if start < 0 { start = 0 }
        if end < 0 { end = 0 }
        if end >= length { end = length - 1 }
        if start > end || length == 0 { return .bulk(Bytes()) }
        return .bulk(string.bytes[Int(start)..<Int(end) + 1])
    }

    /// SETRANGE key offset value: overwrites the string from `offset` with `value`, padding
    /// with zero bytes when the string is shorter, and answers the new length.
    ///
    /// A negative offset is `ERR offset is out of range` (checked first); an empty value
    /// changes nothing and answers the current length (0, and no key created, when missing);
    /// a result longer than `proto-max-bulk-len` (512 MB by default) is refused. The string becomes `raw`, a new one included.
    static func setrange(_ c: CommandContext) throws(Reply) -> Reply {
        let offset = try c.integer(at: 2)
        if offset < 0 { throw offsetOutOfRange }
        let db = c.db
        let key = c[1]
        let patch = c[3]
        guard let length = try db.stringLengthForWrite(key) else {
            if patch.isEmpty { return .zero }
            try checkStringLength(offset, plus: patch.count, in: c)
            // A new string is made in one go, its buffer sized for it.
            var padded = [UInt8](repeating: 0, count: Int(offset))
            patch.withUnsafeBytes { padded.append(contentsOf: $0) }
            db.add(key, .string(StringValue(Bytes(padded), isRaw: true)))
            return .integer(padded.count)
        }
        if patch.isEmpty { return .integer(length) }
        try checkStringLength(offset, plus: patch.count, in: c)
        let newLength = db.editString(key) { string -> Int in
            string.writeInPlace(patch, at: Int(offset))
            return string.bytes.count
        }
        return .integer(newLength)
    }
}
