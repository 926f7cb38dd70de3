/// The memory bookkeeping of each write to a database: every method that adds, replaces or
/// removes a key or an expire time calls one of these, so `usedMemory` stays exact in O(1).
extension Database {
    /// A new key was added.
    @inline(__always)
    func accountInserted(_ key: Bytes, _ value: Value) {
        stampInsertion(at: table.count - 1)
        let bytes = RedisObjectSizes.entryBytes(key: key, value: value)
        let count = table.count
        let id = id
        withEngine { engine in
            let current = engine.memory.share(of: id).mainBuckets
            let buckets = engine.bucketsAfterInsert(current: current, count: count, adding: bytes)
            engine.memory.change(id) {
                $0.entries += bytes
                $0.mainBuckets = buckets
            }
        }
    }

    /// A key's value changed size by `delta` bytes.
    @inline(__always)
    func accountResized(by delta: Int) {
        guard delta != 0 else { return }
        let id = id
        withEngine { $0.memory.change(id) { $0.entries += delta } }
    }

    /// A key was removed (with its expire entry when `hadExpire`).
    @inline(__always)
    func accountRemoved(_ key: Bytes, _ value: Value, hadExpire: Bool) {
        let bytes = RedisObjectSizes.entryBytes(key: key, value: value)
            + (hadExpire ? RedisObjectSizes.dictEntryAllocated : 0)
        let count = table.count
        let volatile = expires.count
        let id = id
        withEngine { engine in
            engine.memory.change(id) {
                $0.entries -= bytes
                $0.mainBuckets = MemoryLedger.DatabaseShare.bucketsAfterRemoval($0.mainBuckets, for: count)
                if hadExpire { $0.expireBuckets = MemoryLedger.DatabaseShare.bucketsAfterRemoval($0.expireBuckets, for: volatile) }
            }
        }
    }

    /// An expire entry was added (`added`) or removed.
    @inline(__always)
    func accountExpire(added: Bool) {
        let volatile = expires.count
        let current = engine.memory.share(of: id).expireBuckets
        let buckets = added
            ? engine.bucketsAfterInsert(current: current, count: volatile, adding: RedisObjectSizes.dictEntryAllocated)
            : MemoryLedger.DatabaseShare.bucketsAfterRemoval(current, for: volatile)
        engine.memory.change(id) {
            $0.entries += added ? RedisObjectSizes.dictEntryAllocated : -RedisObjectSizes.dictEntryAllocated
            $0.expireBuckets = buckets
        }
    }

    /// Every key was removed (FLUSHDB): the dictionaries are freed.
    func accountEmptied() {
        engine.memory.change(id) { $0 = MemoryLedger.DatabaseShare() }
    }

    /// The bytes this database's keys would take, recounted from scratch (for checks).
    public func recountedMemory() -> MemoryLedger.DatabaseShare {
        var share = MemoryLedger.DatabaseShare()
        for p in 0..<table.count {
            share.entries += RedisObjectSizes.entryBytes(key: table.keys[p], value: table.values[p].value)
        }
        share.entries += expires.count * RedisObjectSizes.dictEntryAllocated
        share.mainBuckets = engine.memory.share(of: id).mainBuckets
        share.expireBuckets = engine.memory.share(of: id).expireBuckets
        return share
    }

    /// MEMORY USAGE of `key` (no expiry check, no statistics, like Redis's dictFind), or nil;
    /// collections are estimated from up to `samples` elements (`Int.max`: all).
    public func memoryUsage(of key: Bytes, samples: Int = MemoryUsageEstimate.defaultSamples) -> Int? {
        guard let p = table.position(of: key) else { return nil }
        // A list's nodes are estimated under the list-max-listpack-size now in force, which is
        // what it was built under unless the setting changed since; so is a stream's tail.
        return RedisObjectSizes.memoryUsage(key: key, value: table.values[p].value, samples: samples,
                                            listFill: engine.config.listMaxListpackSize,
                                            streamNodeMaxBytes: engine.config.streamNodeMaxBytes)
    }
}
