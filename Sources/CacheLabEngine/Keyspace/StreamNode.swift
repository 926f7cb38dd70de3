/// One node of a stream: a run of consecutive entries, as Redis keeps in one listpack.
///
/// Redis stores a stream as a radix tree whose keys are the IDs of each node's first entry
/// (the "master ID") and whose values are listpacks of up to `stream-node-max-entries`
/// entries and `stream-node-max-bytes` bytes. The first entry's field names become the
/// node's "master fields": a later entry with exactly the same field names stores only its
/// values (the SAMEFIELDS flag), which is why a stream of uniform records is compact.
///
/// Deleting an entry (XDEL, or exact trimming inside a node) does not remove it: Redis flags
/// it as deleted and moves it from the node's live count to its deleted count. Such
/// "tombstones" still take room, still count against `stream-node-max-entries`, and are
/// skipped by every reader. A node whose last live entry is deleted is removed at once.
///
/// CacheLab mirrors that layout with arrays (one item per entry, one flat array of field and
/// value strings) and keeps the byte size the listpack would have (`ListpackSize`), so its
/// nodes fill and split exactly where Redis's do.
struct StreamNode {
    /// One entry: its ID, flags, and where its strings start in `strings`.
    struct Item {
        var id: StreamID
        /// Index of the entry's first string in `strings`.
        var start: UInt32
        /// Number of field/value pairs.
        var fieldCount: UInt32
        var flags: UInt8

        @inline(__always) var isDeleted: Bool { flags & StreamNode.deletedFlag != 0 }
        @inline(__always) var hasMasterFields: Bool { flags & StreamNode.sameFieldsFlag != 0 }
    }

    /// The entry was deleted: a tombstone.
    static let deletedFlag: UInt8 = 1
    /// The entry's field names are the master fields; only its values are stored.
    static let sameFieldsFlag: UInt8 = 2

    /// The ID of the first entry ever added to this node: its key in the radix tree.
    let masterID: StreamID
    /// The field names of that first entry.
    let masterFields: [Bytes]
    /// Every entry, tombstones included, in ID order.
    private(set) var items: [Item] = []
    /// Values of SAMEFIELDS entries; field, value, field, value... of the others.
    private(set) var strings: [Bytes] = []
    /// Entries not deleted.
    private(set) var liveCount = 0
    /// Tombstones.
    private(set) var deletedCount = 0
    /// The listpack's size without the two counters (which change size as they grow).
    private var bodyBytes: Int

    /// A node holding one new entry whose field names become the master fields.
    /// `pairs` alternates field and value.
    init(id: StreamID, pairs: ArraySlice<Bytes>) {
        masterID = id
        var fields: [Bytes] = []
        fields.reserveCapacity(pairs.count / 2)
        var bytes = ListpackSize.integer(Int64(pairs.count / 2)) + 2  // field count, 0 terminator
        var i = pairs.startIndex
        while i < pairs.endIndex {
            fields.append(pairs[i])
            bytes += ListpackSize.string(pairs[i])
            i += 2
        }
        masterFields = fields
        bodyBytes = bytes
        append(id: id, pairs: pairs)
    }

    /// Total entries in the listpack, tombstones included (what `stream-node-max-entries` limits).
    var entryCount: Int { items.count }

    /// The size in bytes of the listpack Redis would hold for this node.
    var listpackBytes: Int {
        ListpackSize.overhead + ListpackSize.integer(Int64(liveCount)) + ListpackSize.integer(Int64(deletedCount)) + bodyBytes
    }

    /// The ID of the last entry, tombstone or not.
    var lastID: StreamID { items[items.count - 1].id }

    /// Appends an entry of `payloadBytes` bytes of fields and values, unless the node is full
    /// by Redis's rule: the listpack would reach `maxBytes`, or it already holds `maxEntries`
    /// entries, tombstones included (0: no entry limit). Returns false when full.
    mutating func append(id: StreamID, pairs: ArraySlice<Bytes>, ifRoomFor payloadBytes: Int, maxBytes: Int, maxEntries: Int) -> Bool {
        if listpackBytes + payloadBytes >= maxBytes { return false }
        if maxEntries != 0 && items.count >= maxEntries { return false }
        append(id: id, pairs: pairs)
        return true
    }

