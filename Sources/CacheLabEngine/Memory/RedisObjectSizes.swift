/// How big Redis 7.0 makes a key and a value, allocation by allocation.
///
/// A string key in the main dictionary costs:
///
///     dictEntry   24 bytes (key pointer, value pointer, next)     -> jemalloc class 32
///     key sds     header + bytes + '\0'                            -> its size class
///     value robj  16 bytes (type, encoding, 24 lru bits, refcount, ptr) plus its payload
///
/// An sds header grows with the length: 1 byte below 32 (type 5: keys, and strings made in one
/// go by SETRANGE, SETBIT or BITOP; a buffer that grew gets at least type 8), 3 bytes below
/// 256, 5 below 64 KiB, 9 below 4 GiB.
/// A string value is one of three encodings:
///
///     int     the number lives in the robj's pointer: 16 bytes, no payload
///     embstr  robj and sds in one allocation: class(16 + 3 + len + 1)  (len <= 44)
///     raw     robj (16) + a separate sds: class(header + len + 1), or more for a string
///             grown in place (see `StringValue+Sds`)
///
/// A key with a TTL also has an entry in the expires dictionary (its key is shared with the
/// main dictionary, the time is stored in the entry): 32 more bytes. Each dictionary has an
/// array of 8-byte bucket pointers, a power of two at least as large as its key count.
///
/// MEMORY USAGE reports key + value + sizeof(dictEntry) = 24 (not the 32 jemalloc charges).
public enum RedisObjectSizes {
    public static let robj = 16
    public static let dictEntry = 24
    public static let dictEntryAllocated = Jemalloc.usableSize(24)
    public static let bucket = 8

    /// The bytes of an sds header for a string of `length` (type 5 allowed for keys only).
    public static func sdsHeader(length: Int, allowsType5: Bool) -> Int {
        if length < 32 && allowsType5 { return 1 }
        if length < 256 { return 3 }
        if length < 65_536 { return 5 }
        if length < 1 << 32 { return 9 }
        return 17
    }

    /// The allocation holding a key's sds.
    @inline(__always)
    public static func keyBytes(_ key: Bytes) -> Int {
        Jemalloc.usableSize(sdsHeader(length: key.count, allowsType5: true) + key.count + 1)
    }

    /// The allocations of a string value: robj plus payload, by encoding.
    public static func stringBytes(_ s: StringValue) -> Int {
        let n = s.bytes.count
        if !s.isRaw && s.allowsIntEncoding && n <= 20 && s.bytes.mayBeInteger && s.bytes.int64Value != nil { return robj }
        if !s.isRaw && n <= StringValue.embstrLimit { return Jemalloc.usableSize(robj + 3 + n + 1) }
        if s.isRaw { return robj + s.sdsAllocation }
        return robj + Jemalloc.usableSize(sdsHeader(length: n, allowsType5: false) + n + 1)
    }

    /// The allocations of any value (what used_memory counts).
    public static func valueBytes(_ value: Value) -> Int {
        switch value {
        case .string(let s): return stringBytes(s)
        default: return robj + CollectionSizes.payloadBytes(value)
        }
    }


    /// What a key costs in `used_memory` in the main dictionary (without buckets).
    @inline(__always)
    public static func entryBytes(key: Bytes, value: Value) -> Int {
        dictEntryAllocated + keyBytes(key) + valueBytes(value)
    }

    /// What MEMORY USAGE reports for a key, sampling up to `samples` elements of a collection
    /// (`Int.max` for all, SAMPLES 0; see `MemoryUsageEstimate`), a list's nodes estimated
    /// under `listFill` (list-max-listpack-size), a stream's tail under `streamNodeMaxBytes`.
    public static func memoryUsage(key: Bytes, value: Value, samples: Int = MemoryUsageEstimate.defaultSamples,
                                   listFill: Int64 = -2, streamNodeMaxBytes: Int64 = 4096) -> Int {
        dictEntry + keyBytes(key) + MemoryUsageEstimate.valueBytes(value, samples: samples, listFill: listFill,
                                                                  streamNodeMaxBytes: streamNodeMaxBytes)
    }

    /// Bucket array size of a Redis dict holding `count` keys after growth: a power of two
    /// at least `count` (at least 4), none for a dict that never held a key.
    public static func bucketsAfterGrowth(current: Int, count: Int) -> Int {
        if count == 0 { return current }
        var size = max(current, 4)
        while size < count { size <<= 1 }
        return size
    }
}
