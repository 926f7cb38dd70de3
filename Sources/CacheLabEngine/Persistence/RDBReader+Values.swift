import DequeModule
/// Decoding one value of each RDB type code into an engine value.
///
///     0  STRING           <string>
///     1  LIST             <n> × <string>                          (RDB ≤ 6)
///     2  SET              <n> × <string>
///     3  ZSET             <n> × (<member> <score as text: len byte, 253 nan, 254 +inf, 255 -inf>)
///     4  HASH             <n> × (<field> <value>)
///     5  ZSET_2           <n> × (<member> <8-byte LE double>)
///     9  HASH_ZIPMAP      <zipmap blob>                           (Redis ≤ 2.4)
///     10 LIST_ZIPLIST     <ziplist blob>
///     11 SET_INTSET       <intset blob>
///     12 ZSET_ZIPLIST     <ziplist blob: m1 s1 m2 s2 ...>
///     13 HASH_ZIPLIST     <ziplist blob: f1 v1 f2 v2 ...>
///     14 LIST_QUICKLIST   <n> × <ziplist blob>
///     16 HASH_LISTPACK    <listpack blob: f1 v1 ...>
///     17 ZSET_LISTPACK    <listpack blob: m1 s1 ...>
///     18 LIST_QUICKLIST_2 <n> × (<container: 1 plain, 2 packed> <blob>)
///     15, 19 streams      (RDBReader+Streams)
///     6, 7 module values  refused: CacheLab has no modules
///
/// A collection that decodes to no elements returns nil: Redis skips such keys with a warning.
extension RDBReader.State {
    mutating func readValue(type: UInt8, at offset: Int) throws(RDBCursor.Failure) -> Value? {
        guard let code = RDBEncoding.TypeCode(rawValue: type) else {
            throw fail("Unknown RDB encoding type \(type)", at: offset)
        }
        switch code {
        case .string:
            return .string(StringValue(try cursor.readString()))
        case .list:
            return nonEmpty(RDBValueBridge.makeList(try readStrings()))
        case .set:
            return try built(RDBValueBridge.makeSet(try readStrings(), limits: options.limits), "Duplicate set members detected", offset)
        case .zset, .zset2:
            let n = try elementCount()
            var pairs: [(member: Bytes, score: Double)] = []
            pairs.reserveCapacity(n)
            for _ in 0..<n {
                let member = try cursor.readString()
                let score = code == .zset2 ? try cursor.readBinaryDouble() : try readTextScore()
                guard !score.isNaN else { throw fail("Zset with NAN score detected") }
                pairs.append((member, score))
            }
            return try built(RDBValueBridge.makeSortedSet(pairs, limits: options.limits), "Duplicate zset fields detected", offset)
        case .hash:
            let n = try elementCount()
            var pairs: [(Bytes, Bytes)] = []
            pairs.reserveCapacity(n)
            for _ in 0..<n { pairs.append((try cursor.readString(), try cursor.readString())) }
            return try built(RDBValueBridge.makeHash(pairs, limits: options.limits), "Duplicate hash fields detected", offset)
        case .hashZipmap:
            let items = try blob(Ziplist.decodeZipmap, "Zipmap integrity check failed.")
            return try hash(fromFlat: items, offset)
        case .listZiplist:
            return nonEmpty(RDBValueBridge.makeList(try blob(Ziplist.decode, "List ziplist integrity check failed.")))
        case .setIntset:
            let blobOffset = cursor.offset
            let raw = try cursor.readStringBytes()
            let integers: [Int64]
            do {
                integers = try IntSetCodec.decode(raw)
            } catch {
                throw fail("Intset integrity check failed. (\(error.reason))", at: blobOffset)
            }
            return try built(RDBValueBridge.makeSet(integers.map { Bytes(integer: $0) }, limits: options.limits), "Duplicate set members detected", offset)
        case .zsetZiplist:
            return try sortedSet(fromFlat: try blob(Ziplist.decode, "Zset ziplist integrity check failed."), offset)
        case .hashZiplist:
            return try hash(fromFlat: try blob(Ziplist.decode, "Hash ziplist integrity check failed."), offset)
        case .listQuicklist:
            let nodes = try elementCount()
            var items: [Bytes] = []
            for _ in 0..<nodes { items += try blob(Ziplist.decode, "Ziplist integrity check failed.") }
            return nonEmpty(RDBValueBridge.makeList(items))
        case .hashListpack:
            return try hash(fromFlat: try listpack("Hash listpack integrity check failed.").map(\.bytes), offset)
        case .zsetListpack:
            return try sortedSet(fromFlat: try listpack("Zset listpack integrity check failed.").map(\.bytes), offset)
        case .listQuicklist2:
            return nonEmpty(.list(try readQuicklist2()))
        case .streamListpacks, .streamListpacks2:
            return try readStream(version2: code == .streamListpacks2, at: offset)
        case .moduleV1, .moduleV2:
            let id = try cursor.readLength().value
            throw fail("The RDB file contains module data I can't load: no matching module type '\(RDBReader.State.moduleName(id))'", at: offset)
        }
    }

    // MARK: Helpers

