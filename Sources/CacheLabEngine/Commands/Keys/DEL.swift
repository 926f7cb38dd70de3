/// DEL and UNLINK: delete keys, answering how many existed.
extension KeyCommands {
    /// DEL key [key ...]. Expired keys count as absent (and are collected on the way).
    static func del(_ c: CommandContext) -> Reply {
        deleteKeys(c, lazily: c.engine.config.lazyfree.userDelete)
    }

    /// UNLINK key [key ...]: DEL whose big values Redis frees in a background thread. CacheLab
    /// frees at once and counts them in `lazyfreed_objects` (see `Engine+LazyFree.swift`);
    /// the reply is the same.
    static func unlink(_ c: CommandContext) -> Reply {
        deleteKeys(c, lazily: true)
    }

    private static func deleteKeys(_ c: CommandContext, lazily: Bool) -> Reply {
        let db = c.db
        var deleted = 0
        for i in 1..<c.argc where db.delete(c[i], lazily: lazily) { deleted += 1 }
        return .integer(deleted)
    }
}
