/// CLIENT PAUSE timeout [WRITE|ALL] and CLIENT UNPAUSE: Redis's way to hold clients still for
/// a while, for example during a failover.
///
/// Until the pause ends (its time passes, or CLIENT UNPAUSE), Redis postpones every command
/// (ALL, the default) or only those that may change data (WRITE: write commands, commands
/// that may replicate, and an EXEC whose transaction holds one), the pausing client's own
/// included. CacheLab has one session, so a postponed command waits out the rest of the
/// pause the way a blocking command waits out its timeout: the manual clock jumps to the end
/// of the pause, the system clock is really waited on. Then it runs, timed from then.
extension ConnectionCommands {
    /// CLIENT PAUSE timeout [WRITE|ALL]. A second pause keeps the later end and takes the
    /// new mode, as Redis 7.0 does.
    static func clientPause(_ c: CommandContext) throws(Reply) -> Reply {
        guard c.argc <= 4 else {
            throw RedisError.subcommandSyntax(c[1], of: "CLIENT")
        }
        var writesOnly = false
        if c.argc == 4 {
            if c.argument(3, is: "WRITE") {
                writesOnly = true
            } else if !c.argument(3, is: "ALL") {
                throw Reply.error("ERR CLIENT PAUSE mode must be WRITE or ALL")
            }
        }
        let timeout = try c.millisecondTimeout(at: 2)
        // Redis adds the timeout to the clock without an overflow check: a timeout so large
        // that the sum wraps below zero ends in the past, that is, pauses nothing.
        let end = timeout > 0 ? c.engine.clock.nowMilliseconds &+ timeout : 0
        let previous = c.engine.clientPause?.until ?? 0
        c.engine.clientPause = Engine.ClientPause(until: max(previous, end), writesOnly: writesOnly)
        return .ok
    }

    /// CLIENT UNPAUSE.
    static func clientUnpause(_ c: CommandContext) -> Reply {
        c.engine.clientPause = nil
        return .ok
    }
}

extension Engine {
    /// A pause set by CLIENT PAUSE: until when (Unix milliseconds), and for which commands.
    public struct ClientPause: Sendable, Equatable {
        public var until: Int64
        public var writesOnly: Bool
        /// True while a command that this pause let through runs (a read under WRITE): only
        /// then does a lookup leave an expired key in place. A write can run during a pause
        /// only if the pause began inside its own transaction; it deletes expired keys as
        /// usual, since storing over a key that is still there must not add it twice.
        var isLettingCommandThrough = false
    }

    /// Whether a CLIENT PAUSE is in force now, so that no key may expire or be evicted
    /// (Redis's `checkClientPauseTimeoutAndReturnIfPaused`).
    var isPaused: Bool {
        guard let clientPause else { return false }
        return clientPause.until > clock.nowMilliseconds
    }

    /// Whether a lookup must leave a key whose time has passed where it is: a pause is in
    /// force and the running command is one it let through.
    var holdsExpiredKeys: Bool {
        clientPause?.isLettingCommandThrough == true && isPaused
    }

    /// Waits out the current pause if it holds `command` back (see CLIENT+PAUSE.swift);
    /// returns whether it waited, so the caller starts the command's clock again. After an
    /// interrupted wait the pause is still set.
    @inline(never) func waitOutClientPause(before command: CommandMetadata, session: Session) -> Bool {
        guard let pause = clientPause else { return false }
        let now = clock.nowMilliseconds
        guard pause.until > now else {
            clientPause = nil
            return false
        }
        if pause.writesOnly && !mayChangeData(command, session: session) {
            clientPause?.isLettingCommandThrough = true
            return false
        }
        // Interrupted (Ctrl-C), the pause stays: the caller sees it and gives up.
        if letTimePass(milliseconds: pause.until - now) { clientPause = nil }
        return true
    }

    /// Redis's `is_may_replicate_command`: a write, a command flagged may_replicate, or an
    /// EXEC whose queued commands hold one.
    private func mayChangeData(_ command: CommandMetadata, session: Session) -> Bool {
        let changesData = { (metadata: CommandMetadata) in metadata.hasFlag("write") || metadata.hasFlag("may_replicate") }
        return changesData(command) || command.fullName == "exec" && transaction(of: session, holds: changesData)
    }
}
