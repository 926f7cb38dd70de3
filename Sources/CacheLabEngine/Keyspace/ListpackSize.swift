/// The byte sizes of a Redis listpack, computed without building one.
///
/// Redis stores a stream's entries in listpacks of at most `stream-node-max-bytes` bytes, and
/// decides when to start a new node from the listpack's exact size. CacheLab keeps entries
/// as plain arrays, but counts the bytes the same listpack would take, so nodes split where
/// Redis splits them (and `XINFO STREAM` and `~` trimming agree with Redis).
///
/// A listpack is a 6-byte header (total bytes, element count), the elements, and a 1-byte
/// terminator. Each element is its encoding followed by a "backlen" (the encoding's size,
/// written in 1 to 5 bytes so the list can be walked backwards):
///
///     integer 0...127                 1 byte      string shorter than 64 bytes   1 + len
///     integer -4096...4095            2 bytes     string shorter than 4096 bytes 2 + len
///     16-, 24-, 32-bit integer        3, 4, 5     longer string                  5 + len
///     other 64-bit integer            9 bytes
///
/// A string that reads as a canonical 64-bit integer (Redis's `string2ll` rules) is stored as
/// that integer.
enum ListpackSize {
    /// Header (4 bytes total size + 2 bytes count) plus the end-of-list byte.
    static let overhead = 7

    /// Bytes taken by an integer element, backlen included.
    @inline(__always) static func integer(_ v: Int64) -> Int {
        let encoded: Int
        if v >= 0 && v <= 127 {
            encoded = 1
        } else if v >= -4096 && v <= 4095 {
            encoded = 2
        } else if v >= -32768 && v <= 32767 {
            encoded = 3
        } else if v >= -8_388_608 && v <= 8_388_607 {
            encoded = 4
        } else if v >= -2_147_483_648 && v <= 2_147_483_647 {
            encoded = 5
        } else {
            encoded = 9
        }
        return encoded + 1
    }

    /// Bytes taken by a string element, backlen included (an integer-like string is stored
    /// as an integer).
    @inline(__always) static func string(_ b: Bytes) -> Int {
        let n = b.count
        if n <= 20, let v = b.int64Value { return integer(v) }
        return text(length: n)
    }

    /// Bytes taken by an element stored as text of `length` bytes, backlen included.
    @inline(__always) static func text(length n: Int) -> Int {
        let encoded = n < 64 ? 1 + n : (n < 4096 ? 2 + n : 5 + n)
        return encoded + backlen(encoded)
    }

    /// Bytes of the backlen that follows an element whose encoding takes `length` bytes.
    @inline(__always) static func backlen(_ length: Int) -> Int {
        if length <= 127 { return 1 }
        if length < 16383 { return 2 }
        if length < 2_097_151 { return 3 }
        if length < 268_435_455 { return 4 }
        return 5
    }
}
