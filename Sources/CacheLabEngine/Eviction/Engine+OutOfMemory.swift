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
        if name == "exec" && session.isInTransaction {
            refuse = transaction(of: session, holds: { $0.hasFlag("denyoom") })
        }
        if session.isInTransaction && !Self.exemptFromOutOfMemoryInMulti.contains(name) { refuse = true }
        return refuse ? Self.outOfMemoryError : nil
    }
}

extension Engine {
    /// Whether a command queued in `session`'s transaction matches `test`: what Redis's
    /// `mstate.cmd_flags` answers for EXEC (a transaction holding a denyoom command is refused
    /// at the limit; one holding a write waits out a CLIENT PAUSE WRITE).
    func transaction(of session: Session, holds test: (CommandMetadata) -> Bool) -> Bool {
        guard let queued = session.queuedCommands else { return false }
        return queued.contains { argv in
            guard case .command(let command) = registry.resolve(argv) else { return false }
            return test(command.metadata)
        }
    }
}
