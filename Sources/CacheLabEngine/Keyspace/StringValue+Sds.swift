/// The buffer behind a `raw` string, and how Redis grows it: what MEMORY USAGE and
/// `used_memory` see after APPEND, SETRANGE, SETBIT, BITFIELD and PFADD.
///
/// Redis keeps a string's bytes in an sds: a header (1, 3, 5 or 9 bytes, by how long the
/// buffer may be), the bytes, a terminating zero, and room to spare. A string made in one go
/// gets a buffer sized for it, rounded up to its jemalloc size class:
///
///     exact      header + length + 1 -> its size class; the 1-byte header (type 5) for
///                1...31 bytes, which records no spare room at all
///
/// A string edited in place (APPEND, or SETRANGE and SETBIT past its end) first becomes a
/// private raw copy of itself, made exactly, unless it already is one; a long string that SET
/// stored raw had its spare room trimmed away if that was more than a tenth of its length.
/// Each edit that needs more room than is spare reallocates greedily (`sdsMakeRoomFor`), so
/// a string appended to over and over is copied only now and then:
///
///     needed n > spare:   new size = 2 × (length + n)    below 1 MB
///                                    (length + n) + 1 MB from 1 MB on
///                         header for that size (at least 3 bytes), + 1 -> its size class
///
/// An edit that fits changes nothing but the length. So after `SET k hello; APPEND k world`
/// the buffer holds 10 bytes in a 24-byte request (3 + 20 + 1), a 32-byte allocation, where
/// `SET k helloworld` would use 16 (embstr aside). A sparse HyperLogLog makes room for 3
/// more bytes before each register it sets, the same way.
///
/// `SdsBuffer` follows one buffer through such edits. A `StringValue` keeps the two facts
/// needed to rebuild it without a field of its own: whether the buffer was reallocated, and
/// how many size classes it is above an exact buffer for the current length.
struct SdsBuffer: Equatable {
    /// Usable bytes of the allocation.
    var allocation: Int
    /// The most bytes the string can hold without a new allocation.
    var capacity: Int
    /// Whether Redis reallocated it to grow it (and it may have room to spare).
    var isGrown: Bool

    /// Redis's SDS_MAX_PREALLOC: greedy growth doubles below it and adds it above.
    static let maxPreallocation = 1 << 20

    /// A buffer made exactly for `length` bytes (`sdsnewlen`).
    static func exact(length: Int) -> SdsBuffer {
        let allocation = exactAllocation(length: length)
        if isType5(length: length) { return SdsBuffer(allocation: allocation, capacity: length, isGrown: false) }
        let header = RedisObjectSizes.sdsHeader(length: length, allowsType5: false)
        return SdsBuffer(allocation: allocation, capacity: capacity(allocation: allocation, header: header), isGrown: false)
    }

    /// The allocation of a buffer made exactly for `length` bytes.
    static func exactAllocation(length: Int) -> Int {
        Jemalloc.usableSize(RedisObjectSizes.sdsHeader(length: length, allowsType5: isType5(length: length)) + length + 1)
    }

    /// Makes room for `more` bytes after `length` (`sdsMakeRoomFor`, greedy): nothing when
    /// they fit, else a new allocation twice the needed size (plus 1 MB from 1 MB on).
    mutating func makeRoom(for more: Int, after length: Int) {
        let needed = length + more
        guard needed > capacity else { return }
        let size = needed < Self.maxPreallocation ? needed * 2 : needed + Self.maxPreallocation
        let header = RedisObjectSizes.sdsHeader(length: size, allowsType5: false)
        allocation = Jemalloc.usableSize(header + size + 1)
        capacity = Self.capacity(allocation: allocation, header: header)
        isGrown = true
    }

    /// An exact buffer of 1...31 bytes has the 1-byte header, which has no room to spare.
    static func isType5(length: Int) -> Bool {
        length > 0 && length < 32
    }

    /// The bytes an allocation holds past an sds header of this size and the terminator, up
    /// to the longest string the header can count.
    static func capacity(allocation: Int, header: Int) -> Int {
        let maximum = header == 3 ? 255 : header == 5 ? 65_535 : header == 9 ? Int(UInt32.max) : Int.max
        return min(allocation - header - 1, maximum)
    }
}

extension StringValue {
    /// The usable size of the sds allocation behind this raw string.
    var sdsAllocation: Int {
        let exact = SdsBuffer.exactAllocation(length: bytes.count)
        guard sdsIsGrown else { return exact }
        return Jemalloc.classSize(Jemalloc.classIndex(exact) + sdsSpareClasses)
    }

    /// The buffer Redis edits this string in: its own when it is raw, else the exact private
    /// copy it makes first (`dbUnshareStringValue`), or for a long string that SET stored raw,
    /// its buffer trimmed of spare room over a tenth of its length.
    var sdsBufferForEditing: SdsBuffer {
        let length = bytes.count
        if isRaw && sdsIsGrown {
            // The header is judged from the allocation; Redis chose it from the size it asked
            // for, which differs only for sizes just under 256 or 65,536.
            let allocation = sdsAllocation
            let header = RedisObjectSizes.sdsHeader(length: allocation - 4, allowsType5: false)
            return SdsBuffer(allocation: allocation, capacity: SdsBuffer.capacity(allocation: allocation, header: header), isGrown: true)
        }
        var buffer = SdsBuffer.exact(length: length)
        if !isRaw && length > Self.embstrLimit && buffer.capacity - length > length / 10 { buffer.capacity = length }
        return buffer
    }

    /// Records `buffer` as the one behind the string's current bytes.
    mutating func setSdsBuffer(_ buffer: SdsBuffer) {
        sdsIsGrown = buffer.isGrown
        sdsSpareClasses = buffer.isGrown
            ? Jemalloc.classIndex(buffer.allocation) - Jemalloc.classIndex(SdsBuffer.exactAllocation(length: bytes.count))
            : 0
    }

    /// Follows Redis's buffer through an in-place edit that took the string from `oldLength`
    /// bytes to its current length, growing it at most once (APPEND's `sdscatlen`, SETRANGE's
    /// and SETBIT's `sdsgrowzero`). `buffer` is `sdsBufferForEditing` from before the edit.
    mutating func noteInPlaceEdit(from oldLength: Int, in buffer: SdsBuffer) {
        var buffer = buffer
        buffer.makeRoom(for: bytes.count - oldLength, after: oldLength)
        setSdsBuffer(buffer)
    }

    /// The buffer of a copy made in one go (COPY duplicates a raw string exactly).
    mutating func makeBufferExact() {
        sdsIsGrown = false
        sdsSpareClasses = 0
    }
}
