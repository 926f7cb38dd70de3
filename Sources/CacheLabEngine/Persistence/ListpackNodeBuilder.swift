/// Builds the listpack nodes of a quicklist, one at a time, in a reused buffer: the hot loop
/// of saving a long list.
///
/// Redis keeps a list as these nodes already, so its SAVE only copies them out. CacheLab keeps
/// a list as a deque of strings (cheap to push, pop and index), so its SAVE has to build the
/// nodes. `Listpack.Encoder` would do, but it grows an array a byte at a time; a million
/// elements then cost more than compressing the result. This builder writes each entry with
/// a few plain stores into one buffer, and hands each finished node to the RDB writer
/// without copying it:
///
///     header      <total bytes: 4, little endian> <element count: 2, 65535 when more>
///     entries     <encoding> <data> <backlen>    (see `ListpackSize` for the forms)
///     end         0xFF
///
/// A string of up to 14 bytes lives inline in its `Bytes`; its two words are stored whole
/// (16 bytes, the tail overwritten by what follows), which is why the buffer keeps 16 spare
/// bytes past anything it promises to hold.
enum ListpackNodeBuilder {
    static let headerSize = 6
    /// Spare bytes past the end of the buffer: whole-word stores may run over by this much.
    private static let slack = 16

    /// Splits `items` into nodes the way a quicklist with this `list-max-listpack-size`
    /// fills them, and hands each finished node to `body` (valid only during the call);
    /// returns how many there were.
    ///
    /// The node being filled lives in one buffer, with its size and count in local
    /// variables: the loop does little more per element than the stores that encode it.
    static func forEachNode(of items: some Sequence<Bytes>, fill: Int,
                            _ body: (UnsafeRawBufferPointer) -> Void) -> Int {
        // A deque that has not wrapped around its buffer is one array: walk it as one.
        items.withContiguousStorageIfAvailable { forEachNode(inSequence: $0, fill: fill, body) }
            ?? forEachNode(inSequence: items, fill: fill, body)
    }

    private static func forEachNode(inSequence items: some Sequence<Bytes>, fill: Int,
                                    _ body: (UnsafeRawBufferPointer) -> Void) -> Int {
        let fill = QuicklistFill(fill)
        var capacity = max(fill.byteLimit, 64)
        var base = UnsafeMutableRawPointer.allocate(byteCount: capacity + slack, alignment: 8)
        defer { base.deallocate() }
        var size = headerSize, count = 0, nodes = 0

        func finishNode() {
            base.storeBytes(of: 0xFF, toByteOffset: size, as: UInt8.self)
            let total = size + 1
            base.storeBytes(of: UInt32(truncatingIfNeeded: total).littleEndian, toByteOffset: 0, as: UInt32.self)
            base.storeBytes(of: UInt16(min(count, 65535)).littleEndian, toByteOffset: 4, as: UInt16.self)
            body(UnsafeRawBufferPointer(start: base, count: total))
            nodes += 1
            size = headerSize
            count = 0
        }

        for item in items {
            let entry = Entry(item)
            // `size` leaves out the end byte.
            if count > 0 && !fill.allowsPush(length: item.count, ontoNodeOf: size + 1, holding: count) { finishNode() }
            if size + entry.size + 1 > capacity {
                // Only an element bigger than any node gets here: it is alone in its node.
                capacity = size + entry.size + 1
                let bigger = UnsafeMutableRawPointer.allocate(byteCount: capacity + slack, alignment: 8)
                bigger.copyMemory(from: base, byteCount: size)
                base.deallocate()
                base = bigger
            }
            size += store(item, as: entry, at: base + size)
            count += 1
        }
        if count > 0 { finishNode() }
        return nodes
    }

    /// How one element will be stored: as an integer when its text is a canonical 64-bit
    /// integer (Redis's `string2ll` rules), else as a string; and how many bytes it takes,
    /// backlen included.
    struct Entry {
        let integer: Int64?
        let size: Int

