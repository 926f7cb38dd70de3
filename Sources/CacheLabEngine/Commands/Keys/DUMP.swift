/// DUMP key: the key's value serialized in the RDB format, for RESTORE on this server or another.
///
/// The payload (see `DumpPayload`) holds the value alone: no key, no TTL, no access bits. It is
/// what MIGRATE moves between Redis servers, and what a student can carry from CacheLab into a
/// real Redis and back.
extension KeyCommands {
    /// Answers the payload, or nil when the key does not exist. A read like GET: it counts a
    /// hit or a miss and touches the key's access bits.
    static func dump(_ c: CommandContext) -> Reply {
        guard let value = c.db.lookupRead(c[1]) else { return .null }
        let limits = KeyspaceSnapshot.EncodingLimits(c.engine.config)
        let compression = c.engine.persistence.settings.compression
        return .bulk(Bytes(DumpPayload.encode(value, limits: limits, compression: compression)))
    }
}
