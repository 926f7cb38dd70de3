/// LINDEX and LSET: read or replace one element by index.
extension ListCommands {
    /// LINDEX key index: the element at `index` (negative from the tail), or null. The key is
    /// read before the index is parsed, so a missing key answers null even for a bad index.
    static func lindex(_ c: CommandContext) throws(Reply) -> Reply {
        guard let list = try c.db.readList(c[1]) else { return .null }
        let index = try c.integer(at: 2)
        guard let p = ListIndex.position(index, count: list.count) else { return .null }
        return .bulk(list[p])
    }

    /// LSET key index element: replaces the element at `index`. Errors: `ERR no such key` for
    /// a missing key, `ERR index out of range` outside the list.
    static func lset(_ c: CommandContext) throws(Reply) -> Reply {
        let db = c.db
        let key = c[1]
        guard let length = try db.listLengthForWrite(key) else { throw RedisError.noSuchKey }
        let index = try c.integer(at: 2)
        let element = c[3]
        guard let p = ListIndex.position(index, count: length) else { throw RedisError.indexOutOfRange }
        db.modifyList(key) { $0.replace(at: p, with: element) }
        return .ok
    }
}
