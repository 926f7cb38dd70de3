/// SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]: saves what Redis would save, then stops.
///
/// Redis stops like this: it syncs the AOF, saves the dump when save points are set (or SAVE
/// asks for it; NOSAVE forbids it), and exits. If that save fails the server stays up and
/// answers an error, unless FORCE says to exit anyway. The client never gets a reply to a
/// shutdown that worked: its connection just closes.
///
/// CacheLab's engine cannot exit a process. It does everything else and then marks itself
/// shut down (`Engine.isShutDown`); the REPL sees the mark and ends, as redis-cli's
/// connection ends. NOW and FORCE are accepted: there are no replicas to wait for, and FORCE
/// keeps its meaning of going on after a failed save (the steps are `PersistenceManager.shutDown`,
/// which `:restart` shares). With no shutdown ever left pending, ABORT always answers that none
/// is in progress.
extension PersistenceCommands {
    static let shutdownFailed = Reply.error("ERR Errors trying to SHUTDOWN. Check logs.")
    static let noShutdownInProgress = Reply.error("ERR No shutdown in progress.")

    struct ShutdownOptions {
        var noSave = false
        var save = false
        var now = false
        var force = false
        var abort = false

        init(parsing c: CommandContext) throws(Reply) {
            for i in 1..<c.argc {
                if c.argument(i, is: "NOSAVE") { noSave = true }
                else if c.argument(i, is: "SAVE") { save = true }
                else if c.argument(i, is: "NOW") { now = true }
                else if c.argument(i, is: "FORCE") { force = true }
                else if c.argument(i, is: "ABORT") { abort = true }
                else { throw RedisError.syntax }
            }
            if abort && (noSave || save || now || force) { throw RedisError.syntax }
            if noSave && save { throw RedisError.syntax }
        }
    }

    static func shutdown(_ c: CommandContext) throws(Reply) -> Reply {
        let options = try ShutdownOptions(parsing: c)
        if options.abort { return noShutdownInProgress }
        let engine = c.engine
        let save = options.save || (!options.noSave && !engine.config.savePoints.isEmpty)
        do {
            _ = try engine.persistence.shutDown(save: save, force: options.force)
        } catch {
            return shutdownFailed
        }
        engine.isShutDown = true
        return .ok
    }
}
