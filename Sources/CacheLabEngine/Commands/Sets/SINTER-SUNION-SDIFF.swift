/// Set algebra: SINTER, SUNION, SDIFF, their STORE forms, and SINTERCARD.
///
/// Missing keys count as empty sets; any key holding another type is WRONGTYPE, checked for
/// every key before any work. The algorithms follow Redis:
/// - intersection walks the *smallest* set and keeps the members every other set contains,
///   so it costs O(smallest × number of sets), and stops early for SINTERCARD's LIMIT;
/// - union adds every member of every set to a new set;
/// - difference keeps the members of the first set that no other set contains.
/// Results are built as new sets starting from an empty intset, so a result of few integers
/// is an intset again, whatever its inputs were.
extension SetCommands {
    /// The sets named by `keys` (nil for a missing key), or WRONGTYPE. Read lookups, also
    /// for the STORE forms: Redis 7.0 counts their sources as keyspace hits and misses.
    private static func loadSets(_ c: CommandContext, _ keys: ArraySlice<Bytes>) throws(Reply) -> [SetValue?] {
        var sets: [SetValue?] = []
        sets.reserveCapacity(keys.count)
        for key in keys {
            sets.append(try c.db.readSet(key))
        }
        return sets
    }

    /// The members in every set, in the order of the smallest set; stops after `limit`
    /// members when `limit` > 0.
    static func intersection(_ sets: [SetValue?], limit: Int = 0) -> [Bytes] {
        var present: [SetValue] = []
        for set in sets {
            guard let set, !set.isEmpty else { return [] }
            present.append(set)
        }
        // Smallest first (a stable sort keeps the argument order between equal sizes).
        let ordered = present.enumerated().sorted { ($0.element.count, $0.offset) < ($1.element.count, $1.offset) }.map(\.element)
        let smallest = ordered[0]
        var result: [Bytes] = []
        for position in 0..<smallest.count {
            let member = smallest.member(at: position)
            var everywhere = true
            for other in ordered.dropFirst() where !other.contains(member) {
                everywhere = false
                break
            }
            if everywhere {
                result.append(member)
                if limit > 0 && result.count >= limit { break }
            }
        }
        return result
    }

    /// SINTER key [key ...]
    static func sinter(_ c: CommandContext) throws(Reply) -> Reply {
        let sets = try loadSets(c, c.argv[1...])
        return .set(intersection(sets).map(Reply.bulk))
    }

    /// SINTERSTORE destination key [key ...]: stores the intersection, answers its size.
    static func sinterstore(_ c: CommandContext) throws(Reply) -> Reply {
        let sets = try loadSets(c, c.argv[2...])
        let result = SetValue(intersection(sets), maxIntsetEntries: c.engine.config.setMaxIntsetEntries)
        c.db.storeSet(c[1], result)
        return .integer(result.count)
    }

    /// SINTERCARD numkeys key [key ...] [LIMIT limit]: the size of the intersection, counting
    /// no further than LIMIT (0: no limit).
    static func sintercard(_ c: CommandContext) throws(Reply) -> Reply {
        let numkeys = Int(try c.rangedLong(at: 1, min: 1, max: Int64.max, message: "numkeys should be greater than 0"))
        guard numkeys <= c.argc - 2 else {
            throw Reply.error("ERR Number of keys can't be greater than number of args")
        }
        var limit = 0
        var i = 2 + numkeys
        while i < c.argc {
            if c[i].equalsIgnoringCase("limit") && i + 1 < c.argc {
                limit = Int(try c.nonNegativeLong(at: i + 1, message: "LIMIT can't be negative"))
                i += 2
            } else {
                throw RedisError.syntax
            }
        }
        let sets = try loadSets(c, c.argv[2..<(2 + numkeys)])
        return .integer(intersection(sets, limit: limit).count)
    }

    /// The union of the sets, as a new set.
    static func union(_ sets: [SetValue?], maxIntsetEntries: Int64) -> SetValue {
        var result = SetValue()
        for case let set? in sets {
            for position in 0..<set.count {
                result.insert(set.member(at: position), maxIntsetEntries: maxIntsetEntries)
            }
        }
        return result
    }

    /// The members of the first set that no other set has, as a new set. The same key given
    /// again after the first makes the result empty at once, as in Redis.
    static func difference(_ sets: [SetValue?], keys: ArraySlice<Bytes>, maxIntsetEntries: Int64) -> SetValue {
        var result = SetValue()
        guard let first = sets.first ?? nil else { return result }
        let firstKey = keys[keys.startIndex]
        if keys.dropFirst().contains(firstKey) { return result }
        let others = sets.dropFirst().compactMap { $0 }.filter { !$0.isEmpty }
        for position in 0..<first.count {
            let member = first.member(at: position)
            if !others.contains(where: { $0.contains(member) }) {
                result.insert(member, maxIntsetEntries: maxIntsetEntries)
            }
        }
        return result
    }

    /// SUNION key [key ...]
    static func sunion(_ c: CommandContext) throws(Reply) -> Reply {
        let sets = try loadSets(c, c.argv[1...])
        return .set(union(sets, maxIntsetEntries: c.engine.config.setMaxIntsetEntries).members.map(Reply.bulk))
    }

    /// SUNIONSTORE destination key [key ...]
    static func sunionstore(_ c: CommandContext) throws(Reply) -> Reply {
        let sets = try loadSets(c, c.argv[2...])
        let result = union(sets, maxIntsetEntries: c.engine.config.setMaxIntsetEntries)
        c.db.storeSet(c[1], result)
        return .integer(result.count)
    }

    /// SDIFF key [key ...]
    static func sdiff(_ c: CommandContext) throws(Reply) -> Reply {
        let sets = try loadSets(c, c.argv[1...])
        let result = difference(sets, keys: c.argv[1...], maxIntsetEntries: c.engine.config.setMaxIntsetEntries)
        return .set(result.members.map(Reply.bulk))
    }

    /// SDIFFSTORE destination key [key ...]
    static func sdiffstore(_ c: CommandContext) throws(Reply) -> Reply {
        let sets = try loadSets(c, c.argv[2...])
        let result = difference(sets, keys: c.argv[2...], maxIntsetEntries: c.engine.config.setMaxIntsetEntries)
        c.db.storeSet(c[1], result)
        return .integer(result.count)
    }
}
