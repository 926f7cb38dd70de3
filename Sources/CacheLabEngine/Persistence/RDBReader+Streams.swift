import DequeModule

/// Streams in an RDB file (types 15 and 19); see `RDBWriter+Streams` for the layout.
///
/// Type 15 (Redis 5 and 6) lacks the first ID, the greatest deleted ID, the number of
/// entries ever added and each group's entries-read counter: they are worked out as Redis
/// does (first live entry, 0-0, the stream's length, an estimate from the group's last ID).
///
/// Each node's listpack is decoded back into entries, tombstones included, and rebuilt as a
/// `StreamNode` (its first entry's fields become the master fields). Everything the rest of
/// the engine relies on is checked, so a damaged file is refused instead of loading a stream
/// that would misbehave: node keys are 16 bytes, IDs increase across the whole stream, the
/// length matches the live entries, the last ID is not below the last entry, group and
/// consumer names are unique, every consumer's pending ID is in its group's PEL and owned
/// once, and every PEL entry has an owner.
extension RDBReader.State {
    mutating func readStream(version2: Bool, at offset: Int) throws(RDBCursor.Failure) -> Value? {
        var stream = StreamValue()
        let nodeCount = try elementCount()
        var decoded: [(master: StreamID, node: StreamNode?)] = []
        for _ in 0..<nodeCount {
            let keyOffset = cursor.offset
            let key = try cursor.readStringBytes()
            guard key.count == 16 else { throw fail("Stream node key entry is not the size of a stream ID", at: keyOffset) }
            let master = Self.streamID(key[...])
            let lpOffset = cursor.offset
            let elements = try listpack("Stream listpack integrity check failed.")
            guard !elements.isEmpty else { throw fail("Empty listpack inside stream", at: lpOffset) }
            let node: StreamNode?
            do {
                node = try Self.streamNode(master: master, elements)
            } catch {
                throw fail("Stream listpack integrity check failed. (\(error.reason))", at: lpOffset)
            }
            decoded.append((master, node))
        }
        decoded.sort { $0.master < $1.master }
        var previous: StreamID?
        var live = 0
        for (i, entry) in decoded.enumerated() {
            if i > 0 && decoded[i - 1].master == entry.master { throw fail("Duplicated stream node key", at: offset) }
            guard let node = entry.node else { continue }
            if let previous, node.items[0].id <= previous { throw fail("Stream entries are not in ID order", at: offset) }
            previous = node.lastID
            live += node.liveCount
            stream.nodes.append(node)
        }
        let length = try cursor.readLength().value
        guard length == UInt64(live) else { throw fail("Stream length \(length) differs from its \(live) entries", at: offset) }
        stream.length = live
        stream.lastID = try readStreamID()
        if let last = stream.nodes.last?.lastID, stream.lastID < last {
            throw fail("Stream last ID is smaller than its last entry", at: offset)
        }
        if version2 {
            stream.firstID = try readStreamID()
            stream.maxDeletedID = try readStreamID()
            stream.entriesAdded = try cursor.readLength().value
        } else {
            stream.refreshFirstID()
            stream.entriesAdded = UInt64(live)
        }
        let groupCount = try elementCount()
        for _ in 0..<groupCount {
            try readConsumerGroup(into: &stream, version2: version2)
        }
        // Each node's listpack is read into an allocation of its own size.
        stream.tailIsExact = true
        return .stream(stream)
    }

    private mutating func readStreamID() throws(RDBCursor.Failure) -> StreamID {
        let ms = try cursor.readLength().value
        let seq = try cursor.readLength().value
        return StreamID(ms: ms, seq: seq)
    }

    private mutating func readRawStreamID() throws(RDBCursor.Failure) -> StreamID {
        Self.streamID(try cursor.readBytes(16))
    }

    static func streamID(_ raw: ArraySlice<UInt8>) -> StreamID {
        var ms: UInt64 = 0, seq: UInt64 = 0
        let base = raw.startIndex
        for k in 0..<8 { ms = ms << 8 | UInt64(raw[base + k]) }
        for k in 8..<16 { seq = seq << 8 | UInt64(raw[base + k]) }
        return StreamID(ms: ms, seq: seq)
    }

