/// Reading database numbers the way Redis does: first as a C `int`, then against the number of
/// databases.
extension KeyCommands {
    static let intOutOfRange = Reply.error("ERR value is out of range, value must between -2147483648 and 2147483647")

    /// Argument `index` as a C `int` (Redis's `getIntFromObjectOrReply`): not an integer gives
    /// `error` or the usual not-an-integer error, an integer beyond 32 bits gives `error` or
    /// Redis's "value is out of range, value must between ..." error.
    static func int32(_ c: CommandContext, at index: Int, error: Reply? = nil) throws(Reply) -> Int {
        guard let value = c[index].int64Value else { throw error ?? RedisError.notInteger }
        guard value >= Int64(Int32.min) && value <= Int64(Int32.max) else { throw error ?? intOutOfRange }
        return Int(value)
    }

    /// A database number argument (SELECT, MOVE, COPY ... DB): a C `int`, then
    /// `ERR DB index is out of range` when there is no such database.
    static func databaseIndex(_ c: CommandContext, at index: Int) throws(Reply) -> Int {
        let id = try int32(c, at: index)
        guard id >= 0 && id < c.engine.databases.count else { throw RedisError.dbIndexOutOfRange }
        return id
    }
}
