/// DEL and UNLINK: delete keys, answering how many existed.
extension KeyCommands {
    /// DEL key [key ...]. Expired keys count as absent (and are collected on the way).
    static func del(_ c: CommandContext) -> Reply {
        deleteKeys(c)
    }

    /// UNLINK key [key ...]: DEL whose memory Redis frees in a background thread. CacheLab frees
    /// at once; the reply is the same.
    static func unlink(_ c: CommandContext) -> Reply {
        deleteKeys(c)
    }

    private static func deleteKeys(_ c: CommandContext) -> Reply {
        let db = c.db
        var deleted = 0
        for i in 1..<c.argc where db.delete(c[i]) { deleted += 1 }
        return .integer(deleted)
    }
}
