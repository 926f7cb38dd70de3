/// An array of bulk strings kept in one buffer: the reply of a range read such as
/// `ZRANGE zset 0 99`.
///
/// Why not `Reply.array` of `.bulk` values? Each of those is an enum value that must be built
/// one by one and, when the reply is dropped, destroyed one by one: Swift looks at every
/// element to learn whether it holds a heap buffer to release. For a ZRANGE of 100 short
/// members that bookkeeping cost more than walking the skiplist. Redis builds no reply
/// objects at all; it writes each member straight into the client's output buffer. This is
/// the nearest an engine that returns values gets to that: one allocation holding where each
/// string ends, then the strings' bytes back to back.
///
///     strings:  "member:0", "member:1", "m"
///     ends:     8, 16, 17
///     bytes:    m e m b e r : 0 m e m b e r : 1 m
///
/// Building it costs one allocation and a copy of each string; dropping it, one free.
/// `Reply.bulkStrings` carries one, and means exactly what `.array` of `.bulk`s means: on the
/// wire, in redis-cli's formatting and to `==`.
public struct BulkStrings: @unchecked Sendable {
    /// The count, the byte count, then the ends (an `Int` each) and the bytes. Never changed
    /// while anybody but a `Spare` holds it, so sharing it between threads is safe.
    @usableFromInline final class Storage: ManagedBuffer<Storage.Header, UInt8> {
        @usableFromInline struct Header {
            var count: Int
            var byteCount: Int
            /// The room asked for when the buffer was made, which a reuse may fill again.
            let room: Int
        }
    }

    @usableFromInline let storage: Storage?

    /// No strings.
    public init() {
        storage = nil
    }

    /// The strings of a collection, copied once (its elements are read twice: once for the
    /// total size, once to copy them).
    public init<C: Collection>(_ strings: C) where C.Element == Bytes {
        let total = strings.reduce(0) { $0 + $1.count }
        self.init(count: strings.count, byteCount: total) { writer in
            for string in strings { writer.append(string) }
        }
    }

    /// Builds `count` strings of `byteCount` bytes in all: `fill` must append exactly that
    /// many strings, of exactly that many bytes, to the writer it is given.
    public init(count: Int, byteCount: Int, fill: (inout Writer) -> Void) {
        let built = BulkStrings(count: count, byteLimit: byteCount) { writer in
            fill(&writer)
            precondition(writer.writtenBytes == byteCount, "BulkStrings: fill wrote other than it promised")
            return true
        }
        self = built!
    }

    /// Builds `count` strings of at most `byteLimit` bytes in all, for a caller that does not
    /// know their size before it reads them: `fill` appends them and returns true, or gives up
    /// (returns false, and the init nil) when the next string would not fit. Room for
    /// `byteLimit` bytes stays allocated whatever was written.
    public init?(count: Int, byteLimit: Int, fill: (inout Writer) -> Bool) {
        var noSpare = Spare()
        self.init(count: count, byteLimit: byteLimit, reusing: &noSpare, fill: fill)
    }

    /// `init(count:byteLimit:fill:)` in the buffer `spare` holds when nobody else does and it
    /// has room; the buffer used becomes the spare (see `BulkStrings+Spare.swift`).
    public init?(count: Int, byteLimit: Int, reusing spare: inout Spare, fill: (inout Writer) -> Bool) {
        guard count > 0 else {
            storage = nil
            return
        }
        let capacity = count * MemoryLayout<Int>.stride + byteLimit + Bytes.copyPadding
        let storage = spare.take(room: capacity, count: count) ?? Self.makeStorage(room: capacity, count: count)
        spare.keep(storage)
        let written: Int? = storage.withUnsafeMutablePointerToElements { elements in
            let raw = UnsafeMutableRawPointer(elements)
            var writer = Writer(ends: raw, bytes: raw + count * MemoryLayout<Int>.stride,
                                count: count, byteLimit: byteLimit)
            guard fill(&writer) else { return nil }
            precondition(writer.stringCount == count, "BulkStrings: fill wrote other than it promised")
            return writer.writtenBytes
        }
        guard let written else { return nil }
        storage.header.byteCount = written
        self.storage = storage
    }

    private static func makeStorage(room: Int, count: Int) -> Storage {
        let buffer = Storage.create(minimumCapacity: room) { _ in Storage.Header(count: count, byteCount: 0, room: room) }
        return unsafeDowncast(buffer, to: Storage.self)
    }

