/// How full a quicklist lets one listpack node grow: `list-max-listpack-size`.
///
/// A negative fill caps a node's bytes (-1 4 KB, -2 8 KB, ... -5 64 KB, and anything lower
/// counts as -5); a positive one caps its element count, with 8 KB as a safety cap on bytes,
/// and 0 counts as 1 (one element per node).
/// A node always takes its first element, however big: an element too big for any node gets
/// a node of its own.
struct QuicklistFill {
    let byteLimit: Int
    let countLimit: Int

    init(_ fill: Int) {
        byteLimit = fill < 0 ? 4096 << min(4, -fill - 1) : 8192
        countLimit = fill >= 0 ? Swift.max(1, fill) : Int.max
    }

    /// Whether a node that already holds something may grow to `size` bytes (end byte
    /// included) and `count` elements.
    @inline(__always) func allows(size: Int, count: Int) -> Bool {
        size <= byteLimit && count <= countLimit
    }

    /// Redis's test before pushing an element of `length` bytes onto a node of `nodeBytes`
    /// bytes (end byte included) holding `count` elements: it estimates before encoding, the
    /// length plus 8 bytes of margin, so an element that would just fit can still be refused.
    @inline(__always) func allowsPush(length: Int, ontoNodeOf nodeBytes: Int, holding count: Int) -> Bool {
        allows(size: nodeBytes + length + 8, count: count + 1)
    }
}
