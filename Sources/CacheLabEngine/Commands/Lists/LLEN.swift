/// LLEN: the length of a list.
extension ListCommands {
    /// LLEN key: the number of elements, 0 when the key is missing.
    static func llen(_ c: CommandContext) throws(Reply) -> Reply {
        .integer(try c.db.readList(c[1])?.count ?? 0)
    }
}
