import Foundation

/// Blocking commands (BLPOP, BZPOPMIN, XREAD BLOCK, ...) in a single in-process session.
///
/// Redis parks a blocked client until another client writes to one of its keys or the timeout
/// passes. CacheLab has one session, so while it waits nobody else can write: the wait always
/// ends in the timeout. The engine therefore lets the timeout pass on its own clock, then the
/// command answers what Redis answers on a timeout:
/// - a manual clock (tests, lessons) jumps forward by the timeout, so keys with a TTL expire
///   exactly as they would have;
/// - the system clock (the REPL) is really waited on, as redis-cli would sit there.
/// A timeout of 0 means "forever", which could never end: CacheLab answers an error of its
/// own instead of hanging. Inside MULTI nothing blocks, as in Redis: the timeout's answer
/// comes at once, whatever the timeout. As in Redis, INFO commandstats counts only the
/// command's running time, not its wait, and latencystats takes no sample of it.
///
/// A wait on the system clock can be interrupted: the front end sets `isInterrupted` (the
/// REPL, on Ctrl-C) and the command gives up with `interruptedError` instead of its timeout
/// reply. redis-cli would simply quit there, leaving the server and its data running; here
/// the data lives in this process, so the session goes on instead.
extension Engine {
    /// CacheLab's error for a blocking command that would wait forever.
    public static let waitsForeverError = Reply.error(
        "ERR CacheLab runs a single session, so a blocking command with timeout 0 would wait forever: use a positive timeout")

    /// Lets a blocking command's timeout pass (see the type's comment) and returns
    /// `timeoutReply`, or throws `waitsForeverError` for a timeout of 0 outside MULTI.
    public func waitOutBlockingTimeout(milliseconds: Int64, session: Session, timeoutReply: Reply) throws(Reply) -> Reply {
        // Inside MULTI, and for the AOF's replay (Redis's deny-blocking clients), a command
        // never blocks.
        if session.isInTransaction || persistence.isLoadingAppendOnlyFile { return timeoutReply }
        if milliseconds <= 0 { throw Self.waitsForeverError }
        let waitStarted = clock.nowMicroseconds
        let waitedOut = letTimePass(milliseconds: milliseconds)
        blockedMicroseconds += max(1, clock.nowMicroseconds - waitStarted)
        guard waitedOut else { throw Self.interruptedError }
        return timeoutReply
    }

    /// The answer of a command whose wait was interrupted (the REPL prints nothing for it).
    public static let interruptedError = Reply.error("ERR CacheLab: the wait was interrupted")

    /// Waits `milliseconds` on the engine's clock, as the one session must wait for anything
    /// (a blocking timeout, the end of a CLIENT PAUSE): a manual clock jumps forward, the
    /// system clock is really slept on, in slices of at most 20 ms between which
    /// `isInterrupted` is asked. The command then sees the new time. Returns false when
    /// the wait was interrupted before its end.
    @discardableResult
    func letTimePass(milliseconds: Int64) -> Bool {
        defer { commandTime = clock.nowMilliseconds }
        switch clock.source {
        case .manual:
            clock.advance(byMilliseconds: milliseconds)
            return true
        case .system:
            let end = clock.nowMicroseconds + milliseconds * 1000
            while true {
                let left = end - clock.nowMicroseconds
                if left <= 0 { return true }
                if isInterrupted() { return false }
                Thread.sleep(forTimeInterval: Double(min(left, 20_000)) / 1_000_000)
            }
        }
    }
}
