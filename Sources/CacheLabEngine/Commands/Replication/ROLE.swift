/// ROLE: what this server is in a replication setup, the short form of INFO replication.
extension ReplicationCommands {
    /// A master answers its role, its replication offset and its replicas (each as host,
    /// port and acknowledged offset): here `master`, 0 and none.
    static func role(_ c: CommandContext) -> Reply {
        .array([.bulk("master"), .integer(replicationOffset), .array([])])
    }
}
