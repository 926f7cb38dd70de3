/// The Memory command group: MEMORY USAGE, STATS, DOCTOR, PURGE and HELP.
///
/// Every figure comes from CacheLab's model of Redis 7.0's allocations (see `Memory/`), so a
/// student can compare it with a real server's: the same keys cost about the same bytes.
enum MemoryCommands {
    static var handlers: [String: CommandHandler] {
        [
            "memory|usage": usage,
            "memory|stats": stats,
            "memory|doctor": doctor,
            "memory|purge": purge,
            "memory|help": help,
        ]
    }
}
