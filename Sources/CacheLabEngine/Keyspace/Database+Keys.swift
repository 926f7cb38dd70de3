/// Whole-key operations of the generic commands: moving an entry between names or databases,
/// picking a random key, emptying and swapping databases.
extension Database {
    /// The entry of a live key after a write lookup (its access bits refreshed, as Redis's
    /// `lookupKeyWrite` does), with its expire time; nil when the key does not exist.
    func takeForMove(_ key: Bytes) -> (entry: Entry, expireAt: Int64?)? {
        guard let p = livePosition(of: key) else { return nil }
        touch(at: p)
        return (table.values[p], expireTime(of: key))
    }

    /// Stores an entry under a key known to be absent, keeping its access bits (a renamed or
    /// moved key is the same object in Redis), and its expire time. Signals nobody: the caller
    /// signals once the whole operation is done.
    func insertMoved(_ key: Bytes, _ entry: Entry, expireAt: Int64?) {
        table.insertNew(key, entry)
        accountInserted(key, entry.value)
        if let expireAt, expires.set(key, expireAt) { accountExpire(added: true) }
    }

    /// A random live key, or nil when the database is empty. Expired keys the draw lands on
    /// are deleted on the way (and counted), as Redis's `dbRandomKey` does.
    ///
    /// During a CLIENT PAUSE expired keys stay, so a database whose keys have all expired
    /// would be drawn from forever (Redis 7.0 hangs there). When every key has a TTL, the
    /// 100th expired draw is returned instead, the rule Redis applies on replicas, which
    /// cannot delete expired keys either.
    func randomLiveKey() -> Bytes? {
        var triesLeft = 100
        while !table.isEmpty {
            let key = table.keys[engine.random.below(table.count)]
            if isLogicallyExpired(key) {
                if engine.holdsExpiredKeys && expires.count == table.count {
                    triesLeft -= 1
                    if triesLeft == 0 { return key }
                }
                expireLazily(key)
                continue
            }
            return key
        }
        return nil
    }

    /// Empties the database for FLUSHDB/FLUSHALL, first telling the sessions that watch keys
    /// that exist.
    func flush() {
        touchAllWatchedKeys(replacedWith: nil)
        table.removeAll()
        expires.removeAll()
        accountEmptied()
        engine.expireCycle.forgetAverageTTL(of: id)
    }

    /// Exchanges the contents of two databases (SWAPDB). Watchers stay with their database
    /// number, so a session watching a key of database 0 now watches the other contents.
    func swapContents(with other: Database) {
        guard other !== self else { return }
        touchAllWatchedKeys(replacedWith: other)
        other.touchAllWatchedKeys(replacedWith: self)
        swap(&table, &other.table)
        swap(&expires, &other.expires)
        engine.memory.swap(id, other.id)
        engine.expireCycle.swapAverageTTL(id, other.id)
    }
}
