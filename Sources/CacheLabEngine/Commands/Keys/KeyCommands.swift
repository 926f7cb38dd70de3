/// The Keys command group: commands that work on keys and databases whatever the value's type
/// (Redis's "generic" group, plus SELECT, SWAPDB, DBSIZE and FLUSHDB/FLUSHALL).
enum KeyCommands {
    static var handlers: [String: Handler] {
        [
            // Databases
            "select": Handler(select),
            "swapdb": Handler(swapdb),
            "dbsize": Handler(dbsize),
            "move": Handler(move),
            "flushdb": Handler(flushdb),
            "flushall": Handler(flushall),
            // Finding keys
            "keys": Handler(keys),
            "scan": Handler(scan),
            "randomkey": Handler(randomkey),
            "exists": Handler(exists),
            "type": Handler(type),
            "touch": Handler(touch),
            // Removing, renaming, copying
            "del": Handler(del),
            "unlink": Handler(unlink),
            "rename": Handler(rename),
            "renamenx": Handler(renamenx),
            "copy": Handler(copy),
            // Serializing
            "dump": Handler(dump),
            "restore": Handler(restore),
            "restore-asking": Handler(restore),
            // Introspection
            "object|encoding": Handler(objectEncoding),
            "object|refcount": Handler(objectRefcount),
            "object|idletime": Handler(objectIdletime),
            "object|freq": Handler(objectFreq),
            "object|help": Handler(objectHelp),
        ]
    }
}
