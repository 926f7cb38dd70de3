/// Stream access for the stream commands: typed lookups with Redis's statistics rules, and
/// in-place changes that signal WATCHers only where Redis does.
///
/// Redis's stream commands differ in how they look keys up: XRANGE, XREAD, XACK, XPENDING,
/// XCLAIM, XAUTOCLAIM and XREADGROUP use `lookupKeyRead` (a keyspace hit or miss is
/// counted, even by those that write), the others `lookupKeyWrite`. And only XADD, XDEL and
/// XTRIM (when they change something) and XGROUP CREATE ... MKSTREAM touch watched keys;
/// group bookkeeping (XREADGROUP, XACK, XCLAIM, XGROUP, XSETID) does not.
extension Database {
    /// The position of the stream at `key` for a read (counts a hit or miss, touches the
    /// key's access bits), nil when absent, WRONGTYPE when another type.
    func streamPositionForRead(_ key: Bytes) throws(Reply) -> Int? {
        guard let p = livePosition(of: key) else {
            engine.stats.keyspaceMisses += 1
            return nil
        }
        engine.stats.keyspaceHits += 1
        touch(at: p)
        guard case .stream = table.values[p].value else { throw RedisError.wrongType }
        return p
    }

    /// The position of the stream at `key` for a write (touches the access bits, no
    /// statistics), nil when absent, WRONGTYPE when another type.
    func streamPositionForWrite(_ key: Bytes) throws(Reply) -> Int? {
        guard let p = livePosition(of: key) else { return nil }
        touch(at: p)
        guard case .stream = table.values[p].value else { throw RedisError.wrongType }
        return p
    }

    /// The stream at a position found by one of the lookups above.
    func stream(at position: Int) -> StreamValue {
        guard case .stream(let s) = table.values[position].value else { preconditionFailure("not a stream") }
        return s
    }

    /// Changes the stream at `position` in place, without signalling WATCHers (the caller
    /// calls `signalModified` when Redis would).
    /// The change in size is accounted in used memory.
    func withStream<R>(at position: Int, _ body: (inout StreamValue) -> R) -> R {
        var delta = 0
        let result = table.withValue(at: position) { entry in
            delta = -RedisObjectSizes.valueBytes(entry.value)
            defer { delta += RedisObjectSizes.valueBytes(entry.value) }
            return entry.value.mutateStream(body)
        }
        accountResized(by: delta)
        return result
    }

    /// Adds an empty stream under `key` (which must not exist) and returns its position.
    func addStream(_ key: Bytes) -> Int {
        let value = Value.stream(StreamValue())
        table.insertNew(key, Entry(value: value, lru: engine.accessBits(updating: nil)))
        accountInserted(key, value)
        return table.position(of: key)!
    }
}
