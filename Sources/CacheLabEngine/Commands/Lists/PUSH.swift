/// LPUSH, RPUSH, LPUSHX and RPUSHX: add elements at one end of a list.
extension ListCommands {
    /// LPUSH key element [element ...]: pushes each element at the head in turn (so
    /// `LPUSH k a b c` leaves `c b a`), creating the list; replies with the new length.
    static func lpush(_ c: CommandContext) throws(Reply) -> Reply {
        try push(c, atHead: true, onlyIfExists: false)
    }

    /// RPUSH key element [element ...]: pushes each element at the tail.
    static func rpush(_ c: CommandContext) throws(Reply) -> Reply {
        try push(c, atHead: false, onlyIfExists: false)
    }

    /// LPUSHX key element [element ...]: like LPUSH, but only onto an existing list (else 0).
    static func lpushx(_ c: CommandContext) throws(Reply) -> Reply {
        try push(c, atHead: true, onlyIfExists: true)
    }

    /// RPUSHX key element [element ...]: like RPUSH, but only onto an existing list (else 0).
    static func rpushx(_ c: CommandContext) throws(Reply) -> Reply {
        try push(c, atHead: false, onlyIfExists: true)
    }

    private static func push(_ c: CommandContext, atHead: Bool, onlyIfExists: Bool) throws(Reply) -> Reply {
        let db = c.db
        let key = c[1]
        let elements = c.argv[2...]
        // One change per element pushed.
        let before = c.engine.dirty
        let pushed = try db.modifyListIfPresent(key) { list in
            for element in elements { list.push(element, atHead: atHead) }
            return list.count
        }
        if let pushed {
            c.engine.countChanges(elements.count, since: before)
            return .integer(pushed)
        }
        if onlyIfExists { return .zero }
        let length = db.pushList(key, elements, atHead: atHead, exists: false)
        c.engine.countChanges(elements.count, since: before)
        return .integer(length)
    }
}