        @inline(__always) init(_ item: Bytes) {
            // Only text that starts with '-' or a digit can be an integer: test the first
            // byte before trying to parse.
            if item.mayBeInteger, let v = item.int64Value {
                integer = v
                size = ListpackSize.integer(v)
            } else {
                integer = nil
                size = ListpackSize.text(length: item.count)
            }
        }
    }

    // MARK: Stores

    /// Encodes `item` at `p`, backlen included; returns the bytes written (`entry.size`).
    @inline(__always) private static func store(_ item: Bytes, as entry: Entry, at p: UnsafeMutableRawPointer) -> Int {
        let length: Int
        if let v = entry.integer {
            length = storeInteger(v, at: p)
        } else if case .inline(let words) = item.storage {
            // Short strings, the common case: header byte, then both words whole.
            let n = Int(words.3)
            p.storeBytes(of: 0x80 | UInt8(n), as: UInt8.self)
            (p + 1).storeBytes(of: words, as: Bytes.InlineWords.self)
            length = 1 + n
        } else {
            length = storeLongString(item, at: p)
        }
        return length + storeBacklen(length, at: p + length)
    }

    private static func storeInteger(_ v: Int64, at p: UnsafeMutableRawPointer) -> Int {
        let tag: UInt8, width: Int
        if v >= 0 && v <= 127 {
            p.storeBytes(of: UInt8(v), as: UInt8.self)
            return 1
        } else if v >= -4096 && v <= 4095 {
            let bits = UInt16(bitPattern: Int16(v)) & 0x1FFF
            p.storeBytes(of: 0xC0 | UInt8(bits >> 8), as: UInt8.self)
            (p + 1).storeBytes(of: UInt8(bits & 0xFF), as: UInt8.self)
            return 2
        } else if v >= -32768 && v <= 32767 {
            (tag, width) = (0xF1, 2)
        } else if v >= -8_388_608 && v <= 8_388_607 {
            (tag, width) = (0xF2, 3)
        } else if v >= -2_147_483_648 && v <= 2_147_483_647 {
            (tag, width) = (0xF3, 4)
        } else {
            (tag, width) = (0xF4, 8)
        }
        // Eight bytes stored, `width` kept: the rest is overwritten by what follows.
        p.storeBytes(of: tag, as: UInt8.self)
        (p + 1).storeBytes(of: UInt64(bitPattern: v).littleEndian, as: UInt64.self)
        return 1 + width
    }

    private static func storeLongString(_ item: Bytes, at p: UnsafeMutableRawPointer) -> Int {
        item.withUnsafeBytes { raw in
            let n = raw.count
            let header: Int
            if n < 64 {
                p.storeBytes(of: 0x80 | UInt8(n), as: UInt8.self)
                header = 1
            } else if n < 4096 {
                p.storeBytes(of: 0xE0 | UInt8(n >> 8), as: UInt8.self)
                (p + 1).storeBytes(of: UInt8(n & 0xFF), as: UInt8.self)
                header = 2
            } else {
                p.storeBytes(of: 0xF0, as: UInt8.self)
                (p + 1).storeBytes(of: UInt32(n).littleEndian, as: UInt32.self)
                header = 5
            }
            if n > 0 { (p + header).copyMemory(from: raw.baseAddress!, byteCount: n) }
            return header + n
        }
    }

    /// The entry's length, most significant 7-bit group first, every byte but the first
    /// flagged with 128 (so the list can be read backwards); returns the bytes written.
    @inline(__always) private static func storeBacklen(_ length: Int, at p: UnsafeMutableRawPointer) -> Int {
        if length <= 127 {
            p.storeBytes(of: UInt8(length), as: UInt8.self)
            return 1
        }
        let groups = length < 16383 ? 2 : length < 2_097_151 ? 3 : length < 268_435_455 ? 4 : 5
        for g in 0..<groups {
            let bits = UInt8((length >> (7 * (groups - 1 - g))) & 127)
            (p + g).storeBytes(of: g == 0 ? bits : bits | 128, as: UInt8.self)
        }
        return groups
    }
}
