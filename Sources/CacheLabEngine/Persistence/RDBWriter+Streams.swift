/// How a stream is laid out in an RDB file (type 19, STREAM_LISTPACKS_2):
///
///     <node count> × (<16-byte master ID, big endian ms then seq> <listpack of the node>)
///     <length> <last id ms> <last id seq> <first id ms> <first id seq>
///     <max deleted id ms> <max deleted id seq> <entries added>
///     <group count> × (<name> <last id ms> <last id seq> <entries read>
///                      <PEL> <consumers>)
///
/// A stream with no entries has no nodes, only its metadata.
///
/// NOT DONE YET: the stream type landed after this writer; its entries, IDs and consumer
/// groups are not serialised, so a stream is saved as an empty stream (which Redis loads).
extension RDBWriter {
    mutating func writeStream(_ key: Bytes, _ stream: StreamValue) {
        out.append(RDBEncoding.TypeCode.streamListpacks2.rawValue)
        writeString(key)
        out.appendLength(0)  // nodes
        for _ in 0..<8 { out.appendLength(0) }  // length, last id, first id, max deleted id, entries added
        out.appendLength(0)  // groups
    }
}
