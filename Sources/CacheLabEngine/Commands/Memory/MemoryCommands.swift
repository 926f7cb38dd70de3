/// The Memory command group: MEMORY USAGE, STATS, DOCTOR, MALLOC-STATS, PURGE and HELP.
///
/// Every figure comes from CacheLab's model of Redis 7.0's allocations (see `Memory/`), so a
/// student can compare it with a real server's: the same keys cost about the same bytes.
enum MemoryCommands {
    static var handlers: [String: Handler] {
        [
            "memory|usage": Handler(usage),
            "memory|stats": Handler(stats),
            "memory|doctor": Handler(doctor),
            "memory|malloc-stats": Handler(mallocStats),
            "memory|purge": Handler(purge),
            "memory|help": Handler(help),
        ]
    }
}
