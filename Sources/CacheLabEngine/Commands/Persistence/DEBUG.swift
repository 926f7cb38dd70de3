/// DEBUG: of Redis's debugging subcommands, CacheLab has RELOAD (save the dump, empty the
/// keyspace, load the dump back: a quick check that everything survives a round trip),
/// LOADAOF (empty the keyspace, load the append-only file back; `DEBUG+LOADAOF.swift`) and
/// SLEEP (a slow command on purpose; `DEBUG+SLEEP.swift`).
extension PersistenceCommands {
    /// DEBUG <subcommand> [arguments].
    static func debug(_ c: CommandContext) throws(Reply) -> Reply {
        if c[1].equalsIgnoringCase("RELOAD") { return try debugReload(c) }
        if c[1].equalsIgnoringCase("LOADAOF") { return try debugLoadAOF(c) }
        if c.argc == 3 && c[1].equalsIgnoringCase("SLEEP") { return try debugSleep(c) }
        if c.argc == 2 && c[1].equalsIgnoringCase("HELP") { return debugHelp(c) }
        throw RedisError.subcommandSyntax(c[1], of: "DEBUG")
    }

    /// DEBUG RELOAD [MERGE] [NOFLUSH] [NOSAVE].
    static func debugReload(_ c: CommandContext) throws(Reply) -> Reply {
        var merge = false, flush = true, save = true
        for i in 2..<max(2, c.argc) {
            if c.argument(i, is: "MERGE") {
                merge = true
            } else if c.argument(i, is: "NOFLUSH") {
                flush = false
            } else if c.argument(i, is: "NOSAVE") {
                save = false
            } else {
                throw Reply.error("ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.")
            }
        }
        let persistence = c.engine.persistence
        if save {
            do {
                try persistence.save(counted: false)
            } catch {
                throw Reply.error("ERR Error trying to save the DB")
            }
        }
        do {
            // Without NOFLUSH the keyspace is replaced; with it, loaded keys join the existing
            // ones (MERGE lets them replace keys of the same name, else a clash fails the load).
            if try persistence.loadDump(merge: !flush, replaceExisting: merge) == nil {
                // No dump: Redis has already emptied the keyspace when it finds out.
                if flush { for db in c.engine.databases { db.flush() } }
                throw Reply.error("ERR Error trying to load the RDB dump, check server logs.")
            }
        } catch let reply as Reply {
            throw reply
        } catch {
            throw Reply.error("ERR Error trying to load the RDB dump, check server logs.")
        }
        return .ok
    }

    /// DEBUG HELP: Redis's entries for the subcommands CacheLab has. Where Redis would kill
    /// the server on a clash (NOFLUSH), CacheLab's load fails instead, and the text says so.
    static func debugHelp(_ c: CommandContext) -> Reply {
        .subcommandHelp(c[0].string, [
            "LOADAOF",
            "    Flush the AOF buffers on disk and reload the AOF in memory.",
            "RELOAD [option ...]",
            "    Save the RDB on disk and reload it back to memory. Valid <option> values:",
            "    * MERGE: conflicting keys will be loaded from RDB.",
            "    * NOFLUSH: the existing database will not be removed before load, but",
            "      conflicting keys make the load fail.",
            "    * NOSAVE: the database will be loaded from an existing RDB file.",
            "    Examples:",
            "    * DEBUG RELOAD: verify that the server is able to persist, flush and reload",
            "      the database.",
            "    * DEBUG RELOAD NOSAVE: replace the current database with the contents of an",
            "      existing RDB file.",
            "    * DEBUG RELOAD NOSAVE NOFLUSH MERGE: add the contents of an existing RDB",
            "      file to the database.",
            "SLEEP <seconds>",
            "    Stop the server for <seconds>. Decimals allowed.",
        ])
    }
}
