/// One of the 16 numbered databases: the key table, the expires table, and the rules that
/// every access follows.
///
/// Like Redis, a key's expire time lives in a second table (`expires`), not beside the value:
/// most keys have none, and the keys that do can be sampled on their own by the active expire
/// cycle and by the `volatile-*` eviction policies.
///
/// Every lookup goes through `livePosition(of:)`, which is Redis's *lazy expiry*: a key whose
/// time has passed is deleted the moment anyone looks at it, so no command ever sees it.
public final class Database {
    /// The database number, as SELECT takes it.
    public let id: Int
    public internal(set) var table = KeyTable<Entry>()
    public internal(set) var expires = KeyTable<Int64>()
    /// The engine this database belongs to. The engine owns its databases and outlives them,
    /// so the back reference is `unowned(unsafe)`: a plain pointer, without the atomic
    /// reference-count traffic a checked `unowned` costs on every lookup.
    unowned(unsafe) let engine: Engine
    /// Sessions that WATCH each key of this database.
    var watchers: [Bytes: [Session]] = [:]

    init(id: Int, engine: Engine) {
        self.id = id
        self.engine = engine
    }

    /// Number of keys, expired-but-not-yet-collected ones included (as DBSIZE counts them).
    public var count: Int { table.count }
    /// Number of keys with an expire time.
    public var volatileCount: Int { expires.count }

    // MARK: Lookup

