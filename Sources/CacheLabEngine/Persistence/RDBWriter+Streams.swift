/// How a stream is laid out in an RDB file (type 19, STREAM_LISTPACKS_2):
///
///     <node count> × (<16-byte master ID: ms then seq, big endian> <listpack of the node>)
///     <length> <last id ms> <last id seq> <first id ms> <first id seq>
///     <max deleted id ms> <max deleted id seq> <entries added>
///     <group count> × (<name> <last id ms> <last id seq> <entries read, -1 = unknown>
///                      <PEL count> × (<16-byte id> <8-byte LE delivery ms> <delivery count>)
///                      <consumer count> × (<name> <8-byte LE seen ms>
///                                          <n> × <16-byte id of an entry it owns>))
///
/// Each node's listpack starts with the "master entry", then holds every entry of the node,
/// tombstones included, as Redis keeps it in memory:
///
///     master:  <live count> <deleted count> <n master fields> <field>... 0
///     entry:   <flags> <ms - master ms> <seq - master seq>
///              (SAMEFIELDS: <value>... | otherwise: <n fields> <field> <value>...)
///              <lp-count: elements of the entry before it, so it can be walked backwards>
///
/// A stream with no entries has no nodes, only its metadata. The counters are RDB lengths;
/// an unknown `entries read` (-1) is written as the 64-bit length 0xFFFFFFFFFFFFFFFF.
extension RDBWriter {
    mutating func writeStream(_ key: Bytes, _ stream: StreamValue) {
        out.append(RDBEncoding.TypeCode.streamListpacks2.rawValue)
        writeKey(key)
        let nodes = stream.nodes.filter { $0.liveCount > 0 }
        out.appendLength(nodes.count)
        for node in nodes {
            writeBlob(Self.rawID(node.masterID))
            writeBlob(Self.streamNodeListpack(node))
        }
        out.appendLength(UInt64(stream.length))
        appendID(stream.lastID)
        appendID(stream.firstID)
        appendID(stream.maxDeletedID)
        out.appendLength(stream.entriesAdded)
        out.appendLength(stream.groups.count)
        for group in stream.groups { writeConsumerGroup(group) }
    }

    private mutating func appendID(_ id: StreamID) {
        out.appendLength(id.ms)
        out.appendLength(id.seq)
    }

    private mutating func writeConsumerGroup(_ group: ConsumerGroup) {
        writeString(group.name)
        appendID(group.lastDeliveredID)
        out.appendLength(UInt64(bitPattern: group.entriesRead))
        out.appendLength(group.pending.count)
        group.pending.forEach { id, entry in
            out.append(Self.rawID(id))
            out.appendLittleEndian(UInt64(bitPattern: entry.deliveryTime))
            out.appendLength(UInt64(bitPattern: entry.deliveryCount))
            return true
        }
        out.appendLength(group.consumers.count)
        for consumer in group.consumers {
            writeString(consumer.name)
            out.appendLittleEndian(UInt64(bitPattern: consumer.seenTime))
            out.appendLength(consumer.pending.count)
            consumer.pending.forEach { id, _ in
                out.append(Self.rawID(id))
                return true
            }
        }
    }

    /// A stream ID as 16 raw bytes, big endian, so that byte order is ID order.
    static func rawID(_ id: StreamID) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: id.ms >> UInt64(shift))) }
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: id.seq >> UInt64(shift))) }
        return bytes
    }

    /// The listpack Redis holds for one node: master entry, then every entry.
    static func streamNodeListpack(_ node: StreamNode) -> [UInt8] {
        var lp = Listpack.Encoder()
        lp.append(integer: Int64(node.liveCount))
        lp.append(integer: Int64(node.deletedCount))
        lp.append(integer: Int64(node.masterFields.count))
        for field in node.masterFields { lp.append(field) }
        lp.append(integer: 0)
        let strings = node.strings
        for item in node.items {
            lp.append(integer: Int64(item.flags))
            lp.append(integer: Int64(bitPattern: item.id.ms &- node.masterID.ms))
            lp.append(integer: Int64(bitPattern: item.id.seq &- node.masterID.seq))
            let n = Int(item.fieldCount)
            let start = Int(item.start)
            if item.hasMasterFields {
                for k in 0..<n { lp.append(strings[start + k]) }
                lp.append(integer: Int64(n + 3))
            } else {
                lp.append(integer: Int64(n))
                for k in 0..<(2 * n) { lp.append(strings[start + k]) }
                lp.append(integer: Int64(2 * n + 4))
            }
        }
        return lp.finish()
    }
}
