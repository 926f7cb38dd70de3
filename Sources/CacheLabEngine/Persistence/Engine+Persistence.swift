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
                restoreSharedIntegerBits(from: result.databases[i])
            }
        }
    }

    /// A key loaded with an IDLE or FREQ that holds one of the shared integers: Redis sets the
    /// bits on the shared object, which every key holding that integer shares (the last such
    /// key in the file wins). Without this, OBJECT IDLETIME of such a key would read the
    /// shared object's bits from before the load.
    private func restoreSharedIntegerBits(from loaded: RDBReader.LoadedDatabase) {
        for p in loaded.positionsWithAccessBits {
            let entry = loaded.table.values[p]
            if let n = sharedInteger(of: entry.value) { sharedIntegerAccessBits[n] = entry.lru }
        }
    }
}
