/// What each running command sends to the AOF, gathered while it runs (Redis's
/// `alsoPropagate` and `preventCommandPropagation`).
///
/// By default a command that changed data (`Engine.dirty` moved) is written in its
/// deterministic form (`propagationForm`). Some commands say themselves what to write:
/// XREADGROUP, XCLAIM and XAUTOCLAIM write one `XCLAIM ... FORCE JUSTID LASTID` per entry
/// whose ownership changed, `XGROUP SETID` or `XGROUP CREATECONSUMER` where Redis does, and
/// never themselves. A key that expires while a command looks at it adds its `DEL` in the
/// same way, before the command's own form.
///
/// Everything one command propagates is written together; when that is more than one
/// command (outside EXEC, which frames its own), it is wrapped in MULTI ... EXEC, as
/// Redis 7.0 does, so a replay applies all or nothing.
///
/// Commands nest (EXEC runs its queued commands through `Engine.call`), so the gathered
/// commands live in a stack of frames, one per running command, opened only while the AOF
/// is on.
struct PropagationFrame {
    /// The call depth of the command that owns the frame.
    let depth: Int
    /// Commands to write, with the database each ran in.
    var commands: [(db: Int, argv: [Bytes])] = []
    /// The command's own form is not written (it propagated what it did instead).
    var ownFormPrevented = false
    /// The command's own form is written even if it changed nothing (FLUSHALL on an empty
    /// keyspace still goes to the AOF).
    var ownFormForced = false
}

extension PersistenceManager {
    /// The frame of the running command, if the AOF is gathering for it.
    var hasOpenPropagationFrame: Bool {
        // Reads the last frame's depth in place: `.last` would copy the frame, and with it
        // retain and release its command list, on every command.
        let count = propagationFrames.count
        return count > 0 && propagationFrames[count - 1].depth == callDepth
    }

    /// Before a command runs (from `Engine.call`).
    @inline(__always)
    func commandStarting(_ context: CommandContext) {
        callDepth += 1
        if appendOnly != nil { openPropagationFrame(for: context) }
    }

    /// Opens the frame of a command starting while the AOF is on.
    @inline(never)
    private func openPropagationFrame(for context: CommandContext) {
        propagationFrames.append(PropagationFrame(depth: callDepth))
        appendOnly?.commandStarting(context.name)
    }

    /// Queues `argv` (run in database `db`) for the AOF as part of the running command.
    func alsoPropagate(_ argv: [Bytes], db: Int) {
        guard hasOpenPropagationFrame else { return }
        propagationFrames[propagationFrames.count - 1].commands.append((db, argv))
    }

    /// The running command is not written itself.
    func preventCommandPropagation() {
        guard hasOpenPropagationFrame else { return }
        propagationFrames[propagationFrames.count - 1].ownFormPrevented = true
    }

    /// The running command is written even though `dirty` did not move.
    func forceCommandPropagation() {
        guard hasOpenPropagationFrame else { return }
        propagationFrames[propagationFrames.count - 1].ownFormForced = true
    }

    /// Closes the running command's frame, if it has one.
    @inline(__always)
    func closePropagationFrame() -> PropagationFrame? {
        let frame = hasOpenPropagationFrame ? propagationFrames.removeLast() : nil
        callDepth -= 1
        return frame
    }
}

extension CommandContext {
    /// Whether this command's effects are being written to an AOF: commands that build
    /// their own propagation can skip the work when not.
    var isPropagating: Bool { engine.persistence.hasOpenPropagationFrame }

    /// Writes `argv` to the AOF as part of this command (Redis's `alsoPropagate`), in the
    /// session's database.
    func alsoPropagate(_ argv: [Bytes]) {
        engine.persistence.alsoPropagate(argv, db: session.databaseIndex)
    }

    /// This command is not written as itself (Redis's `preventCommandPropagation`): what it
    /// did reaches the AOF through `alsoPropagate`.
    func preventCommandPropagation() {
        engine.persistence.preventCommandPropagation()
    }

    /// This command is written even when it changed nothing (Redis's
    /// `forceCommandPropagation`).
    func forceCommandPropagation() {
        engine.persistence.forceCommandPropagation()
    }
}
