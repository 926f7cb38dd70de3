/// How many bytes memcached 1.6 charges for one item (`item_make_header` + `ITEM_ntotal`).
///
/// An item is one block: a 48-byte header (LRU links, hash chain link, times, sizes,
/// flags byte, slab class), then the 8-byte CAS unique (CAS is on by default), then the key
/// and a NUL byte, then the client flags (4 bytes, stored only when they are not 0), then
/// the value followed by `\r\n`, so replies can be sent straight from the item.
/// For example `set a 0 0 3` costs 48 + 8 + 2 + 0 + 5 = 63 bytes (`mem_requested 63`).
public enum ItemSize {
    public static let headerSize = 48
    public static let casSize = 8

    public static func total(keyLength: Int, flags: UInt32, valueLength: Int) -> Int {
        headerSize + casSize + keyLength + 1 + (flags == 0 ? 0 : 4) + valueLength + 2
    }
}
