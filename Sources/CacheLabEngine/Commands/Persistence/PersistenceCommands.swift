/// The Persistence command group: saving the keyspace to disk and loading it back.
enum PersistenceCommands {
    static var handlers: [String: Handler] {
        [
            "save": Handler(save),
            "bgsave": Handler(bgsave),
            "lastsave": Handler(lastsave),
            "debug": Handler(debug),
            "bgrewriteaof": Handler(bgrewriteaof),
            "shutdown": Handler(shutdown),
        ]
    }
}
