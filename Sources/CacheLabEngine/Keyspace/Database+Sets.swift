/// In-place access to sets stored in a database, for the set commands.
extension Database {
    /// Runs `body` on the set stored at `key`, in place (its storage is never copied), and
    /// returns what `body` returns; nil when the key does not exist and `create` is false.
    ///
    /// With `create`, a missing key gets an empty set first. WRONGTYPE when the key holds
    /// another type. The key's access bits are refreshed as for any write lookup. A set left
    /// empty is deleted (empty collections never stay in Redis). WATCHers are not signalled
    /// here: the caller signals when it really changed something, as Redis does.
    func modifySet<R>(_ key: Bytes, create: Bool = false, _ body: (inout SetValue) -> R) throws(Reply) -> R? {
        let position: Int
        if let p = livePosition(of: key) {
            guard case .set = table.values[p].value else { throw RedisError.wrongType }
            touch(at: p)
            position = p
        } else {
            guard create else { return nil }
            table.insertNew(key, Entry(value: .set(SetValue()), lru: engine.accessBits(updating: nil)))
            position = table.count - 1
            accountInserted(key, table.values[position].value)
        }
        var emptied = false
        var delta = 0
        let result = table.withValue(at: position) { entry -> R in
            delta = -RedisObjectSizes.valueBytes(entry.value)
            defer { delta += RedisObjectSizes.valueBytes(entry.value) }
            guard case .set(var set) = entry.value else { preconditionFailure("checked above") }
            // Park a placeholder so `set` holds the only reference to its storage.
            entry.value = .string(StringValue(Bytes()))
            let result = body(&set)
            emptied = set.isEmpty
            entry.value = .set(set)
            return result
        }
        accountResized(by: delta)
        if emptied {
            removeEntry(key)
            signalModified(key)
        }
        return result
    }

    /// The set stored at `key` for a read (counts a hit or miss), nil when missing, WRONGTYPE
    /// when the key holds another type.
    func readSet(_ key: Bytes) throws(Reply) -> SetValue? {
        guard let value = lookupRead(key) else { return nil }
        guard case .set(let set) = value else { throw RedisError.wrongType }
        return set
    }

    /// Like `readSet`, with a write lookup (no hit/miss statistics).
    func readSetForWrite(_ key: Bytes) throws(Reply) -> SetValue? {
        guard let value = lookupWrite(key) else { return nil }
        guard case .set(let set) = value else { throw RedisError.wrongType }
        return set
    }

    /// Stores `set` under `key` as a new value (replacing any value and its TTL), or deletes
    /// the key when the set is empty, as the *STORE commands do. Signals WATCHers either way
    /// when the key changed.
    func storeSet(_ key: Bytes, _ set: SetValue) {
        if set.isEmpty {
            delete(key)
        } else {
            self.set(key, .set(set))
        }
    }
}
