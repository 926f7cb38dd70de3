/// Reading and writing hashes through the database, so that every change is seen by WATCH and
/// every lookup follows lazy expiry and the LRU rules.
extension Value {
    /// The hash payload, or nil when this value is another type.
    @inline(__always) public var asHash: HashValue? {
        if case .hash(let hash) = self { return hash }
        return nil
    }

    /// True when this value is a hash.
    @inline(__always) public var isHash: Bool {
        if case .hash = self { return true }
        return false
    }

    /// Mutates the hash in place (no copy of its storage). The value must be a hash.
    @inline(__always) mutating func mutateHash<R>(_ body: (inout HashValue) -> R) -> R {
        guard case .hash(var hash) = self else { preconditionFailure("mutateHash on a \(typeName)") }
        self = .parkedPlaceholder
        defer { self = .hash(hash) }
        return body(&hash)
    }
}

extension Database {
    /// The hash at `key` for a read (hit/miss counted), nil when absent, WRONGTYPE otherwise.
    public func readHash(_ key: Bytes) throws(Reply) -> HashValue? {
        try read(key) { $0.asHash }
    }

    /// Whether `key` holds a hash, looked up for a write: false when absent, WRONGTYPE when it
    /// holds another type. Keeps no reference to the hash, so a following in-place change
    /// does not copy it.
    public func hashExistsForWrite(_ key: Bytes) throws(Reply) -> Bool {
        guard let isHash = lookupWrite(key)?.isHash else { return false }
        guard isHash else { throw RedisError.wrongType }
        return true
    }

    /// Looks `key` up for a write (lazy expiry, LRU touch) and, when it holds a hash, changes
    /// it in place with `body`, signals WATCHers and deletes the key if the hash ends up empty.
    /// Nil when the key is missing (nothing happens); WRONGTYPE when it holds another type.
    /// One lookup for the check and the change: the hot path of the sets.
    /// (The same steps as `lookupWrite` followed by `update`.)
    public func modifyHashIfPresent<R>(_ key: Bytes, _ body: (inout HashValue) -> R) throws(Reply) -> R? {
        guard let p = livePosition(of: key) else { return nil }
        guard table.values[p].value.isHash else { throw RedisError.wrongType }
        touch(at: p)
        var emptied = false
        let result = table.withValue(at: p) { entry in
            entry.value.mutateHash { value in
                let r = body(&value)
                emptied = value.isEmpty
                return r
            }
        }
        signalModified(key)
        if emptied { delete(key) }
        return result
    }

    /// Changes the existing hash at `key` in place, signals WATCHers, and deletes the key when
    /// the hash ends up empty (Redis never keeps an empty hash). Check the type first with
    /// `hashExistsForWrite`.
    @discardableResult
    public func modifyHash<R>(_ key: Bytes, _ body: (inout HashValue) -> R) -> R {
        var emptied = false
        let result = update(key) { value -> R in
            value.mutateHash { hash in
                let r = body(&hash)
                emptied = hash.isEmpty
                return r
            }
        }
        if emptied { delete(key) }
        guard let result else { preconditionFailure("modifyHash on a missing key") }
        return result
    }

    /// Changes the hash at `key` in place, or creates it when `exists` is false (Redis's
    /// `hashTypeLookupWriteOrCreate`). A hash left empty is not stored.
    @discardableResult
    public func modifyOrCreateHash<R>(_ key: Bytes, exists: Bool, _ body: (inout HashValue) -> R) -> R {
        if exists { return modifyHash(key, body) }
        var hash = HashValue()
        let result = body(&hash)
        if !hash.isEmpty { add(key, .hash(hash)) }
        return result
    }
}

extension Database {
    /// Calls `body` with the hash at `key` (which must exist) without statistics or LRU
    /// touches, to decide whether a change is needed. The hash is released before returning,
    /// so a following in-place change does not copy it.
    public func inspectHash<R>(_ key: Bytes, _ body: (HashValue) -> R) -> R? {
        guard let p = livePosition(of: key), case .hash(let hash) = table.values[p].value else { return nil }
        return body(hash)
    }
}
