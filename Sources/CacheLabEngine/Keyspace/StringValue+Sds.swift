/// The buffer behind a `raw` string, and how Redis grows it: what MEMORY USAGE and
/// `used_memory` see after APPEND, SETRANGE, SETBIT and BITFIELD.
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
/// Each edit that needs more room than is spare
/// reallocates greedily (`sdsMakeRoomFor`), so a string appended to over and over is copied
/// only now and then:
///
///     needed n > spare:   new size = 2 × (length + n)    below 1 MB
///                                    (length + n) + 1 MB from 1 MB on
///                         header for that size (at least 3 bytes), + 1 -> its size class
///
/// An edit that fits changes nothing but the length. So after `SET k hello; APPEND k world`
/// the buffer holds 10 bytes in a 24-byte request (3 + 20 + 1), a 32-byte allocation, where
/// `SET k helloworld` would use 16 (embstr aside). CacheLab keeps the two facts needed to
/// follow this without a field of its own: whether the buffer was reallocated, and how many
/// size classes it is above an exact buffer for the current length.
extension StringValue {
    /// The usable size of the sds allocation behind this raw string.
    var sdsAllocation: Int {
        let exact = Self.exactAllocation(length: bytes.count)
        guard sdsIsGrown else { return exact }
        return Jemalloc.classSize(Jemalloc.classIndex(exact) + sdsSpareClasses)
    }

    /// Follows Redis's buffer through an in-place edit that took the string from `oldLength`
    /// bytes (`wasRaw`: whether it was already a raw string) to its current length. Call it
    /// after changing the bytes and before marking the string raw.
    mutating func noteInPlaceEdit(from oldLength: Int, wasRaw: Bool) {
        let newLength = bytes.count
        let grown = wasRaw && sdsIsGrown
        // The buffer before the edit: a string that was not raw is first copied exactly.
        var allocation = grown
            ? Jemalloc.classSize(Jemalloc.classIndex(Self.exactAllocation(length: oldLength)) + sdsSpareClasses)
            : Self.exactAllocation(length: oldLength)
        let room: Int
        if grown {
            room = Self.capacity(ofAllocation: allocation) - oldLength
        } else if !wasRaw && oldLength > Self.embstrLimit {
            // A long string stored by SET: Redis trims a buffer with more than 10% to spare.
            let spare = Self.exactRoom(length: oldLength)
            room = spare > oldLength / 10 ? 0 : spare
        } else {
            room = Self.exactRoom(length: oldLength)
        }
        var reallocated = grown
        if newLength - oldLength > room {
            let size = newLength < Self.maxPreallocation ? newLength * 2 : newLength + Self.maxPreallocation
            allocation = Jemalloc.usableSize(RedisObjectSizes.sdsHeader(length: size, allowsType5: false) + size + 1)
            reallocated = true
        }
        sdsIsGrown = reallocated
        sdsSpareClasses = reallocated
            ? Jemalloc.classIndex(allocation) - Jemalloc.classIndex(Self.exactAllocation(length: newLength))
            : 0
    }

    /// The buffer of a copy made in one go (COPY duplicates a raw string exactly).
    mutating func makeBufferExact() {
        sdsIsGrown = false
        sdsSpareClasses = 0
    }

    /// Redis's SDS_MAX_PREALLOC: greedy growth doubles below it and adds it above.
    static let maxPreallocation = 1 << 20

    /// The allocation of a buffer made exactly for `length` bytes.
    static func exactAllocation(length: Int) -> Int {
        Jemalloc.usableSize(RedisObjectSizes.sdsHeader(length: length, allowsType5: isType5(length: length)) + length + 1)
    }

    /// The room an exact buffer for `length` bytes has beyond them: what its allocation holds
    /// past the header and terminator, up to the most its header type can count; none with
    /// the 1-byte header.
    static func exactRoom(length: Int) -> Int {
        if isType5(length: length) { return 0 }
        let header = RedisObjectSizes.sdsHeader(length: length, allowsType5: false)
        return min(exactAllocation(length: length) - header - 1, maximumLength(header: header)) - length
    }

    /// The longest string an sds header of this size can count.
    static func maximumLength(header: Int) -> Int {
        header == 3 ? 255 : header == 5 ? 65_535 : header == 9 ? Int(UInt32.max) : Int.max
    }

    /// An exact buffer of 1...31 bytes has the 1-byte header, which has no room to spare.
    static func isType5(length: Int) -> Bool {
        length > 0 && length < 32
    }

    /// The bytes a reallocated buffer of `allocation` usable bytes can hold: all but its
    /// header and terminator, up to the most its header type can count. (The header is
    /// judged from the allocation; Redis chose it from the size it asked for, which differs
    /// only for sizes just under 256 or 65,536.)
    static func capacity(ofAllocation allocation: Int) -> Int {
        let header = RedisObjectSizes.sdsHeader(length: allocation - 4, allowsType5: false)
        return min(allocation - header - 1, maximumLength(header: header))
    }
}
