/// MEMORY USAGE of a value, estimated the way Redis 7.0 does (`objectComputeSize`).
///
/// Redis does not walk a big collection to answer MEMORY USAGE. It adds up the fixed parts
/// (robj, the structure's header, the bucket arrays of its dict), then looks at the first
/// `SAMPLES` elements only (5 by default, 0 meaning all) and multiplies their average by the
/// element count:
///
///     usage = fixed + (bytes of the sampled elements / sampled) x count
///
/// computed in floating point and truncated. Which elements are "first" depends on the type:
///
///     list         the first quicklist nodes from the head (node struct + its listpack)
///     set, hash    the first entries of the dict's iteration, i.e. in hash order (dictEntry
///                  + member sds, or + field and value sds)
///     sorted set   the first skiplist nodes in score order (member sds + dictEntry + node)
///
/// Compact encodings (intset, listpack) are one allocation and are always exact. So are
/// strings. Redis's hash function is seeded at random in every process, so its "first" set
/// members are a different random handful on every server; CacheLab's are the first in its
/// own table's hash order (the order SCAN walks), an equally arbitrary handful. A set whose
/// members all have the same size gets the exact figure either way; one whose members differ
/// gets an estimate that depends on which were sampled, in Redis as here.
///
/// Streams are counted by `StreamSize`, which already averages its nodes as Redis does.
public enum MemoryUsageEstimate {
    /// Redis's OBJ_COMPUTE_SIZE_DEF_SAMPLES.
    public static let defaultSamples = 5

    /// `fixed` plus the average of `sampled` elements (`sampledBytes` in all) times `total`,
    /// in the same floating-point steps as Redis, truncated.
    @inline(__always)
    static func extrapolate(fixed: Int, sampledBytes: Int, sampled: Int, total: Int) -> Int {
        guard sampled > 0 else { return fixed }
        return Int(Double(fixed) + Double(sampledBytes) / Double(sampled) * Double(total))
    }

    /// What MEMORY USAGE reports for a value (robj included), looking at up to `samples`
    /// elements of a collection (`Int.max` for all). A list's nodes are estimated under
    /// `listFill`, the list-max-listpack-size in force; a stream's tail is preallocated under
    /// `streamNodeMaxBytes`, the stream-node-max-bytes in force.
    static func valueBytes(_ value: Value, samples: Int, listFill: Int64 = QuicklistSize.defaultFill,
                           streamNodeMaxBytes: Int64 = 4096) -> Int {
        let robj = RedisObjectSizes.robj
        switch value {
        case .string(let s):
            return RedisObjectSizes.stringBytes(s)
        case .list(let l):
            return QuicklistSize.reportedBytes(count: l.count, entryBytes: l.entryBytes, samples: samples,
                                               partialAtHead: l.grewAtHead, fill: listFill)
        case .hash(let h):
            return hashBytes(h, samples: samples)
        case .set(let s):
            if s.isIntset { return robj + CollectionSizes.intsetBytes(s) }
            return dictBytes(s.table, fixed: robj + HashSize.dict + s.dict.slots * RedisObjectSizes.bucket,
                             allEntries: s.count * RedisObjectSizes.dictEntry + s.memberSdsBytes, samples: samples) { p in
                RedisObjectSizes.dictEntry + CollectionSizes.sds(s.table.key(at: p))
            }
        case .zset(let z):
            return sortedSetBytes(z, samples: samples)
        case .stream(let s):
            return robj + StreamSize.reportedBytes(s, samples: samples, nodeMaxBytes: streamNodeMaxBytes)
                + StreamSize.groupsBytes(s)
        }
    }

    private static func hashBytes(_ h: HashValue, samples: Int) -> Int {
        let robj = RedisObjectSizes.robj
        guard let box = h.box, let table = box.table else { return robj + HashSize.bytes(h, reported: true) }
        return dictBytes(table, fixed: robj + HashSize.dict + box.dict.slots * RedisObjectSizes.bucket,
                         allEntries: table.count * RedisObjectSizes.dictEntry + box.sdsBytes, samples: samples) { p in
            RedisObjectSizes.dictEntry + HashSize.sds(table.key(at: p)) + HashSize.sds(table.value(at: p))
        }
    }

    /// A hashtable-encoded collection as MEMORY USAGE sizes it: `fixed` bytes, plus every
    /// entry (`allEntries`) when `samples` covers them all, else the first `samples` entries
    /// in hash order (`entryBytes` of each position) scaled up to the whole count.
    private static func dictBytes<V>(_ table: KeyTable<V>, fixed: Int, allEntries: Int, samples: Int,
                                     entryBytes: (Int) -> Int) -> Int {
        let count = table.count
        if samples >= count { return extrapolate(fixed: fixed, sampledBytes: allEntries, sampled: count, total: count) }
        let positions = hashOrderPositions(table, limit: samples)
        let sum = positions.reduce(0) { $0 + entryBytes($1) }
        return extrapolate(fixed: fixed, sampledBytes: sum, sampled: positions.count, total: count)
    }

    private static func sortedSetBytes(_ z: SortedSetValue, samples: Int) -> Int {
        let robj = RedisObjectSizes.robj
        let sizes = z.sizes
        if z.isListpack { return robj + Jemalloc.usableSize(ListpackSize.overhead + sizes.listpackEntryBytes) }
        let fixed = robj + SortedSetSize.skiplistFixedReported + sizes.dict.slots * RedisObjectSizes.bucket
        let count = z.count
        if samples >= count {
            let all = count * RedisObjectSizes.dictEntry + sizes.memberSdsBytes + z.list.nodeBytes
            return extrapolate(fixed: fixed, sampledBytes: all, sampled: count, total: count)
        }
        var sum = 0
        var sampled = 0
        var node = z.list.first
        while node != SkipList.none && sampled < samples {
            let level = Int(z.list.slots[Int(node)].level)
            sum += CollectionSizes.sds(z.list.member(node)) + RedisObjectSizes.dictEntry
                + SortedSetSize.nodeBytes(level: level)
            sampled += 1
            node = z.list.next(node)
        }
        return extrapolate(fixed: fixed, sampledBytes: sum, sampled: sampled, total: count)
    }

    /// Up to `limit` positions of `table` in hash order (the order of its SCAN cursor).
    static func hashOrderPositions<V>(_ table: KeyTable<V>, limit: Int) -> [Int] {
        var positions: [Int] = []
        positions.reserveCapacity(min(limit, table.count))
        var cursor: UInt64 = 0
        repeat {
            cursor = table.scanStep(cursor: cursor) { p in
                if positions.count < limit { positions.append(p) }
            }
        } while cursor != 0 && positions.count < limit
        return positions
    }
}
