/// What a server does on its way down, shared by SHUTDOWN and the REPL's `:restart`.
extension PersistenceManager {
    /// What a shutdown did.
    public struct ShutdownSteps: Sendable {
        /// The dump was saved.
        public var savedDump = false
        /// The AOF was synced to disk and closed.
        public var closedAppendOnlyFile = false
    }

    /// Redis's order: a background save under way is let finish (Redis kills its child; the
    /// dump is written either way when it is wanted), the dump is saved when `save` says so,
    /// then the AOF is synced and closed. A failed save throws and leaves the AOF running,
    /// unless `force`, which goes on without the dump.
    public func shutDown(save: Bool, force: Bool = false) throws(RDBFile.IOError) -> ShutdownSteps {
        waitForBackgroundSave()
        var steps = ShutdownSteps()
        if save {
            do {
                try self.save()
                steps.savedDump = true
            } catch {
                if !force { throw error }
            }
        }
        if appendOnly != nil {
            stopAppendOnly()
            steps.closedAppendOnlyFile = true
        }
        return steps
    }
}
