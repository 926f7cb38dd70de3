/// The Persistence command group: saving the keyspace to disk and loading it back.
enum PersistenceCommands {
    static var handlers: [String: CommandHandler] {
        [
            "save": save,
            "bgsave": bgsave,
            "lastsave": lastsave,
            "debug": debug,
            "bgrewriteaof": bgrewriteaof,
        ]
    }
}
