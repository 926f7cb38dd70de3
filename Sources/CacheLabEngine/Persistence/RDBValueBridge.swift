/// The one place where the RDB code touches the collection types' storage: reading their
/// elements for the writer, and building values from decoded elements for the reader.
///
/// Keeping this in one file means a change in how a collection stores itself changes only
/// these few functions, not the byte formats around them.
enum RDBValueBridge {
    // MARK: Reading values (writer side)

    static func listItems(_ list: ListValue) -> [Bytes] {
        Array(list.items)
    }

    static func hashPairs(_ hash: HashValue) -> [(Bytes, Bytes)] {
        var pairs: [(Bytes, Bytes)] = []
        pairs.reserveCapacity(hash.count)
        hash.forEach { pairs.append(($0, $1)) }
        return pairs
    }

    /// Whether the hash is held as a listpack (saved as type 16) rather than a table (type 4).
    static func hashIsCompact(_ hash: HashValue) -> Bool {
        hash.isListpack
    }

    static func setMembers(_ set: SetValue) -> [Bytes] {
        set.members
    }

    /// Whether the set is an intset (saved as type 11) rather than a table (type 2).
    static func setIsIntset(_ set: SetValue) -> Bool {
        set.isIntset
    }

    static func sortedSetPairs(_ zset: SortedSetValue) -> [(member: Bytes, score: Double)] {
        let table = zset.scores
        return (0..<table.count).map { (table.key(at: $0), table.value(at: $0)) }
    }

    /// Whether the sorted set is a listpack (saved as type 17) rather than a skiplist (type 5).
    static func sortedSetIsCompact(_ zset: SortedSetValue) -> Bool {
        zset.isListpack
    }

    // MARK: Building values (reader side)

    static func makeList(_ items: [Bytes]) -> Value {
        .list(ListValue(.init(items)))
    }

    /// Nil when a field repeats (a corrupt file).
    /// A hash encoded as Redis encodes it on load: a table when it has more fields than
    /// `hash-max-listpack-entries` or a string longer than `hash-max-listpack-value`.
    static func makeHash(_ pairs: [(Bytes, Bytes)], limits: KeyspaceSnapshot.EncodingLimits) -> Value? {
        let hashLimits = HashValue.Limits(maxEntries: Int64(limits.hashMaxListpackEntries),
                                          maxValueLength: Int64(limits.hashMaxListpackValue))
        var hash = HashValue()
        if pairs.count > hashLimits.maxEntries { hash.convertToHashtable() }
        for (f, v) in pairs {
            guard hash.set(f, v, limits: hashLimits) else { return nil }
        }
        return .hash(hash)
    }

    /// Nil when a member repeats (a corrupt file).
    static func makeSet(_ members: [Bytes], limits: KeyspaceSnapshot.EncodingLimits) -> Value? {
        let set = SetValue(members, maxIntsetEntries: Int64(limits.setMaxIntsetEntries))
        return set.count == members.count ? .set(set) : nil
    }

    /// Nil when a member repeats (a corrupt file). Encoded as Redis encodes it on load: a
    /// listpack within `zset-max-listpack-*`, else a skiplist.
    static func makeSortedSet(_ pairs: [(member: Bytes, score: Double)], limits: KeyspaceSnapshot.EncodingLimits) -> Value? {
        let zsetLimits = SortedSetValue.Limits(maxEntries: Int64(limits.zsetMaxListpackEntries),
                                               maxValue: Int64(limits.zsetMaxListpackValue))
        var zset = SortedSetValue(listpack: pairs.count <= limits.zsetMaxListpackEntries)
        for p in pairs {
            guard zset.score(of: p.member) == nil else { return nil }
            // A -0 score stays -0: Redis keeps one in a skiplist (ZADD z -0 m on a big sorted
            // set answers ZSCORE "-0"), and so does its RDB and its load.
            zset.insert(p.member, score: p.score, limits: zsetLimits)
        }
        return .zset(zset)
    }

    /// Number of elements, to skip empty collections as Redis does.
    static func elementCount(_ value: Value) -> Int {
        switch value {
        case .string: return 1
        case .list(let l): return l.count
        case .hash(let h): return h.count
        case .set(let s): return s.count
        case .zset(let z): return z.count
        case .stream: return 1
        }
    }
}
