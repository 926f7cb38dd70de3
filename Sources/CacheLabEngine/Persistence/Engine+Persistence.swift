/// Swapping a loaded keyspace into the engine.
extension Engine {
    /// A key of a merge that already exists (DEBUG RELOAD NOFLUSH without MERGE).
    public struct DuplicateKeyOnLoad: Error, CustomStringConvertible {
        public let key: Bytes
        public var description: String { "Duplicated key '\(key.string)' found while loading" }
    }

    /// Replaces every database with the loaded ones (watchers of existing keys are told), or,
    /// with `merge`, adds the loaded keys to the existing ones: replacing those with the same
    /// name when `replaceExisting`, else refusing the whole load if any name is taken.
    func install(_ result: RDBReader.Result, merge: Bool, replaceExisting: Bool = true) throws {
        if merge {
            if !replaceExisting {
                for (i, loaded) in result.databases.enumerated() where i < databases.count {
                    if let key = loaded.table.keys.first(where: { databases[i].table.position(of: $0) != nil }) {
                        throw DuplicateKeyOnLoad(key: key)
                    }
                }
            }
            for (i, loaded) in result.databases.enumerated() where i < databases.count {
                let db = databases[i]
                for (p, key) in loaded.table.keys.enumerated() {
                    db.set(key, loaded.table.values[p].value)
                    if let when = loaded.expires[key] { db.setExpire(key, at: when) }
                }
            }
            return
        }
        for (i, db) in databases.enumerated() {
            db.flush()
            if i < result.databases.count {
                db.table = result.databases[i].table
                db.expires = result.databases[i].expires
                // Bits the file gave land where Redis puts them: on a shared integer's
                // object when the key holds one (the last such key in the file wins).
                for p in result.databases[i].positionsWithAccessBits { db.setAccessBits(db.table.values[p].lru, at: p) }
            }
        }
    }
}

extension Engine {
    /// How a value read in the RDB format (a RESTORE's payload, a dump at start-up) is placed
    /// on this engine: the encoding thresholds in force, and the LRU and LFU clocks of the
    /// command time.
    func loadOptions() -> RDBReader.Options {
        var options = RDBReader.Options()
        options.now = commandTime
        options.lruClock = lruClock
        options.lruClockResolution = max(1, config.lruClockResolutionMilliseconds)
        options.evictionKind = .init(policy: config.maxmemoryPolicy)
        options.limits = .init(config)
        return options
    }
}
