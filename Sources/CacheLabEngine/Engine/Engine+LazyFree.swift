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
    /// Notes a value a lazy deletion freed: counted when it is big enough for Redis to free
    /// it in the background. The caller knows whether the deletion was lazy.
    func noteLazilyFreed(_ value: Value) {
        if value.freeEffort > Value.lazyFreeThreshold { stats.lazyfreedObjects += 1 }
    }

    /// Notes the keys of databases a lazy flush emptied.
    func noteLazilyFlushed(keys: Int) {
        stats.lazyfreedObjects += Int64(keys)
    }
}