    private mutating func readConsumerGroup(into stream: inout StreamValue, version2: Bool) throws(RDBCursor.Failure) {
        let groupOffset = cursor.offset
        let name = try cursor.readString()
        let lastID = try readStreamID()
        let entriesRead: Int64
        if version2 {
            entriesRead = Int64(bitPattern: try cursor.readLength().value)
        } else {
            entriesRead = stream.estimatedEntriesRead(upTo: lastID) ?? ConsumerGroup.unknownEntriesRead
        }
        var group = ConsumerGroup(name: name, lastDeliveredID: lastID, entriesRead: entriesRead)
        let pelCount = try elementCount()
        var unowned = Set<StreamID>()
        for _ in 0..<pelCount {
            let idOffset = cursor.offset
            let id = try readRawStreamID()
            let time = Int64(bitPattern: try cursor.readLittleEndian(UInt64.self))
            let count = Int64(bitPattern: try cursor.readLength().value)
            guard group.pending.insert(id, PendingEntry(consumer: Bytes(), deliveryTime: time, deliveryCount: count)) else {
                throw fail("Duplicated global PEL entry loading stream consumer group", at: idOffset)
            }
            unowned.insert(id)
        }
        let consumerCount = try elementCount()
        var consumers: [StreamConsumer] = []
        var names = Set<Bytes>()
        for _ in 0..<consumerCount {
            let nameOffset = cursor.offset
            let consumerName = try cursor.readString()
            guard names.insert(consumerName).inserted else { throw fail("Duplicate stream consumer detected", at: nameOffset) }
            let seen = Int64(bitPattern: try cursor.readLittleEndian(UInt64.self))
            var consumer = StreamConsumer(name: consumerName, seenTime: seen)
            let owned = try elementCount()
            for _ in 0..<owned {
                let idOffset = cursor.offset
                let id = try readRawStreamID()
                guard unowned.remove(id) != nil else {
                    throw fail("Consumer PEL entry not found in group global PEL, or owned twice", at: idOffset)
                }
                group.pending.modify(id) { $0.consumer = consumerName }
                consumer.pending.insert(id, ())
            }
            consumers.append(consumer)
        }
        guard unowned.isEmpty else { throw fail("Stream CG PEL entry without consumer", at: groupOffset) }
        consumers.sort { $0.name < $1.name }
        group.consumers = consumers
        let (index, found) = stream.groupSlot(name)
        guard !found else { throw fail("Duplicated consumer group name", at: groupOffset) }
        stream.groups.insert(group, at: index)
        stream.hasGroupTable = true
    }

    /// The reason a node's listpack does not hold valid stream entries.
    struct StreamNodeError: Error {
        let reason: String
    }

    /// Rebuilds one node from its listpack elements; nil when it holds no live entry.
    static func streamNode(master: StreamID, _ elements: [Listpack.Element]) throws(StreamNodeError) -> StreamNode? {
        var i = 0
        func integer() throws(StreamNodeError) -> Int64 {
            guard i < elements.count else { throw StreamNodeError(reason: "node ends inside an entry") }
            guard case .integer(let v) = elements[i] else { throw StreamNodeError(reason: "expected an integer") }
            i += 1
            return v
        }
        func string() throws(StreamNodeError) -> Bytes {
            guard i < elements.count else { throw StreamNodeError(reason: "node ends inside an entry") }
            i += 1
            return elements[i - 1].bytes
        }
        func count(_ limit: Int) throws(StreamNodeError) -> Int {
            let v = try integer()
            guard v >= 0, v <= Int64(limit) else { throw StreamNodeError(reason: "bad count \(v)") }
            return Int(v)
        }
        let liveDeclared = try count(elements.count)
        let deletedDeclared = try count(elements.count)
        let masterFieldCount = try count(elements.count)
        var masterFields: [Bytes] = []
        for _ in 0..<masterFieldCount { masterFields.append(try string()) }
        guard try integer() == 0 else { throw StreamNodeError(reason: "master entry does not end with 0") }
        var node: StreamNode?
        var deleted: [Int] = []
        var previous: StreamID?
        var entries = 0
        while i < elements.count {
            let flags = try integer()
            guard flags >= 0, flags <= 3 else { throw StreamNodeError(reason: "bad entry flags \(flags)") }
            let ms = master.ms &+ UInt64(bitPattern: try integer())
            let seq = master.seq &+ UInt64(bitPattern: try integer())
            let id = StreamID(ms: ms, seq: seq)
            if let previous, id <= previous { throw StreamNodeError(reason: "entry IDs are not increasing") }
            previous = id
            var pairs: [Bytes] = []
            let fieldCount: Int
            if flags & Int64(StreamNode.sameFieldsFlag) != 0 {
                fieldCount = masterFieldCount
                for field in masterFields {
                    pairs.append(field)
                    pairs.append(try string())
                }
            } else {
                fieldCount = try count(elements.count)
                for _ in 0..<(2 * fieldCount) { pairs.append(try string()) }
            }
            let lpCount = try integer()
            let expected = flags & Int64(StreamNode.sameFieldsFlag) != 0 ? fieldCount + 3 : 2 * fieldCount + 4
            guard lpCount == Int64(expected) else { throw StreamNodeError(reason: "bad entry element count") }
            if node == nil {
                node = StreamNode(id: id, pairs: pairs[...])
            } else {
                node!.append(id: id, pairs: pairs[...])
            }
            if flags & Int64(StreamNode.deletedFlag) != 0 { deleted.append(entries) }
            entries += 1
        }
        guard var built = node else { throw StreamNodeError(reason: "node without entries") }
        for index in deleted { built.markDeleted(at: index) }
        guard built.liveCount == liveDeclared, built.deletedCount == deletedDeclared else {
            throw StreamNodeError(reason: "master entry counts differ from the entries")
        }
        return built.liveCount > 0 ? built : nil
    }
}
