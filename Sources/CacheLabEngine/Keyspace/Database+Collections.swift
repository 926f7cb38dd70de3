/// A collection payload that a database can edit in place: sets and sorted sets.
protocol InPlaceCollection {
    init()
    var isEmpty: Bool { get }
    /// The payload when `value` holds this type, else nil.
    static func payload(of value: Value) -> Self?
    /// The payload wrapped as a value.
    var asValue: Value { get }
}

extension SetValue: InPlaceCollection {
    static func payload(of value: Value) -> SetValue? {
        if case .set(let set) = value { return set }
        return nil
    }
    var asValue: Value { .set(self) }
}

extension SortedSetValue: InPlaceCollection {
    static func payload(of value: Value) -> SortedSetValue? {
        if case .zset(let zset) = value { return zset }
        return nil
    }
    var asValue: Value { .zset(self) }
}

/// In-place access to collections stored in a database, shared by the set and sorted-set
/// commands.
extension Database {
    /// Runs `body` on the collection stored at `key`, in place (its storage is never copied),
    /// and returns what `body` returns; nil when the key does not exist and `create` is false.
    ///
    /// With `create`, a missing key gets an empty collection first. WRONGTYPE when the key
    /// holds another type. The key's access bits are refreshed as for any write lookup. A
    /// collection left empty is deleted (empty collections never stay in Redis). WATCHers are
    /// not signalled here: the caller signals when it really changed something, as Redis does.
    func modifyCollection<C: InPlaceCollection, R>(_ key: Bytes, create: Bool, _ body: (inout C) -> R) throws(Reply) -> R? {
        let position: Int
        if let p = livePosition(of: key) {
            guard C.payload(of: table.values[p].value) != nil else { throw RedisError.wrongType }
            touch(at: p)
            position = p
        } else {
            guard create else { return nil }
            table.insertNew(key, Entry(value: C().asValue, lru: engine.accessBits(updating: nil)))
            position = table.count - 1
            accountInserted(key, table.values[position].value)
        }
        var emptied = false
        var delta = 0
        let result = table.withValue(at: position) { entry -> R in
            delta = -RedisObjectSizes.valueBytes(entry.value)
            defer { delta += RedisObjectSizes.valueBytes(entry.value) }
            guard var collection = C.payload(of: entry.value) else { preconditionFailure("checked above") }
            // Park a placeholder so `collection` holds the only reference to its storage.
            entry.value = .string(StringValue(Bytes()))
            let result = body(&collection)
            emptied = collection.isEmpty
            entry.value = collection.asValue
            return result
        }
        accountResized(by: delta)
        if emptied {
            removeEntry(key)
            signalModified(key)
        }
        return result
    }

    /// The collection stored at `key` for a read (counts a hit or miss), nil when missing,
    /// WRONGTYPE when the key holds another type.
    func readCollection<C: InPlaceCollection>(_ key: Bytes) throws(Reply) -> C? {
        guard let value = lookupRead(key) else { return nil }
        guard let collection = C.payload(of: value) else { throw RedisError.wrongType }
        return collection
    }

    /// Like `readCollection`, with a write lookup (no hit/miss statistics).
    func readCollectionForWrite<C: InPlaceCollection>(_ key: Bytes) throws(Reply) -> C? {
        guard let value = lookupWrite(key) else { return nil }
        guard let collection = C.payload(of: value) else { throw RedisError.wrongType }
        return collection
    }

    /// Stores `collection` under `key` as a new value (replacing any value and its TTL), or
    /// deletes the key when it is empty, as the *STORE commands do. Signals WATCHers either way
    /// when the key changed.
    func storeCollection<C: InPlaceCollection>(_ key: Bytes, _ collection: C) {
        if collection.isEmpty {
            delete(key)
        } else {
            set(key, collection.asValue)
        }
    }
}
