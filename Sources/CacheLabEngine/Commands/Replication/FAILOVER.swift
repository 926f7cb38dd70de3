/// FAILOVER [TO host port [FORCE]] [ABORT] [TIMEOUT milliseconds]: hands the master role to a
/// replica, coordinated so that no write is lost.
///
/// Redis reads the options first, each at most once (a repeat is a syntax error, and ABORT
/// goes with no other option); TIMEOUT must be a positive number of milliseconds, checked as
/// soon as it is read. Then ABORT with no failover running, or any failover with no replica
/// connected, is refused. CacheLab never has a replica (see `ReplicationCommands`), so a
/// well-formed FAILOVER always ends in one of those two refusals.
extension ReplicationCommands {
    static let noFailoverInProgress = Reply.error("ERR No failover in progress.")
    static let failoverNeedsReplicas = Reply.error("ERR FAILOVER requires connected replicas.")
    static let failoverTimeoutNotPositive = Reply.error("ERR FAILOVER timeout must be greater than 0")

    static func failover(_ c: CommandContext) throws(Reply) -> Reply {
        var target = false, force = false, abort = false, timeout = false
        var i = 1
        while i < c.argc {
            if c.argument(i, is: "TO") && i + 2 < c.argc && !target {
                _ = try c.integer(at: i + 2)
                target = true
                i += 3
            } else if c.argument(i, is: "TIMEOUT") && i + 1 < c.argc && !timeout {
                if try c.integer(at: i + 1) <= 0 { throw failoverTimeoutNotPositive }
                timeout = true
                i += 2
            } else if c.argument(i, is: "FORCE") && !force {
                force = true
                i += 1
            } else if c.argument(i, is: "ABORT") && !abort {
                abort = true
                i += 1
            } else {
                throw RedisError.syntax
            }
        }
        if abort && (target || force || timeout) { throw RedisError.syntax }
        throw abort ? noFailoverInProgress : failoverNeedsReplicas
    }
}
