/// Loading the AOF into a running engine (DEBUG LOADAOF), as opposed to at start-up.
extension PersistenceManager {
    /// Empties every database and replays the AOF the manifest on disk names. The replayed
    /// commands must not be logged a second time, so the AOF (if on) is set aside while they
    /// run and appending resumes afterwards where it was. Afterwards nothing counts as
    /// changed since the last save (Redis zeroes `dirty`, so the load is not propagated).
    ///
    /// Returns nil when there is no AOF on disk; the keyspace is then empty, as it is after a
    /// load that fails (the error is thrown).
    public func reloadAppendOnlyFiles() throws -> LoadSummary? {
        let running = appendOnly
        appendOnly = nil
        defer { appendOnly = running }
        let summary: LoadSummary?
        do {
            summary = try loadAppendOnlyFiles()
        } catch {
            emptyAllDatabases()
            throw error
        }
        guard let summary else {
            emptyAllDatabases()
            return nil
        }
        engine.dirty = 0
        return summary
    }

    private func emptyAllDatabases() {
        for db in engine.databases { db.flush() }
    }
}
