/// WAIT numreplicas timeout: blocks until `numreplicas` replicas have acknowledged this
/// client's writes, or until `timeout` milliseconds pass (0: forever); answers how many did.
///
/// With no replicas the answer is always 0. Redis answers at once when that already satisfies
/// the request (numreplicas of 0 or less) or inside MULTI, where nothing blocks; otherwise it
/// blocks for the whole timeout. CacheLab lets the timeout pass on the engine's clock, as it
/// does for the blocking list pops, and refuses a timeout of 0, which would never end here.
extension ReplicationCommands {
    static func wait(_ c: CommandContext) throws(Reply) -> Reply {
        // The count first, then the timeout.
        let wanted = try c.integer(at: 1)
        let timeout = try c.millisecondTimeout(at: 2)
        let acknowledged = Reply.integer(connectedReplicas)
        if wanted <= connectedReplicas || c.session.isInTransaction { return acknowledged }
        return try c.engine.waitOutBlockingTimeout(milliseconds: timeout, session: c.session, timeoutReply: acknowledged)
    }
}
