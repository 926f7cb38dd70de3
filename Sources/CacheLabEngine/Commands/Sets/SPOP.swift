/// SPOP key [count]: removes and returns random members.
///
/// With a count, Redis picks one of three strategies, and so does CacheLab:
/// 1. count ≥ size: return the whole set and delete the key;
/// 2. the members that stay, times 5, outnumber those wanted: pop random members one at a
///    time, and the set keeps its encoding;
/// 3. otherwise (most of the set wanted): it is cheaper to pick the members that *stay*.
///    The stayers are drawn at random into a brand-new set, built as any new set is (an
///    intset while its members are integers), which replaces the old one; what is left of
///    the old set is the answer.
extension SetCommands {
    static let spopMoveStrategyFactor = 5

    static func spop(_ c: CommandContext) throws(Reply) -> Reply {
        if c.argc == 3 { return try spopCount(c) }
        if c.argc > 3 { throw RedisError.syntax }
        let key = c[1]
        let before = c.engine.dirty
        let popped = try c.db.modifySet(key) { set -> Bytes in
            let position = set.randomPosition(&c.engine.random)
            let member = set.member(at: position)
            set.remove(at: position)
            return member
        }
        guard let member = popped else { return .null }
        c.db.signalModified(key)
        c.engine.countChanges(1, since: before)
        return .bulk(member)
    }

    private static func spopCount(_ c: CommandContext) throws(Reply) -> Reply {
        let key = c[1]
        let count = Int(try c.nonNegativeLong(at: 2))
        guard let size = try c.db.readSetForWrite(key)?.count else { return .set([]) }
        if count == 0 { return .set([]) }
        let limit = c.engine.config.setMaxIntsetEntries
        // One change per member popped.
        let before = c.engine.dirty
        let members = try c.db.modifySet(key) { set -> [Bytes] in
            if count >= size {
                // Redis answers this case with SUNION of the one key, whose read lookup
                // counts a keyspace hit.
                c.engine.stats.keyspaceHits += 1
                let all = set.members
                set = SetValue()
                return all
            }
            if (size - count) * spopMoveStrategyFactor > count {
                var popped: [Bytes] = []
                popped.reserveCapacity(count)
                for _ in 0..<count {
                    let position = set.randomPosition(&c.engine.random)
                    popped.append(set.member(at: position))
                    set.remove(at: position)
                }
                return popped
            }
            // A new set, as Redis's `setTypeCreate` makes one: an intset while its members are
            // integers, whatever the old set's encoding was.
            var stayers = SetValue()
            for _ in 0..<(size - count) {
                let position = set.randomPosition(&c.engine.random)
                stayers.insert(set.member(at: position), maxIntsetEntries: limit)
                set.remove(at: position)
            }
            let popped = set.members
            set = stayers
            return popped
        } ?? []
        c.db.signalModified(key)
        c.engine.countChanges(members.count, since: before)
        return .set(members.map(Reply.bulk))
    }
}
