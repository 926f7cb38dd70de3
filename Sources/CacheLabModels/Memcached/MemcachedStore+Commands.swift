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
    /// A longer result needed a new item and no memory could be found for it.
    case outOfMemory
}

/// A storage command whose item is allocated and whose data block is awaited.
public struct PendingStore: Sendable {
    public let mode: StoreMode
    public let key: Bytes
    public let flags: UInt32
    /// Absolute expiry, computed when the command line arrived.
    public let expiresAt: Int64
    public let casUnique: UInt64
    /// The command's own item: its class (LRU and counters), size and chunks.
    let slabClass: Int
    let totalSize: Int
    let layout: ItemLayout
}

extension MemcachedStore {
    /// set/add/replace/append/prepend/cas in one call: `prepareStore` then `completeStore`.
    public func store(_ mode: StoreMode, key: Bytes, flags: UInt32, exptime: Int64, value: [UInt8], casUnique: UInt64 = 0) -> StoreResult {
        switch prepareStore(mode, key: key, flags: flags, exptime: exptime, length: value.count, casUnique: casUnique) {
        case .failure(let refusal): return refusal.result
        case .success(let pending): return completeStore(pending, value: value)
        }
    }

    /// Why a storage command was refused before its data was read.
    public struct Refusal: Error, Sendable {
        public let result: StoreResult
    }

    /// The command line of a storage command (`process_update_command`): memcached allocates
    /// the item for the coming data right away, evicting if it must. A value over the 1 MB
    /// item limit, or no memory, refuses the command (its data block is then skipped), and a
    /// refused `set` also drops the old value, so stale data cannot outlive a failed update.
    public func prepareStore(_ mode: StoreMode, key: Bytes, flags: UInt32, exptime: Int64, length: Int, casUnique: UInt64 = 0) -> Result<PendingStore, Refusal> {
        let total = ItemSize.total(keyLength: key.count, flags: flags, valueLength: length)
        var refusal = StoreResult.tooLarge
        if total <= Self.itemSizeMax, let slab = slabs.classFor(totalSize: total),
           let layout = ItemLayout.forValue(keyLength: key.count, flags: flags, valueLength: length, slabs: slabs) {
            if allocate(layout) {
                defer { runMaintainer() }
                return .success(PendingStore(
                    mode: mode, key: key, flags: flags, expiresAt: Expiry.absolute(exptime, now: now), casUnique: casUnique,
                    slabClass: slab.id, totalSize: total, layout: layout))
            }
            refusal = .outOfMemory
            counters.storeNoMemory += 1
        } else {
            counters.storeTooLarge += 1
        }
        if mode == .set, liveItem(key) != nil { unlink(key) }
        runMaintainer()
        return .failure(Refusal(result: refusal))
    }

    /// The connection closed before the data block arrived: the item is freed, nothing counted.
    public func cancelStore(_ pending: PendingStore) {
        release(pending.layout)
    }

    /// The data block arrived but did not end with `\r\n`: the command still counts as a
    /// set of its class, and its item is freed.
    public func abandonStore(_ pending: PendingStore) {
        counters.cmdSet += 1
        classCounters[pending.slabClass - 1].cmdSet += 1
        release(pending.layout)
    }