    /// Appends strings into the room an init reserved.
    public struct Writer {
        let ends: UnsafeMutableRawPointer
        let bytes: UnsafeMutableRawPointer
        let count: Int
        let byteLimit: Int
        private(set) var stringCount = 0
        private(set) var writtenBytes = 0

        init(ends: UnsafeMutableRawPointer, bytes: UnsafeMutableRawPointer, count: Int, byteLimit: Int) {
            self.ends = ends
            self.bytes = bytes
            self.count = count
            self.byteLimit = byteLimit
        }

        /// Whether `length` more bytes fit in the room reserved.
        @inline(__always)
        public func hasRoom(for length: Int) -> Bool {
            length <= byteLimit &- writtenBytes
        }

        /// Copies `string` after the strings written so far.
        @inline(__always)
        public mutating func append(_ string: Bytes) {
            precondition(stringCount < count && hasRoom(for: string.count),
                         "BulkStrings: more written than reserved")
            finish(string.copy(toPadded: bytes + writtenBytes))
        }

        /// Copies the string stored at `string` after the strings written so far, without
        /// taking it out of its storage (see `Bytes.copy(at:toPadded:)`).
        @inline(__always)
        public mutating func append(stringAt string: UnsafePointer<Bytes>) {
            precondition(stringCount < count && hasRoom(for: string.pointee.count),
                         "BulkStrings: more written than reserved")
            finish(Bytes.copy(at: string, toPadded: bytes + writtenBytes))
        }

        /// Copies `k` short strings (at most `Bytes.inlineCapacity` bytes each) from where
        /// they are stored: the first at `address(start)`, each next one at `address` of
        /// `next` of the one before; returns true. Stops and returns false at a longer one,
        /// having written the ones before it. The room for `k` short strings is checked once,
        /// not at every string: this is the loop of a range read (`ZRANGE`).
        @inline(__always)
        public mutating func appendShortStrings(_ k: Int, from start: Int, at address: (Int) -> UnsafePointer<Bytes>,
                                                next: (Int) -> Int) -> Bool {
            precondition(k >= 0 && k <= count &- stringCount
                         && k <= (byteLimit &- writtenBytes) / Bytes.inlineCapacity,
                         "BulkStrings: more written than reserved")
            guard k > 0 else { return true }
            // A plain countdown: no range iterator to check, and `next` is called only between
            // strings (never past the last, which may have no next).
            var item = start
            var left = k
            while true {
                guard let length = Bytes.copyIfInline(at: address(item), toPadded: bytes + writtenBytes) else { return false }
                finish(length)
                left &-= 1
                if left == 0 { return true }
                item = next(item)
            }
        }

        @inline(__always)
        private mutating func finish(_ length: Int) {
            writtenBytes &+= length
            ends.storeBytes(of: writtenBytes, toByteOffset: stringCount &* MemoryLayout<Int>.stride, as: Int.self)
            stringCount &+= 1
        }
    }

    /// How many bytes the strings hold in all.
    public var byteCount: Int { storage?.header.byteCount ?? 0 }

    /// Calls `body` with the strings' bytes, back to back (`range(of:)` says where each is).
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        guard let storage else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        return try storage.withUnsafeMutablePointerToElements { elements in
            let start = UnsafeRawPointer(elements) + storage.header.count * MemoryLayout<Int>.stride
            return try body(UnsafeRawBufferPointer(start: start, count: storage.header.byteCount))
        }
    }

    /// Where string `i` ends in the bytes.
    private func end(of i: Int) -> Int {
        storage!.withUnsafeMutablePointerToElements { elements in
            UnsafeRawPointer(elements).loadUnaligned(fromByteOffset: i * MemoryLayout<Int>.stride, as: Int.self)
        }
    }
}

extension BulkStrings: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { storage?.header.count ?? 0 }

    /// Where string `i` starts and ends in the bytes.
    public func range(of i: Int) -> Range<Int> {
        precondition(i >= 0 && i < count, "BulkStrings index out of range")
        return (i == 0 ? 0 : end(of: i - 1))..<end(of: i)
    }

    /// String `i`, copied out.
    public subscript(i: Int) -> Bytes {
        let range = range(of: i)
        return withUnsafeBytes { Bytes(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    /// The same strings as the replies of an ordinary array.
    public var replies: [Reply] { map(Reply.bulk) }
}

extension BulkStrings: Hashable {
    public static func == (lhs: BulkStrings, rhs: BulkStrings) -> Bool {
        lhs.elementsEqual(rhs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for string in self { hasher.combine(string) }
    }
}
