/// WATCH: optimistic locking for MULTI/EXEC.
///
/// A client WATCHes some keys, reads them, then queues its writes between MULTI and EXEC. If any
/// watched key changed in the meantime, EXEC runs nothing and answers a null array, and the
/// client retries. Nothing is locked: the check is made when a key changes.
///
/// Bookkeeping goes both ways, as in Redis:
///
///     Database.watchers:        key -> sessions watching it, in WATCH order   (who to tell)
///     Session.watchedKeys:      (database, key) per watched key               (what to forget)
///     Session.staleWatchedKeys: the watched keys that were stale at WATCH time (see below)
///
/// Every write ends in `Database.signalModified(key)`, which lands here and marks the watching
/// sessions dirty (`transactionIsDirty`); EXEC then fails. A dirty session stops watching at
/// once: it cannot become clean again except by UNWATCH, EXEC or DISCARD.
///
/// Stale keys (Redis 7.0). A key whose TTL has passed but which nobody has touched yet is still
/// in the table. WATCHing such a key marks the watch stale: the key is logically absent, so
/// when it is finally deleted (lazily or by the active expire cycle) nothing has changed from
/// the client's point of view, and its EXEC must not fail. The flag is then cleared and the
/// watch becomes an ordinary one. Conversely, EXEC does fail when a key that was alive at WATCH
/// time has expired since, even if nobody deleted it yet (`watchedKeyHasExpired`).
extension Database {
    /// True when `key` has a TTL that has passed, whether or not it has been deleted yet
    /// (Redis's `keyIsExpired`). Uses the same rule as lazy expiry.
    public func isLogicallyExpired(_ key: Bytes) -> Bool {
        guard !expires.isEmpty, let when = expires[key] else { return false }
        return when <= engine.commandTime
    }

    /// Starts watching `key` of this database for `session` (WATCH); a key already watched is
    /// not added twice.
    func watch(_ key: Bytes, by session: Session) {
        if session.watchedKeys.contains(where: { $0.database == id && $0.key == key }) { return }
        watchers[key, default: []].append(session)
        session.watchedKeys.append((database: id, key: key))
        session.setStaleWatch(isLogicallyExpired(key), database: id, key: key)
    }

    /// The work of `signalModified`: `key` changed, tell the sessions watching it.
    func touchWatchers(_ sessions: [Session], of key: Bytes) {
        for session in sessions {
            if session.isStaleWatch(database: id, key: key) {
                if table.position(of: key) == nil {
                    // The stale key is finally gone: logically nothing changed.
                    session.setStaleWatch(false, database: id, key: key)
                    continue
                }
                // Redis 7.0.15 leaves the loop here, so the sessions after this one are not
                // told either; CacheLab follows the reference server.
                break
            }
            session.transactionIsDirty = true
            engine.unwatchAllKeys(of: session)
        }
    }

    /// Marks dirty the sessions watching keys of this database that a FLUSHDB/FLUSHALL
    /// (`replacement` nil) or a SWAPDB with `replacement` is about to change. Call it while the
    /// keys are still in place. A watched key counts as changed when it exists on either side,
    /// except that stale keys count as absent.
    func touchAllWatchedKeys(replacedWith replacement: Database?) {
        guard !watchers.isEmpty else { return }
        for (key, sessions) in watchers {
            let existsHere = table.position(of: key) != nil
            let existsThere = replacement?.table.position(of: key) != nil
            guard existsHere || existsThere else { continue }
            for session in sessions {
                if session.isStaleWatch(database: id, key: key) {
                    guard let replacement, existsThere else {
                        // A stale key deleted: no logical change; the watch becomes ordinary.
                        session.setStaleWatch(false, database: id, key: key)
                        continue
                    }
                    // A stale key replaced by another stale key: still absent.
                    if replacement.isLogicallyExpired(key) { continue }
                } else if !existsHere, let replacement, replacement.isLogicallyExpired(key) {
                    // An absent key replaced by a stale one: still absent, but now stale.
                    session.setStaleWatch(true, database: id, key: key)
                    continue
                }
                session.transactionIsDirty = true
            }
        }
    }
}

extension Session {
    /// Whether the watch on (database, key) is stale: the key had expired when watched.
    func isStaleWatch(database: Int, key: Bytes) -> Bool {
        staleWatchedKeys[database]?.contains(key) ?? false
    }

    func setStaleWatch(_ stale: Bool, database: Int, key: Bytes) {
        if stale {
            staleWatchedKeys[database, default: []].insert(key)
        } else if staleWatchedKeys[database]?.remove(key) != nil, staleWatchedKeys[database]?.isEmpty == true {
            staleWatchedKeys[database] = nil
        }
    }
}

extension Engine {
    /// Forgets every key `session` watches (UNWATCH, EXEC, DISCARD, RESET, a closed session).
    /// The dirty flag is left to the caller.
    public func unwatchAllKeys(of session: Session) {
        guard !session.watchedKeys.isEmpty else { return }
        for watched in session.watchedKeys where watched.database < databases.count {
            let db = databases[watched.database]
            guard var sessions = db.watchers[watched.key] else { continue }
            sessions.removeAll { $0 === session }
            db.watchers[watched.key] = sessions.isEmpty ? nil : sessions
        }
        session.watchedKeys.removeAll()
        session.staleWatchedKeys.removeAll()
    }

    /// True when a key that was alive when `session` watched it has expired since, deleted or
    /// not: Redis 7.0 fails the EXEC then.
    public func watchedKeyHasExpired(for session: Session) -> Bool {
        for watched in session.watchedKeys where watched.database < databases.count {
            if session.isStaleWatch(database: watched.database, key: watched.key) { continue }
            if databases[watched.database].isLogicallyExpired(watched.key) { return true }
        }
        return false
    }
}
