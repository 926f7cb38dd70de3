/// The Keys command group: commands that work on keys and databases whatever the value's type
/// (Redis's "generic" group, plus SELECT, SWAPDB, DBSIZE and FLUSHDB/FLUSHALL).
enum KeyCommands {
    static var handlers: [String: CommandHandler] {
        [
            // Databases
            "select": select,
            "swapdb": swapdb,
            "dbsize": dbsize,
            "move": move,
            "flushdb": flushdb,
            "flushall": flushall,
            // Finding keys
            "keys": keys,
            "scan": scan,
            "randomkey": randomkey,
            "exists": exists,
            "type": type,
            "touch": touch,
            // Removing, renaming, copying
            "del": del,
            "unlink": unlink,
            "rename": rename,
            "renamenx": renamenx,
            "copy": copy,
            // Introspection
            "object|encoding": objectEncoding,
            "object|refcount": objectRefcount,
            "object|idletime": objectIdletime,
            "object|freq": objectFreq,
            "object|help": objectHelp,
        ]
    }
}
