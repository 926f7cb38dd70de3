/// HLEN, HEXISTS and HSTRLEN: small questions about a hash.
extension HashCommands {
    /// HLEN key: the number of fields, 0 when the key is missing.
    static func hlen(_ c: CommandContext) throws(Reply) -> Reply {
        .integer(try c.db.readHash(c[1])?.count ?? 0)
    }

    /// HEXISTS key field: 1 when the field exists, else 0.
    static func hexists(_ c: CommandContext) throws(Reply) -> Reply {
        (try c.db.readHash(c[1])?.contains(c[2]) ?? false) ? .one : .zero
    }

    /// HSTRLEN key field: the length of the field's value, 0 when missing.
    static func hstrlen(_ c: CommandContext) throws(Reply) -> Reply {
        .integer(try c.db.readHash(c[1])?[c[2]]?.count ?? 0)
    }
}