    /// How a lookup should behave, after Redis's `LOOKUP_*` flags.
    public struct LookupOptions: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// Do not update the key's LRU/LFU bits (TYPE, OBJECT, TTL, EXISTS...).
        public static let noTouch = LookupOptions(rawValue: 1)
        /// Do not count a keyspace hit or miss.
        public static let noStats = LookupOptions(rawValue: 2)
    }

    /// The position of `key` in `table` if it exists and has not expired. An expired key is
    /// deleted on the spot (lazy expiry).
    public func livePosition(of key: Bytes) -> Int? {
        guard let p = table.position(of: key) else { return nil }
        if !expires.isEmpty, let when = expires[key], when <= engine.commandTime {
            expireLazily(key)
            return nil
        }
        return p
    }

    /// The value of `key` for a read: counts a hit or a miss, touches the LRU/LFU bits.
    public func lookupRead(_ key: Bytes, options: LookupOptions = []) -> Value? {
        guard let p = livePosition(of: key) else {
            if !options.contains(.noStats) { withEngine { $0.stats.keyspaceMisses += 1 } }
            return nil
        }
        if !options.contains(.noStats) { withEngine { $0.stats.keyspaceHits += 1 } }
        if !options.contains(.noTouch) { touch(at: p) }
        return table.values[p].value
    }

    /// The value of `key` for a write: touches the LRU/LFU bits, counts nothing.
    public func lookupWrite(_ key: Bytes) -> Value? {
        guard let p = livePosition(of: key) else { return nil }
        touch(at: p)
        return table.values[p].value
    }

    /// Whether `key` exists (and has not expired), without side effects on its LRU bits.
    public func contains(_ key: Bytes) -> Bool {
        livePosition(of: key) != nil
    }

    /// Refreshes the access bits of the entry at `position`, as Redis does on every lookup.
    func touch(at position: Int) {
        withEngine { engine in
            if let n = engine.sharedInteger(of: table.values[position].value) {
                // One of Redis's shared integer objects: its bits are every holder's.
                engine.sharedIntegerAccessBits[n] = engine.accessBits(updating: engine.sharedIntegerAccessBits[n])
            } else {
                table.setAccessBits(engine.accessBits(updating: table.values[position].lru), at: position)
            }
        }
    }

    /// Runs `body` with the engine, borrowed without a retain. Reaching a class through a
    /// plain pointer makes Swift retain it around every call or mutation; on the paths every
    /// command takes (a lookup, a touch) those atomic counts cost more than the work.
    @inline(__always) func withEngine<R>(_ body: (Engine) -> R) -> R {
        Unmanaged.passUnretained(engine)._withUnsafeGuaranteedRef(body)
    }

    // MARK: Writing

    /// Stores `value` under `key`, replacing any value. The expire time is removed unless
    /// `keepTTL` is set, as with Redis's `setKey`. Signals WATCHers.
    public func set(_ key: Bytes, _ value: Value, keepTTL: Bool = false) {
        if let p = livePosition(of: key) {
            let delta = RedisObjectSizes.valueBytes(value) - RedisObjectSizes.valueBytes(table.values[p].value)
            // Redis reads the old value first (stamping its bits), and under LFU the new value
            // takes over the old one's bits; a shared integer's bits are left alone otherwise.
            touch(at: p)
            let bits = accessBits(at: p)
            if engine.config.lazyfree.serverDelete { engine.noteLazilyFreed(table.values[p].value) }
            table.withValue(at: p) { $0.value = value; $0.lru = bits }
            withEngine { engine in
                if engine.evictionPolicy.usesLFU, let n = engine.sharedInteger(of: value) {
                    engine.sharedIntegerAccessBits[n] = bits
                }
            }
            accountResized(by: delta)
            if !keepTTL, !expires.isEmpty, expires.remove(key) != nil { accountExpire(added: false) }
        } else {
            table.insertNew(key, Entry(value: value, lru: engine.accessBits(updating: nil)))
            accountInserted(key, value)
        }
        signalModified(key)
    }

    /// Adds a key that does not exist yet. Signals WATCHers unless told not to: Redis's
    /// `dbAdd` leaves that to the command, and a command that creates a key but counts no
    /// change (a BITFIELD whose only write OVERFLOW FAIL refused) breaks no WATCH.
    public func add(_ key: Bytes, _ value: Value, signallingWatchers: Bool = true) {
        table.insertNew(key, Entry(value: value, lru: engine.accessBits(updating: nil)))
        accountInserted(key, value)
        if signallingWatchers { signalModified(key) }
    }

    /// Changes the value of an existing key in place and signals WATCHers. The closure gets the
    /// value itself, not a copy, so a list or hash is mutated without copying its storage.
    /// Returns nil when the key does not exist.
    @discardableResult
    public func update<R>(_ key: Bytes, _ body: (inout Value) throws -> R) rethrows -> R? {
        guard let p = livePosition(of: key) else { return nil }
        var delta = 0
        let result = try table.withValue(at: p) { entry in
            delta = -RedisObjectSizes.valueBytes(entry.value)
            defer { delta += RedisObjectSizes.valueBytes(entry.value) }
            return try body(&entry.value)
        }
        accountResized(by: delta)
        signalModified(key)
        return result
    }

    /// Deletes `key`; returns true when it existed. Signals WATCHers. `lazily` says whether
    /// Redis would free the value in the background (UNLINK, DEL under lazyfree-lazy-user-del);
    /// nil is a delete a command makes on its own, lazy under lazyfree-lazy-server-del.
    @discardableResult
    public func delete(_ key: Bytes, lazily: Bool? = nil) -> Bool {
        guard livePosition(of: key) != nil else { return false }
        let removed = removeEntry(key)
        if let removed, lazily ?? engine.config.lazyfree.serverDelete { engine.noteLazilyFreed(removed) }
        signalModified(key)
        return true
    }

    /// Removes a key and its expire time, with no checks and no signals; returns its value.
    @discardableResult
    func removeEntry(_ key: Bytes) -> Value? {
        guard let removed = table.remove(key) else { return nil }
        let hadExpire = !expires.isEmpty && expires.remove(key) != nil
        accountRemoved(key, removed.value, hadExpire: hadExpire)
        return removed.value
    }

    /// Deletes every key (FLUSHDB), signalling WATCHers of keys that existed.
    public func removeAll() {
        if !watchers.isEmpty {
            for key in watchers.keys where table.position(of: key) != nil { signalModified(key) }
        }
        table.removeAll()
        expires.removeAll()
        accountEmptied()
    }

    // MARK: Expiry

    /// The absolute expire time of `key` in Unix milliseconds, or nil when it has none.
    public func expireTime(of key: Bytes) -> Int64? {
        expires.isEmpty ? nil : expires[key]
    }

    /// Sets the absolute expire time of an existing key. Signals WATCHers.
    public func setExpire(_ key: Bytes, at milliseconds: Int64) {
        if expires.set(key, milliseconds) { accountExpire(added: true) }
        signalModified(key)
    }

    /// Removes the expire time of `key`; returns true when it had one. Signals WATCHers.
    @discardableResult
    public func persist(_ key: Bytes) -> Bool {
        guard !expires.isEmpty, expires.remove(key) != nil else { return false }
        accountExpire(added: false)
        signalModified(key)
        return true
    }

    /// Lazy expiry of a key found past its time: deleted now, unless a CLIENT PAUSE holds the
    /// dataset still (then it only reads as missing; see CLIENT+PAUSE.swift).
    func expireLazily(_ key: Bytes) {
        if engine.clientPause != nil && engine.holdsExpiredKeys { return }
        expireNow(key)
    }

    /// Deletes a key whose time has come, counting it and telling observers, as Redis's
    /// `deleteExpiredKeyAndPropagate` does.
    func expireNow(_ key: Bytes) {
        let removed = removeEntry(key)
        if let removed, engine.config.lazyfree.expire { engine.noteLazilyFreed(removed) }
        engine.stats.expiredKeys += 1
        // WATCHers are told, but, as in Redis, an expiry is no change for `dirty`.
        if !watchers.isEmpty, let sessions = watchers[key] { touchWatchers(sessions, of: key) }
        engine.emit(.keyExpired(database: id, key: key))
    }

    // MARK: WATCH

    /// Marks every session watching `key` as dirty, so its EXEC will fail.
    public func signalModified(_ key: Bytes) {
        engine.dirty &+= 1
        guard !watchers.isEmpty, let sessions = watchers[key] else { return }
        touchWatchers(sessions, of: key)
    }
}
