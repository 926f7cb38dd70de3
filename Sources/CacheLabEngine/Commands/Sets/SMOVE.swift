/// SMOVE source destination member: moves a member between sets, atomically.
extension SetCommands {
    static func smove(_ c: CommandContext) throws(Reply) -> Reply {
        let source = c[1], destination = c[2], member = c[3]
        // Redis looks both keys up first, then answers 0 for a missing source before checking
        // either type.
        let sourceKind = c.db.collectionKind(source)
        let destinationKind = c.db.collectionKind(destination)
        guard sourceKind != .missing else { return .zero }
        guard sourceKind == .set, destinationKind != .other else { throw RedisError.wrongType }
        if source == destination {
            return try c.db.readSetForWrite(source)?.contains(member) == true ? .one : .zero
        }
        // One change for the removal, one more when the destination gained the member.
        let before = c.engine.dirty
        let removed = try c.db.modifySet(source) { $0.remove(member) } ?? false
        guard removed else { return .zero }
        c.db.signalModified(source)
        let limit = c.engine.config.setMaxIntsetEntries
        let added = try c.db.modifySet(destination, create: true) { $0.insert(member, maxIntsetEntries: limit) } ?? false
        if added { c.db.signalModified(destination) }
        c.engine.countChanges(added ? 2 : 1, since: before)
        return .one
    }
}

extension Database {
    /// Whether a key is missing, a set, or something else: a write lookup (touches the access
    /// bits) that keeps no reference to the value, so it can be mutated in place afterwards.
    enum SetKeyKind { case missing, set, other }

    func collectionKind(_ key: Bytes) -> SetKeyKind {
        guard let p = livePosition(of: key) else { return .missing }
        touch(at: p)
        if case .set = table.values[p].value { return .set }
        return .other
    }
}
