/// APPEND and STRLEN.
extension StringCommands {
    static let stringTooLong = Reply.error("ERR string exceeds maximum allowed size (proto-max-bulk-len)")

    /// Throws `stringTooLong` when `size + extra` bytes would exceed `proto-max-bulk-len` (or
    /// overflow), as Redis's `checkStringLength` does before APPEND and SETRANGE grow a string.
    static func checkStringLength(_ size: Int64, plus extra: Int, in c: CommandContext) throws(Reply) {
        let (total, overflow) = size.addingReportingOverflow(Int64(extra))
        if overflow || total > c.engine.config.protoMaxBulkLength { throw stringTooLong }
    }

    /// APPEND key value: appends to the string (creating it when missing) and answers the new
    /// length. A new key is stored as SET would store it; an existing one is extended in place
    /// and becomes `raw`, even when nothing was appended.
    static func append(_ c: CommandContext) throws(Reply) -> Reply {
        let db = c.db
        let key = c[1]
        let suffix = c[2]
        guard let length = try db.stringLengthForWrite(key) else {
            db.add(key, .string(StringValue(suffix)))
            return .integer(suffix.count)
        }
        try checkStringLength(Int64(length), plus: suffix.count, in: c)
        db.editString(key) { $0.appendInPlace(suffix) }
        return .integer(length + suffix.count)
    }

    /// STRLEN key: the length of the string, 0 when the key does not exist.
    static func strlen(_ c: CommandContext) throws(Reply) -> Reply {
        .integer(try c.db.stringForRead(c[1])?.bytes.count ?? 0)
    }
}
