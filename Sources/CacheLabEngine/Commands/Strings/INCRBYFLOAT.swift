/// INCRBYFLOAT key increment
///
/// Adds a floating-point increment to a string, in x87 80-bit `long double` arithmetic as
/// Redis does, so results carry the same rounding as a real server's:
///
/// 1. WRONGTYPE for a key of another type; a missing key counts as 0;
/// 2. the stored string, then the increment, must read as a long double (`strtold` over the
///    whole string: no spaces; `inf` is accepted, `nan` and out-of-range values are not),
///    else `ERR value is not a valid float`;
/// 3. a NaN or infinite sum is refused: `ERR increment would produce NaN or Infinity`;
/// 4. the sum is printed with 17 decimals and trailing zeros removed (`3`, `10.6`, never
///    exponent notation) and stored as that text. Redis stores it without trying the `int`
///    encoding, so even `3` is `embstr` (or `raw` beyond 44 bytes). The expire time stays.
extension StringCommands {
    static let nanOrInfinity = Reply.error("ERR increment would produce NaN or Infinity")

    static func incrbyfloat(_ c: CommandContext) throws(Reply) -> Reply {
        let db = c.db
        let key = c[1]
        let current = try db.stringForWrite(key)
        var value: Float80 = 0
        if let current {
            // Redis reads an `int` string without parsing any text (and so leaves errno be).
            if current.encoding != "int" { c.engine.noteLongDoubleParse(current.bytes) }
            guard let parsed = current.bytes.longDoubleValue else { throw RedisError.notFloat }
            value = parsed
        }
        c.engine.noteLongDoubleParse(c[2])
        guard let increment = c[2].longDoubleValue else { throw RedisError.notFloat }
        value += increment
        if value.isNaN || value.isInfinite { throw nanOrInfinity }
        var result = StringValue(Bytes(DoubleFormat.humanLongDouble(value)))
        result.allowsIntEncoding = false
        if current == nil {
            db.add(key, .string(result))
        } else {
            db.update(key) { $0 = .string(result) }
        }
        return .bulk(result.bytes)
    }
}