    /// The data block arrived (`do_store_item`). Each stored write gets a new CAS unique;
    /// append and prepend keep the old flags and expiry and build a combined item (allocated
    /// while both others are still held). The command counts as a set of its own item's
    /// class whatever the outcome; an item that is not stored is freed.
    public func completeStore(_ pending: PendingStore, value: [UInt8]) -> StoreResult {
        defer { runMaintainer() }
        counters.cmdSet += 1
        classCounters[pending.slabClass - 1].cmdSet += 1
        let key = pending.key
        let old = liveItem(key)
        var item = MemcachedItem(
            key: key, value: value, flags: pending.flags, expiresAt: pending.expiresAt, cas: 0, time: now,
            slabClass: pending.slabClass, totalSize: pending.totalSize, layout: pending.layout)
        switch pending.mode {
        case .set:
            break
        case .add:
            if let old {
                items[old.key]?.time = now  // add on a live key refreshes it
                release(pending.layout)
                return .notStored
            }
        case .replace:
            if old == nil {
                release(pending.layout)
                return .notStored
            }
        case .append, .prepend:
            // The combined item is allocated while the old one and the command's own are still
            // held; the command's item is let go once copied.
            let combined = old.flatMap { combine($0, with: item, appending: pending.mode == .append) }
            release(pending.layout)
            guard let combined else { return .notStored }
            item = combined
        case .cas:
            guard let old else {
                counters.casMisses += 1
                release(pending.layout)
                return .notFound
            }
            guard old.cas == pending.casUnique else {
                counters.casBadval += 1
                classCounters[old.slabClass - 1].casBadval += 1
                release(pending.layout)
                return .exists
            }
            counters.casHits += 1
            classCounters[old.slabClass - 1].casHits += 1
        }
        if old != nil { unlink(key) }
        item.cas = nextCas()
        link(item)
        return .stored
    }

    /// The item holding `old`'s value with `added`'s appended (or prepended), its chunks
    /// reserved; nil when it is over the item limit or memory cannot be found.
    private func combine(_ old: MemcachedItem, with added: MemcachedItem, appending: Bool) -> MemcachedItem? {
        let value = appending ? old.value + added.value : added.value + old.value
        let total = ItemSize.total(keyLength: old.key.count, flags: old.flags, valueLength: value.count)
        func part(_ item: MemcachedItem, dropping: Int) -> ItemLayout.Part {
            let length = item.value.count + 2 - dropping
            return item.layout.isChunked ? .chain(usage: item.layout.chainUsage, length: length) : .flat(length: length)
        }
        // The first part is copied without its "\r\n"; the second brings the final one.
        let first = appending ? part(old, dropping: 2) : part(added, dropping: 2)
        let second = appending ? part(added, dropping: 0) : part(old, dropping: 0)
        guard total <= Self.itemSizeMax, let slab = slabs.classFor(totalSize: total),
              let layout = ItemLayout.forCopy(keyLength: old.key.count, flags: old.flags, valueLength: value.count,
                                              first: first, second: second, slabs: slabs),
              allocate(layout) else { return nil }
        return MemcachedItem(
            key: old.key, value: value, flags: old.flags, expiresAt: old.expiresAt, cas: 0, time: now,
            slabClass: slab.id, totalSize: total, layout: layout)
    }

    /// get/gets/gat/gats for one key: the live item, or nil. `touch` sets a new expiry
    /// (gat), which counts as a touch (`cmd_touch`, `touch_hits`) rather than a get.
    public func fetch(_ key: Bytes, touch exptime: Int64? = nil) -> MemcachedItem? {
        defer { runMaintainer() }
        // gat and gats count as touches, not as gets.
        if exptime != nil { counters.cmdTouch += 1 } else { counters.cmdGet += 1 }
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
            guard replaceGrown(item, value: digits) else { return .outOfMemory }
        }
        return .value(result)
    }

    /// incr's result no longer fits: a new item of the same key, flags and expiry replaces
    /// the old one (no set is counted).
    private func replaceGrown(_ item: MemcachedItem, value: [UInt8]) -> Bool {
        let total = ItemSize.total(keyLength: item.key.count, flags: item.flags, valueLength: value.count)
        guard let slab = slabs.classFor(totalSize: total),
              let layout = ItemLayout.forValue(keyLength: item.key.count, flags: item.flags, valueLength: value.count, slabs: slabs),
              allocate(layout) else { return false }
        unlink(item.key)
        link(MemcachedItem(
            key: item.key, value: value, flags: item.flags, expiresAt: item.expiresAt, cas: nextCas(), time: now,
            slabClass: slab.id, totalSize: total, layout: layout))
        return true
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
