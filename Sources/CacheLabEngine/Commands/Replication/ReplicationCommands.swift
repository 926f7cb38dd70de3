/// The Replication command group: ROLE, WAIT and FAILOVER, answered as a standalone Redis
/// 7.0.15 master with no replicas answers them.
///
/// A Redis master streams its writes to replicas and counts the bytes it sent in its
/// replication offset. CacheLab runs one engine in one process, and nothing can connect to it
/// as a replica, so it is always that master: its role is `master`, no replica ever
/// acknowledges a write, and there is nobody to fail over to. The commands still check their
/// arguments, and WAIT still waits, exactly as on a real server in that state.
enum ReplicationCommands {
    static var handlers: [String: Handler] {
        [
            "role": Handler(role),
            "wait": Handler(wait),
            "failover": Handler(failover),
        ]
    }

    /// The master's replication offset (INFO's `master_repl_offset`): with no replica ever
    /// attached, Redis keeps no backlog and the offset stays 0.
    static let replicationOffset: Int64 = 0

    /// How many replicas are connected (INFO's `connected_slaves`).
    static let connectedReplicas: Int64 = 0
}
