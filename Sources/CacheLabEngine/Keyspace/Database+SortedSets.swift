/// In-place access to sorted sets stored in a database, for the sorted-set commands.
extension Database {
    /// Runs `body` on the sorted set stored at `key`, in place (its storage is never copied),
    /// and returns what `body` returns; nil when the key does not exist and `create` is false.
    ///
    /// With `create`, a missing key gets an empty sorted set first. WRONGTYPE when the key
    /// holds another type. The key's access bits are refreshed as for any write lookup. A
    /// sorted set left empty is deleted. WATCHers are not signalled here: the caller signals
    /// when it really changed something, as Redis does.
    func modifySortedSet<R>(_ key: Bytes, create: Bool = false, _ body: (inout SortedSetValue) -> R) throws(Reply) -> R? {
        let position: Int
        if let p = livePosition(of: key) {
            guard case .zset = table.values[p].value else { throw RedisError.wrongType }
            touch(at: p)
            position = p
        } else {
            guard create else { return nil }
            table.insertNew(key, Entry(value: .zset(SortedSetValue()), lru: engine.accessBits(updating: nil)))
            position = table.count - 1
            accountInserted(key, table.values[position].value)
        }
        var emptied = false
        var delta = 0
        let result = table.withValue(at: position) { entry -> R in
            delta = -RedisObjectSizes.valueBytes(entry.value)
            defer { delta += RedisObjectSizes.valueBytes(entry.value) }
            guard case .zset(var zset) = entry.value else { preconditionFailure("checked above") }
            // Park a placeholder so `zset` holds the only reference to its storage.
            entry.value = .string(StringValue(Bytes()))
            let result = body(&zset)
            emptied = zset.isEmpty
            entry.value = .zset(zset)
            return result
        }
        accountResized(by: delta)
        if emptied {
            removeEntry(key)
            signalModified(key)
        }
        return result
    }

    /// The sorted set stored at `key` for a read (counts a hit or miss), nil when missing,
    /// WRONGTYPE when the key holds another type.
    func readSortedSet(_ key: Bytes) throws(Reply) -> SortedSetValue? {
        guard let value = lookupRead(key) else { return nil }
        guard case .zset(let zset) = value else { throw RedisError.wrongType }
        return zset
    }

    /// Like `readSortedSet`, with a write lookup (no hit/miss statistics).
    func readSortedSetForWrite(_ key: Bytes) throws(Reply) -> SortedSetValue? {
        guard let value = lookupWrite(key) else { return nil }
        guard case .zset(let zset) = value else { throw RedisError.wrongType }
        return zset
    }

    /// Stores `zset` under `key` as a new value (replacing any value and its TTL), or deletes
    /// the key when it is empty, as the *STORE commands do.
    func storeSortedSet(_ key: Bytes, _ zset: SortedSetValue) {
        if zset.isEmpty {
            delete(key)
        } else {
            set(key, .zset(zset))
        }
    }
}
