/// LMOVE and RPOPLPUSH: pop from one list and push onto another, atomically.
extension ListCommands {
    /// LMOVE source destination LEFT|RIGHT LEFT|RIGHT: pops from the given end of `source`,
    /// pushes onto the given end of `destination` (created when missing), replies with the
    /// element; null when `source` is missing. Source and destination may be the same list,
    /// which rotates it.
    static func lmove(_ c: CommandContext) throws(Reply) -> Reply {
        let fromHead = try c.listEnd(at: 3)
        let toHead = try c.listEnd(at: 4)
        return try move(c, from: c[1], to: c[2], fromHead: fromHead, toHead: toHead)
    }

    /// RPOPLPUSH source destination: LMOVE source destination RIGHT LEFT.
    static func rpoplpush(_ c: CommandContext) throws(Reply) -> Reply {
        try move(c, from: c[1], to: c[2], fromHead: false, toHead: true)
    }

    /// The move itself, shared with BLMOVE and BRPOPLPUSH. The destination's type is checked
    /// before anything is popped, so a WRONGTYPE destination leaves the source intact.
    static func move(_ c: CommandContext, from source: Bytes, to destination: Bytes,
                     fromHead: Bool, toHead: Bool) throws(Reply) -> Reply {
        let db = c.db
        guard try db.listLengthForWrite(source) != nil else { return .null }
        let destinationExists = source == destination ? true : try db.listLengthForWrite(destination) != nil
        // A move is one change, whatever it did to the two keys.
        let before = c.engine.dirty
        defer { c.engine.countChanges(1, since: before) }
        if source == destination {
            return .bulk(db.modifyList(source) { list in
                let element = list.pop(atHead: fromHead)!
                list.push(element, atHead: toHead)
                return element
            })
        }
        let element = db.modifyList(source) { $0.pop(atHead: fromHead)! }
        _ = db.pushList(destination, [element][...], atHead: toHead, exists: destinationExists)
        return .bulk(element)
    }
}
