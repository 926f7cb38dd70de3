/// The memory check in front of every command (part of Redis's `processCommand`).
extension Engine {
    /// Redis's `shared.oomerr`.
    public static let outOfMemoryError = Reply.error("OOM command not allowed when used memory > 'maxmemory'.")

    /// Commands never refused for memory inside MULTI (EXEC only when it queued a denyoom one).
    static let exemptFromOutOfMemoryInMulti: Set<String> = ["exec", "discard", "quit", "reset"]

    /// Runs the evictions due before `command` and returns the OOM error when the command must
    /// be refused; nil lets it run.
    @inline(__always)
    func memoryCheck(before command: CommandMetadata, session: Session) -> Reply? {
        // Without a limit (the default) there is nothing to do: answered here, in the caller,
        // before any call is made.
        guard config.maxmemory > 0 else { return nil }
        return memoryCheckAtLimit(before: command, session: session)
    }

    /// `memoryCheck` when maxmemory is set.
    @inline(never)
    private func memoryCheckAtLimit(before command: CommandMetadata, session: Session) -> Reply? {
        guard performEvictions() == .failed else { return nil }
        let name = command.fullName
        var refuse = command.hasFlag("denyoom")
        if name == "exec", let queued = session.queuedCommands {
            refuse = queued.contains { argv in
                if case .command(let c) = registry.resolve(argv) { return c.metadata.hasFlag("denyoom") }
                return false
            }
        }
        if session.isInTransaction && !Self.exemptFromOutOfMemoryInMulti.contains(name) { refuse = true }
        return refuse ? Self.outOfMemoryError : nil
    }
}
