import CacheLabEngine

/// The storage commands' modes.
public enum StoreMode: Sendable {
    case set, add, replace, append, prepend, cas
}

/// What a storage command answers.
public enum StoreResult: String, Sendable {
    case stored = "STORED"
    case notStored = "NOT_STORED"
    case exists = "EXISTS"
    case notFound = "NOT_FOUND"
    case tooLarge = "SERVER_ERROR object too large for cache"
    case outOfMemory = "SERVER_ERROR out of memory storing object"
}

/// What incr/decr answers.
public enum ArithmeticResult: Equatable, Sendable {
    case value(UInt64)
    case notFound
    case nonNumeric
}

extension MemcachedStore {
    /// set/add/replace/append/prepend/cas (`do_store_item`). Each write gets a new CAS
    /// unique; append and prepend keep the old flags and expiry. A set that fails for size
    /// or memory also removes the old value, so stale data cannot outlive a failed update.
    public func store(_ mode: StoreMode, key: Bytes, flags: UInt32, exptime: Int64, value: [UInt8], casUnique: UInt64 = 0) -> StoreResult {
        defer { runMaintainer() }
        counters.cmdSet += 1
        let total = ItemSize.total(keyLength: key.count, flags: flags, valueLength: value.count)
        guard total <= Self.itemSizeMax, let slab = slabs.classFor(totalSize: total) else {
            counters.storeTooLarge += 1
            if mode == .set { unlink(key) }
            return .tooLarge
        }
        let old = liveItem(key)
        var flags = flags
        var expiresAt = Expiry.absolute(exptime, now: now)
        var data = value
        switch mode {
        case .set:
            break
        case .add:
            if let old {
                items[old.key]?.time = now  // add on a live key refreshes it
                return .notStored
            }
        case .replace:
            if old == nil { return .notStored }
        case .append, .prepend:
            guard let old else { return .notStored }
            flags = old.flags
            expiresAt = old.expiresAt
            data = mode == .append ? old.value + value : value + old.value
        case .cas:
            guard let old else {
                counters.casMisses += 1
                return .notFound
            }
            guard old.cas == casUnique else {
                counters.casBadval += 1
                classCounters[old.slabClass - 1].casBadval += 1
                return .exists
            }
            counters.casHits += 1
            classCounters[old.slabClass - 1].casHits += 1
        }
        return write(key: key, flags: flags, expiresAt: expiresAt, value: data, fallbackClass: slab.id, replacing: old, mode: mode)
    }

    /// A value over the 1 MB item limit: counted, and a set drops the old value.
    public func refuseTooLarge(key: Bytes, mode: StoreMode) {
        counters.cmdSet += 1
        counters.storeTooLarge += 1
        if mode == .set { unlink(key) }
    }

    private func write(key: Bytes, flags: UInt32, expiresAt: Int64, value: [UInt8], fallbackClass: Int, replacing old: MemcachedItem?, mode: StoreMode) -> StoreResult {
        let total = ItemSize.total(keyLength: key.count, flags: flags, valueLength: value.count)
        guard total <= Self.itemSizeMax, let slab = slabs.classFor(totalSize: total) else {
            counters.storeTooLarge += 1
            return .tooLarge
        }
        // The old item still holds its chunk while the new one is allocated.
        guard allocate(totalSize: total, classID: slab.id) else {
            counters.storeNoMemory += 1
            if mode == .set { unlink(key) }
            return .outOfMemory
        }
        if old != nil || items[key] != nil { unlink(key) }
        let item = MemcachedItem(
            key: key, value: value, flags: flags, expiresAt: expiresAt, cas: nextCas(), time: now,
            slabClass: slab.id, totalSize: total)
        link(item)
        classCounters[slab.id - 1].cmdSet += 1
        return .stored
    }

    /// get/gets/gat/gats for one key: the live item, or nil. `touch` sets a new expiry
    /// (gat), which counts as a touch rather than a get hit.
    public func fetch(_ key: Bytes, touch exptime: Int64? = nil) -> MemcachedItem? {
        defer { runMaintainer() }
        counters.cmdGet += 1
        if exptime != nil { counters.cmdTouch += 1 }
        guard let item = liveItem(key) else {
            if exptime != nil { counters.touchMisses += 1 } else { counters.getMisses += 1 }
            return nil
        }
        let index = item.slabClass - 1
        if let exptime {
            counters.touchHits += 1
            classCounters[index].touchHits += 1
            items[key]?.expiresAt = Expiry.absolute(exptime, now: now)
        } else {
            counters.getHits += 1
            classCounters[index].getHits += 1
            classCounters[index].hitsTo[item.segment.rawValue] += 1
        }
        bump(key)
        return items[key]
    }

