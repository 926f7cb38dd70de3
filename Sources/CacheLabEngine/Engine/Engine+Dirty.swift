/// The change counter, `dirty` (Redis's `server.dirty`, INFO's `rdb_changes_since_last_save`).
///
/// Every write adds to it; a save subtracts what it saw. Users see it in INFO persistence, the
/// save points (`save 60 10000`: save when 10000 changes are 60 s old) read it, and a command
/// reaches the AOF when it moved the counter. So it must move as Redis's does, and Redis counts
/// per element for many commands:
///
///     SADD s a b c        +3   (members added)       HSET h f v g w   +2 (pairs given)
///     LPUSH l a b         +2   (elements pushed)     ZADD z 1 a 2 b   +added+updated
///     LPOP l 5            +popped                    DEL a b missing  +2 (keys deleted)
///     SADD s a (present)  +0   (nothing changed)     any error        +0
///
/// A key write through `Database` (`set`, `update`, `delete`, ...) signals WATCHers and adds 1,
/// which is Redis's count for most single-key commands. A command whose count differs takes a
/// reading first and settles the counter when done:
///
///     let before = c.engine.dirty
///     ... writes, each signalling its keys ...
///     c.engine.countChanges(added + updated, since: before)
///
/// so the count no longer depends on how many key writes the command made.
extension Engine {
    /// Sets the counter to `before` plus `changes`: the command that read `before` made exactly
    /// `changes` changes, however many key writes it signalled.
    @inline(__always)
    public func countChanges(_ changes: Int, since before: Int64) {
        dirty = before &+ Int64(changes)
    }
}

extension Database {
    /// Tells the sessions watching `key` it changed, without counting a change: for deletions
    /// Redis does not count, such as an eviction.
    public func signalWatchersOnly(_ key: Bytes) {
        let before = engine.dirty
        signalModified(key)
        engine.dirty = before
    }
}
