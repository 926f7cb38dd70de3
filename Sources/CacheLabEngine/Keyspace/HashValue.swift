/// A Redis hash: fields mapped to values, both byte strings.
///
/// Redis stores a hash in one of two encodings, and so does CacheLab:
///
/// - `listpack` while it is small: every field and value in one packed array, in insertion
///   order (`f1 v1 f2 v2 ...`). Lookups scan it, which is cheap for a few dozen short entries
///   and saves the per-entry pointers of a table. Replies list fields in that order; HSET of an
///   existing field rewrites its value in place, HDEL closes the gap.
/// - `hashtable` once it outgrows `hash-max-listpack-entries` entries, or once any field or
///   value is longer than `hash-max-listpack-value` bytes. The conversion is one-way: a hash
///   never goes back to a listpack, even if it shrinks.
///
/// CacheLab's listpack is a flat `[Bytes]`; its hashtable is a `KeyTable<Bytes>` (the same
/// table as the keyspace), which gives O(1) lookups, O(1) uniform random fields for
/// HRANDFIELD and the reverse-binary cursor SCAN needs. The table lives in a class box so that
/// a `HashValue` stays 16 bytes inside every `Value`; the box also keeps the running byte
/// tallies memory accounting reads in O(1) (see `HashSize`), and is copied on write, so a hash
/// is still a value type.
public struct HashValue {
    /// The listpack: fields at even positions, each followed by its value. Empty once the hash
    /// is a hashtable.
    @usableFromInline var pairs: [Bytes] = []
    /// The hashtable (nil while the hash is a listpack) and the byte tallies; nil for a hash
    /// that never held a field.
    @usableFromInline var box: TableBox?

    /// The class that holds the hashtable and the tallies, so that they cost one pointer in
    /// the value.
    @usableFromInline final class TableBox {
        @usableFromInline var table: KeyTable<Bytes>?
        /// Listpack: the bytes of its entries (fields and values, see `ListpackSize`).
        var listpackEntryBytes = 0
        /// Hashtable: the allocated bytes of the field and value sds strings.
        var sdsBytes = 0
        /// Hashtable: the dict's bucket arrays as Redis would have grown, shrunk and
        /// rehashed them (see `DictShape`).
        var dict = DictShape()
        init() {}
        func copy() -> TableBox {
            let c = TableBox()
            c.table = table
            c.listpackEntryBytes = listpackEntryBytes
            c.sdsBytes = sdsBytes
            c.dict = dict
            return c
        }
    }

    /// The encoding limits from the configuration, read once per command.
    public struct Limits: Sendable {
        /// `hash-max-listpack-entries`.
        public var maxEntries: Int
        /// `hash-max-listpack-value`.
        public var maxValueLength: Int

        public init(maxEntries: Int64, maxValueLength: Int64) {
            self.maxEntries = Int(clamping: maxEntries)
            self.maxValueLength = Int(clamping: maxValueLength)
        }

        public init(_ config: Config) {
            self.init(maxEntries: config.hashMaxListpackEntries, maxValueLength: config.hashMaxListpackValue)
        }
    }

    /// An empty hash, encoded as a listpack.
    public init() {}

    /// Number of fields.
    public var count: Int { box?.table?.count ?? pairs.count / 2 }
    public var isEmpty: Bool { count == 0 }

    /// True while the hash is a listpack.
    public var isListpack: Bool { box?.table == nil }

    /// What OBJECT ENCODING answers: `listpack` or `hashtable`.
    public var encoding: String { isListpack ? "listpack" : "hashtable" }

    // MARK: Reading

    /// The listpack position of `field`'s entry (even), or nil.
    @inline(__always) func listpackPosition(of field: Bytes) -> Int? {
        var i = 0
        let n = pairs.count
        while i < n {
            if pairs[i] == field { return i }
            i += 2
        }
        return nil
    }

    /// The value of `field`, or nil.
    public subscript(field: Bytes) -> Bytes? {
        if let table = box?.table { return table[field] }
        guard let p = listpackPosition(of: field) else { return nil }
        return pairs[p + 1]
    }

    public func contains(_ field: Bytes) -> Bool {
        if let table = box?.table { return table.position(of: field) != nil }
        return listpackPosition(of: field) != nil
    }

    /// Calls `body` with every field and value, in the order Redis would reply: insertion
    /// order for a listpack, table order for a hashtable.
    public func forEach(_ body: (Bytes, Bytes) throws -> Void) rethrows {
        if let table = box?.table {
            for p in 0..<table.count { try body(table.key(at: p), table.value(at: p)) }
        } else {
            var i = 0
            while i < pairs.count {
                try body(pairs[i], pairs[i + 1])
                i += 2
            }
        }
    }

