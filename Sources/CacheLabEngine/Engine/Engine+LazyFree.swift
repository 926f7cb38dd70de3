/// Counting what Redis would have freed in the background: INFO's `lazyfreed_objects`.
///
/// Redis frees a deleted value on its main thread unless the deletion is lazy and the value
/// is big (see `Value.freeEffort`); then a background thread frees it, and counts it in
/// `lazyfreed_objects` when done (`lazyfree_pending_objects` while waiting). Which deletions
/// are lazy:
///
///     UNLINK                                   always
///     DEL                                      lazyfree-lazy-user-del
///     eviction                                 lazyfree-lazy-eviction
///     expiry (on access and the active cycle)  lazyfree-lazy-expire
///     overwrites and deletes a command makes   lazyfree-lazy-server-del
///       on its own (SET over a key, RENAME's
///       destination, a *STORE's destination)
///     FLUSHALL / FLUSHDB ASYNC, or without     lazyfree-lazy-user-flush; every key of the
///       SYNC when that switch is on              emptied databases counts, big or small
///
/// CacheLab frees everything at once, on its one thread, so nothing is ever pending; it
/// counts what Redis would have handed over, so the figure means what it means in Redis.
extension Engine {
    /// Notes the freeing of a deleted value: counted when the deletion is lazy and the value
    /// big enough for Redis to free it in the background.
    @inline(__always) func noteFreed(_ value: Value, lazily: Bool) {
        guard lazily else { return }
        if value.freeEffort > Value.lazyFreeThreshold { stats.lazyfreedObjects += 1 }
    }

    /// Notes an emptied database's keys when the flush is lazy.
    func noteFlushed(keys: Int, lazily: Bool) {
        if lazily { stats.lazyfreedObjects += Int64(keys) }
    }
}