    /// An element count, refused when the rest of the file could not hold that many elements.
    mutating func elementCount() throws(RDBCursor.Failure) -> Int {
        let start = cursor.offset
        let n = try cursor.readCount()
        guard n <= cursor.remaining else { throw fail("Length \(n) is larger than the rest of the file", at: start) }
        return n
    }

    mutating func readStrings() throws(RDBCursor.Failure) -> [Bytes] {
        let n = try elementCount()
        var items: [Bytes] = []
        items.reserveCapacity(n)
        for _ in 0..<n { items.append(try cursor.readString()) }
        return items
    }

    /// A type 3 score: one length byte (253 nan, 254 +inf, 255 -inf) then that many ASCII bytes.
    mutating func readTextScore() throws(RDBCursor.Failure) -> Double {
        let start = cursor.offset
        let length = try cursor.readByte()
        switch length {
        case 253: return .nan
        case 254: return .infinity
        case 255: return -.infinity
        default:
            let text = Bytes(Array(try cursor.readBytes(Int(length))))
            guard let v = text.doubleValue else { throw fail("Bad zset score", at: start) }
            return v
        }
    }

    /// A string blob decoded by `decoder`; a decoding failure becomes `message` at the blob.
    mutating func blob<T>(_ decoder: ([UInt8]) throws(Ziplist.DecodeError) -> T, _ message: String) throws(RDBCursor.Failure) -> T {
        let start = cursor.offset
        let raw = try cursor.readStringBytes()
        do {
            return try decoder(raw)
        } catch {
            throw fail("\(message) (\(error.reason))", at: start)
        }
    }

    mutating func listpack(_ message: String) throws(RDBCursor.Failure) -> [Listpack.Element] {
        let start = cursor.offset
        let raw = try cursor.readStringBytes()
        do {
            return try Listpack.decode(raw)
        } catch {
            throw fail("\(message) (\(error.reason))", at: start)
        }
    }

    /// Quicklist v2 nodes: PLAIN nodes hold one raw element, PACKED ones a listpack. Empty
    /// listpacks are skipped, as Redis does. Each element is measured as it is decoded, so
    /// the list's byte total needs no second pass over a million elements.
    mutating func readQuicklist2() throws(RDBCursor.Failure) -> ListValue {
        let nodes = try elementCount()
        var items = Deque<Bytes>()
        var entryBytes = 0
        for node in 0..<nodes {
            let containerOffset = cursor.offset
            let container = try cursor.readLength().value
            switch container {
            case 1:
                let element = try cursor.readString()
                entryBytes += ListpackSize.string(element)
                items.append(element)
            case 2:
                let start = cursor.offset
                let raw = try cursor.readStringBytes()
                do {
                    entryBytes += try Listpack.appendListNode(raw, to: &items)
                    // Nodes are filled alike: after the first, make room for all of them at
                    // once rather than growing a million-element deque step by step (bounded
                    // by what the rest of the file could hold, for a damaged count).
                    if node == 0 && nodes > 1 {
                        items.reserveCapacity(min(items.count * nodes, items.count + cursor.remaining * 4))
                    }
                } catch {
                    throw fail("Quicklist listpack integrity check failed. (\(error.reason))", at: start)
                }
            default:
                throw fail("Quicklist integrity check failed.", at: containerOffset)
            }
        }
        return ListValue(items, entryBytes: entryBytes)
    }

    func nonEmpty(_ value: Value) -> Value? {
        RDBValueBridge.elementCount(value) == 0 ? nil : value
    }

    /// A value that the bridge built (nil = duplicates), or nil when it is empty.
    func built(_ value: Value?, _ duplicateMessage: String, _ offset: Int) throws(RDBCursor.Failure) -> Value? {
        guard let value else { throw fail(duplicateMessage, at: offset) }
        return nonEmpty(value)
    }

    func hash(fromFlat items: [Bytes], _ offset: Int) throws(RDBCursor.Failure) -> Value? {
        guard items.count % 2 == 0 else { throw fail("Hash listpack has an odd number of elements", at: offset) }
        var pairs: [(Bytes, Bytes)] = []
        pairs.reserveCapacity(items.count / 2)
        for i in stride(from: 0, to: items.count, by: 2) { pairs.append((items[i], items[i + 1])) }
        return try built(RDBValueBridge.makeHash(pairs, limits: options.limits), "Duplicate hash fields detected", offset)
    }

    func sortedSet(fromFlat items: [Bytes], _ offset: Int) throws(RDBCursor.Failure) -> Value? {
        guard items.count % 2 == 0 else { throw fail("Zset listpack has an odd number of elements", at: offset) }
        var pairs: [(member: Bytes, score: Double)] = []
        pairs.reserveCapacity(items.count / 2)
        for i in stride(from: 0, to: items.count, by: 2) {
            guard let score = items[i + 1].doubleValue, !score.isNaN else { throw fail("Zset listpack has a bad score", at: offset) }
            pairs.append((items[i], score))
        }
        return try built(RDBValueBridge.makeSortedSet(pairs, limits: options.limits), "Duplicate zset fields detected", offset)
    }
}
