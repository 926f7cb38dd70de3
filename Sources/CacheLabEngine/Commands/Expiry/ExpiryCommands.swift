/// The Expiry command group: its handlers by full lower-case name.
///
/// Expire times live only in each database's `expires` table, as absolute Unix milliseconds;
/// these commands read and write that table through `Database`.
enum ExpiryCommands {
    static var handlers: [String: Handler] {
        [
            "expire": Handler(expire),
            "pexpire": Handler(pexpire),
            "expireat": Handler(expireat),
            "pexpireat": Handler(pexpireat),
            "ttl": Handler(ttl),
            "pttl": Handler(pttl),
            "expiretime": Handler(expiretime),
            "pexpiretime": Handler(pexpiretime),
            "persist": Handler(persist),
        ]
    }
}