    /// The field and value at iteration position `index` (0 ..< count), in `forEach` order.
    public func entry(at index: Int) -> (field: Bytes, value: Bytes) {
        if let table = box?.table { return (table.key(at: index), table.value(at: index)) }
        return (pairs[2 * index], pairs[2 * index + 1])
    }

    // MARK: Writing

    /// Sets `field` to `value`; returns true when the field is new. Converts a listpack to a
    /// hashtable when either string is longer than the limit or the hash holds more fields
    /// than the entry limit, as Redis's `hashTypeSet` does; it checks the count after an
    /// update too, so a hash left over the limit by a lowered hash-max-listpack-entries
    /// converts on its next write.
    @discardableResult
    public mutating func set(_ field: Bytes, _ value: Bytes, limits: Limits) -> Bool {
        if isListpack, field.count > limits.maxValueLength || value.count > limits.maxValueLength {
            convertToHashtable()
        }
        let box = uniqueBox()
        if box.table != nil { return Self.setInTable(field, value, table: &box.table!, tallies: box) }
        let isNew: Bool
        if let p = listpackPosition(of: field) {
            box.listpackEntryBytes += ListpackSize.string(value) - ListpackSize.string(pairs[p + 1])
            pairs[p + 1] = value
            isNew = false
        } else {
            pairs.append(field)
            pairs.append(value)
            box.listpackEntryBytes += ListpackSize.string(field) + ListpackSize.string(value)
            isNew = true
        }
        if pairs.count / 2 > limits.maxEntries { convertToHashtable() }
        return isNew
    }

    /// `set` on the hashtable, which is reached in place: reading `box.table!` for a lookup
    /// would copy the table out of its box, retaining and releasing each of its arrays.
    private static func setInTable(_ field: Bytes, _ value: Bytes, table: inout KeyTable<Bytes>,
                                   tallies box: TableBox) -> Bool {
        if let p = table.position(of: field) {
            box.sdsBytes += HashSize.sds(value) - HashSize.sds(table.value(at: p))
            box.dict.step(HashSize.stepsPerUpdate)
            table.withValue(at: p) { $0 = value }
            return false
        }
        table.insertNew(field, value)
        box.sdsBytes += HashSize.sds(field) + HashSize.sds(value)
        box.dict.add(countBefore: table.count - 1, steps: HashSize.stepsPerInsert)
        return true
    }

    /// Removes `field`; returns true when it was there.
    @discardableResult
    public mutating func remove(_ field: Bytes) -> Bool {
        guard let b = box else { return false }
        if b.table != nil {
            guard let p = b.table!.position(of: field) else { return false }
            let box = uniqueBox()
            box.sdsBytes -= HashSize.sds(field) + HashSize.sds(box.table!.value(at: p))
            _ = box.table!.remove(at: p)
            box.dict.remove(countAfter: box.table!.count)
            return true
        }
        guard let p = listpackPosition(of: field) else { return false }
        uniqueBox().listpackEntryBytes -= ListpackSize.string(pairs[p]) + ListpackSize.string(pairs[p + 1])
        pairs.removeSubrange(p..<(p + 2))
        return true
    }

    /// Moves every entry into a hashtable, for good.
    public mutating func convertToHashtable() {
        guard isListpack else { return }
        var table = KeyTable<Bytes>()
        table.reserveCapacity(pairs.count / 2)
        var sds = 0
        var i = 0
        while i < pairs.count {
            table.insertNew(pairs[i], pairs[i + 1])
            sds += HashSize.sds(pairs[i]) + HashSize.sds(pairs[i + 1])
            i += 2
        }
        pairs = []
        let box = uniqueBox()
        box.table = table
        box.listpackEntryBytes = 0
        box.sdsBytes = sds
        box.dict = DictShape.presized(for: table.count)
    }

    /// The box, created or copied first so that this value owns it alone.
    @inline(__always) private mutating func uniqueBox() -> TableBox {
        if box == nil {
            box = TableBox()
        } else if !isKnownUniquelyReferenced(&box!) {
            box = box!.copy()
        }
        return box!
    }

    // MARK: Random fields and SCAN

    /// A uniformly random iteration position (0 ..< count); the hash must not be empty.
    public func randomIndex(using random: inout RandomSource) -> Int {
        random.below(count)
    }

    /// One SCAN step over a hashtable: visits the iteration positions of the fields whose home
    /// slot is the cursor's and returns the next cursor (0 when done). Nil for a listpack,
    /// which Redis always returns whole, in one call.
    public func scanStep(cursor: UInt64, _ visit: (Int) -> Void) -> UInt64? {
        guard let table = box?.table else { return nil }
        return table.scanStep(cursor: cursor, visit)
    }
}
