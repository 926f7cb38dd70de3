/// memcached's slab classes: how it cuts memory into fixed-size chunks.
///
/// memcached never calls malloc per item. Memory comes in 1 MB pages; each page belongs to
/// one slab class and is cut into chunks of that class's size. An item goes into the
/// smallest class whose chunk fits it, so up to ~25% of a chunk can be wasted.
///
/// The table: the first chunk is the item header (48 bytes on 64-bit) plus the `-n 48`
/// minimum for key, value and flags: 96 bytes. Each next size is the previous one times the
/// growth factor (`-f 1.25`), truncated, then rounded up to a multiple of 8. Classes stop once
/// the next size would pass the largest chunk (half a page, 512 KB) divided by the factor;
/// a last class of exactly that largest chunk ends the table. With the defaults that gives
/// the 39 classes `memcached -vv` prints: 96, 120, 152, 192, 240 ... 394840, 524288.
public struct SlabClasses: Sendable {
    public struct SlabClass: Equatable, Sendable {
        /// 1-based, as memcached numbers them.
        public let id: Int
        public let chunkSize: Int
        public let chunksPerPage: Int
    }

    public static let pageSize = 1_048_576
    public static let alignment = 8

    public let classes: [SlabClass]
    /// The largest chunk (half a page by default).
    public let largestChunk: Int

    public init(minimumChunk: Int = 48, growthFactor: Double = 1.25, pageSize: Int = SlabClasses.pageSize) {
        let largest = pageSize / 2
        var classes: [SlabClass] = []
        var size = ItemSize.headerSize + minimumChunk
        while classes.count < 62, Double(largest) / growthFactor >= Double(size) {
            if size % Self.alignment != 0 { size += Self.alignment - size % Self.alignment }
            classes.append(SlabClass(id: classes.count + 1, chunkSize: size, chunksPerPage: pageSize / size))
            size = Int(Double(size) * growthFactor)
        }
        classes.append(SlabClass(id: classes.count + 1, chunkSize: largest, chunksPerPage: pageSize / largest))
        self.classes = classes
        self.largestChunk = largest
    }

    /// The class an item of `totalSize` bytes goes to; items bigger than the largest chunk
    /// belong to the largest class (their chunks are laid out by `ItemLayout`); nil only for
    /// size 0.
    public func classFor(totalSize: Int) -> SlabClass? {
        guard totalSize > 0 else { return nil }
        return classes.first { $0.chunkSize >= totalSize } ?? classes.last
    }

    /// The table as `memcached -vv` prints it at start-up.
    public var verboseListing: String {
        classes.map { slab in
            "slab class \(pad(slab.id, 3)): chunk size \(pad(slab.chunkSize, 9)) perslab \(pad(slab.chunksPerPage, 7))\n"
        }.joined()
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
