/// HINCRBY and HINCRBYFLOAT: arithmetic on a field's value.
extension HashCommands {
    static let hashValueNotInteger = Reply.error("ERR hash value is not an integer")
    static let hashValueNotFloat = Reply.error("ERR hash value is not a float")
    static let incrementIsNaNOrInfinity = Reply.error("ERR value is NaN or Infinity")
    static let resultIsNaNOrInfinity = Reply.error("ERR increment would produce NaN or Infinity")

    /// HINCRBY key field increment: adds a 64-bit integer to the field (a missing field counts
    /// as 0) and replies with the result. The field must hold a canonical integer; a result
    /// outside 64 bits is refused.
    static func hincrby(_ c: CommandContext) throws(Reply) -> Reply {
        let increment = try c.integer(at: 3)
        let db = c.db
        let key = c[1]
        let field = c[2]
        let exists = try db.hashExistsForWrite(key)
        var current: Int64 = 0
        if exists, let old = db.inspectHash(key, { $0[field] }) ?? nil {
            guard let value = old.int64Value else { throw hashValueNotInteger }
            current = value
        }
        let (result, overflow) = current.addingReportingOverflow(increment)
        if overflow { throw RedisError.overflow }
        let limits = HashValue.Limits(c.engine.config)
        db.modifyOrCreateHash(key, exists: exists) { $0.set(field, Bytes(integer: result), limits: limits) }
        return .integer(result)
    }

    /// HINCRBYFLOAT key field increment: adds a long double (x87, 64-bit mantissa) to the field
    /// and stores and replies with the sum printed as `%.17Lf` without trailing zeros, the way
    /// INCRBYFLOAT prints it.
    static func hincrbyfloat(_ c: CommandContext) throws(Reply) -> Reply {
        c.engine.noteLongDoubleParse(c[3])
        guard let increment = c[3].longDoubleValue else { throw RedisError.notFloat }
        if increment.isInfinite { throw incrementIsNaNOrInfinity }
        let db = c.db
        let key = c[1]
        let field = c[2]
        let exists = try db.hashExistsForWrite(key)
        var current: Float80 = 0
        if exists, let (old, listpack) = db.inspectHash(key, { h in h[field].map { ($0, h.isListpack) } }) ?? nil {
            // A listpack keeps integers as integers, which Redis reads without parsing text.
            if !listpack || old.int64Value == nil { c.engine.noteLongDoubleParse(old) }
            guard let value = old.longDoubleValue else { throw hashValueNotFloat }
            current = value
        }
        let sum = current + increment
        if sum.isNaN || sum.isInfinite { throw resultIsNaNOrInfinity }
        let text = Bytes(DoubleFormat.humanLongDouble(sum))
        let limits = HashValue.Limits(c.engine.config)
        db.modifyOrCreateHash(key, exists: exists) { $0.set(field, text, limits: limits) }
        return .bulk(text)
    }
}