    /// Appends an entry whose ID is greater than every ID in the node.
    mutating func append(id: StreamID, pairs: ArraySlice<Bytes>) {
        let fieldCount = pairs.count / 2
        var same = fieldCount == masterFields.count
        if same {
            var i = pairs.startIndex
            for field in masterFields {
                if pairs[i] != field { same = false; break }
                i += 2
            }
        }
        var bytes = 2  // flags
        bytes += ListpackSize.integer(Int64(bitPattern: id.ms &- masterID.ms))
        bytes += ListpackSize.integer(Int64(bitPattern: id.seq &- masterID.seq))
        let start = UInt32(strings.count)
        var i = pairs.startIndex
        if same {
            while i < pairs.endIndex {
                strings.append(pairs[i + 1])
                bytes += ListpackSize.string(pairs[i + 1])
                i += 2
            }
            bytes += ListpackSize.integer(Int64(fieldCount + 3))
        } else {
            bytes += ListpackSize.integer(Int64(fieldCount))
            while i < pairs.endIndex {
                strings.append(pairs[i])
                strings.append(pairs[i + 1])
                bytes += ListpackSize.string(pairs[i]) + ListpackSize.string(pairs[i + 1])
                i += 2
            }
            bytes += ListpackSize.integer(Int64(2 * fieldCount + 4))
        }
        items.append(Item(id: id, start: start, fieldCount: UInt32(fieldCount), flags: same ? Self.sameFieldsFlag : 0))
        bodyBytes += bytes
        liveCount += 1
    }

    /// Flags the entry at `index` as deleted, if it is not already.
    /// Returns true when it was live.
    @discardableResult
    mutating func markDeleted(at index: Int) -> Bool {
        guard !items[index].isDeleted else { return false }
        items[index].flags |= Self.deletedFlag
        liveCount -= 1
        deletedCount += 1
        return true
    }

    // MARK: Reading

    /// The index of the first entry with an ID at or after `id`, or `items.count`.
    func firstIndex(atOrAfter id: StreamID) -> Int {
        var low = 0, high = items.count
        while low < high {
            let mid = (low + high) / 2
            if items[mid].id < id { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The index of the last entry with an ID at or before `id`, or -1.
    func lastIndex(atOrBefore id: StreamID) -> Int {
        var low = 0, high = items.count
        while low < high {
            let mid = (low + high) / 2
            if items[mid].id <= id { low = mid + 1 } else { high = mid }
        }
        return low - 1
    }

    /// The entry at `index` as Redis replies with it: `[id, [field, value, ...]]`.
    func reply(at index: Int) -> Reply {
        let item = items[index]
        return .array([item.id.reply, .array(fieldReplies(item))])
    }

    /// The field/value pairs of an entry as bulk replies.
    func fieldReplies(_ item: Item) -> [Reply] {
        let n = Int(item.fieldCount)
        let start = Int(item.start)
        var out: [Reply] = []
        out.reserveCapacity(2 * n)
        if item.hasMasterFields {
            for k in 0..<n {
                out.append(.bulk(masterFields[k]))
                out.append(.bulk(strings[start + k]))
            }
        } else {
            for k in 0..<(2 * n) { out.append(.bulk(strings[start + k])) }
        }
        return out
    }

    /// The field/value pairs of the entry at `index`, alternating.
    func pairs(at index: Int) -> [Bytes] {
        let item = items[index]
        let n = Int(item.fieldCount)
        let start = Int(item.start)
        if !item.hasMasterFields { return Array(strings[start..<(start + 2 * n)]) }
        var out: [Bytes] = []
        out.reserveCapacity(2 * n)
        for k in 0..<n {
            out.append(masterFields[k])
            out.append(strings[start + k])
        }
        return out
    }
}