    /// `delete key`: true when a live item was removed.
    public func delete(_ key: Bytes) -> Bool {
        defer { runMaintainer() }
        guard let item = liveItem(key) else {
            counters.deleteMisses += 1
            return false
        }
        counters.deleteHits += 1
        classCounters[item.slabClass - 1].deleteHits += 1
        unlink(key)
        return true
    }

    /// `touch key exptime`.
    public func touch(_ key: Bytes, exptime: Int64) -> Bool {
        defer { runMaintainer() }
        counters.cmdTouch += 1
        guard let item = liveItem(key) else {
            counters.touchMisses += 1
            return false
        }
        counters.touchHits += 1
        classCounters[item.slabClass - 1].touchHits += 1
        items[key]?.expiresAt = Expiry.absolute(exptime, now: now)
        bump(key)
        return true
    }

    /// incr/decr (`do_add_delta`): the value must be a decimal unsigned 64-bit number
    /// (leading spaces allowed, as strtoull reads it). incr wraps around at 2^64; decr stops
    /// at 0. A result no longer than the old value is written in place, padded with spaces
    /// (so `get` shows the trailing blanks); a longer one becomes a new item. Either way the
    /// CAS unique changes.
    public func arithmetic(_ key: Bytes, delta: UInt64, increment: Bool) -> ArithmeticResult {
        defer { runMaintainer() }
        guard let item = liveItem(key) else {
            if increment { counters.incrMisses += 1 } else { counters.decrMisses += 1 }
            return .notFound
        }
        guard let current = MemcachedNumber.parseUnsigned(item.value) else { return .nonNumeric }
        let result = increment ? current &+ delta : (delta > current ? 0 : current - delta)
        let index = item.slabClass - 1
        if increment {
            counters.incrHits += 1
            classCounters[index].incrHits += 1
        } else {
            counters.decrHits += 1
            classCounters[index].decrHits += 1
        }
        let digits = Array(String(result).utf8)
        if digits.count <= item.value.count {
            items[key]?.value = digits + Array(repeating: UInt8(ascii: " "), count: item.value.count - digits.count)
            items[key]?.cas = nextCas()
        } else {
            _ = write(key: key, flags: item.flags, expiresAt: item.expiresAt, value: digits, fallbackClass: item.slabClass, replacing: item, mode: .replace)
        }
        return .value(result)
    }

    /// `flush_all [delay]`: invalidates every item written before now (or before now +
    /// delay). Nothing is freed here: invalid items are dropped lazily when met.
    public func flushAll(delay: Int64) {
        counters.cmdFlush += 1
        if delay > 0 {
            oldestLive = Expiry.absolute(delay, now: now) - 1
            oldestCas = 0
        } else {
            oldestLive = now - 1
            oldestCas = nextCas()
        }
    }
}

/// memcached's `safe_strtoull`: optional leading whitespace and sign, decimal digits, then
/// whitespace or the end; no overflow; a minus sign only allowed when the result is small.
public enum MemcachedNumber {
    public static func parseUnsigned<C: Collection>(_ bytes: C) -> UInt64? where C.Element == UInt8 {
        var index = bytes.startIndex
        func isSpace(_ c: UInt8) -> Bool { c == 32 || (c >= 9 && c <= 13) }
        while index < bytes.endIndex, isSpace(bytes[index]) { index = bytes.index(after: index) }
        var negative = false
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            negative = bytes[index] == UInt8(ascii: "-")
            index = bytes.index(after: index)
        }
        var value: UInt64 = 0
        var digits = 0
        while index < bytes.endIndex, bytes[index] >= 48, bytes[index] <= 57 {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(UInt64(bytes[index] - 48))
            if o1 || o2 { return nil }
            value = sum
            digits += 1
            index = bytes.index(after: index)
        }
        guard digits > 0 else { return nil }
        if index < bytes.endIndex, !isSpace(bytes[index]) { return nil }
        if negative {
            value = 0 &- value
            if Int64(bitPattern: value) < 0 { return nil }
        }
        return value
    }
}
