/// The Expiry command group: its handlers by full lower-case name.
///
/// Expire times live only in each database's `expires` table, as absolute Unix milliseconds;
/// these commands read and write that table through `Database`.
enum ExpiryCommands {
    static var handlers: [String: CommandHandler] {
        [
            "expire": expire,
            "pexpire": pexpire,
            "expireat": expireat,
            "pexpireat": pexpireat,
            "ttl": ttl,
            "pttl": pttl,
            "expiretime": expiretime,
            "pexpiretime": pexpiretime,
            "persist": persist,
        ]
    }
}
