import CacheLabEngine

/// One memcached item: a flat value (memcached knows nothing about its structure; a client
/// that wants to change one field must get, decode, edit, encode and set it back), the
/// client's opaque 32-bit flags, an expiry, and a CAS unique that changes on every write.
public struct MemcachedItem: Sendable {
    public var key: Bytes
    public var value: [UInt8]
    public var flags: UInt32
    /// Absolute Unix second, 0 for never.
    public var expiresAt: Int64
    public var cas: UInt64
    /// Last access time in seconds (memcached's `it->time`), used for LRU ages and flushes.
    public var time: Int64
    /// Fetched at least once (`ITEM_FETCHED`).
    public var fetched = false
    /// Fetched at least twice, or once more since it last moved (`ITEM_ACTIVE`).
    public var active = false
    public var segment: LRUSegment = .hot
    /// The class whose LRU and counters the item belongs to (the class its full size maps to).
    public var slabClass: Int
    /// `ITEM_ntotal`: what the item costs in bytes (see `ItemSize`).
    public var totalSize: Int
    /// The chunks it occupies (one, or a header and a chain for items over 512 KB).
    public var layout: ItemLayout
}
