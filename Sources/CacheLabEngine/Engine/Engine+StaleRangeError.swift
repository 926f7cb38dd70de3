import Foundation

/// Why `SORT list` can fail on numbers that are perfectly fine: Redis's stale `errno`.
///
/// When SORT sorts numerically, Redis converts each element (or each BY value) that is stored
/// as text with C's `strtod`, and counts it as "can't be converted into double" when
/// `errno == ERANGE` afterwards. It never clears `errno` first, and `strtod` only ever sets
/// it (on overflow, underflow, or a denormal result). So the check also sees whatever the
/// last float parse of any earlier command left behind, on the same server thread:
///
///     ZADD z 1e400 m        -> ERR value is not a valid float   (errno = ERANGE)
///     RPUSH l 1.5 2
///     SORT l                -> ERR One or more scores can't be converted into double
///     ZADD z 1 m            (the strict parser clears errno first: errno = 0)
///     SORT l                -> 1.5 2
///
/// CacheLab keeps that one bit of C state, `staleRangeError`, and updates it wherever Redis
/// 7.0 parses a float through the C library:
/// - the strict parsers clear `errno` and then parse, so the bit becomes exactly "this parse
///   overflowed or underflowed": `string2d` (ZADD and ZINCRBY scores, WEIGHTS, geo
///   coordinates, radius and box), `string2ld` (INCRBYFLOAT, HINCRBYFLOAT, blocking
///   timeouts) and the SCAN cursor parser (`strtoul`);
/// - plain `strtod` calls only ever set it: score ranges (ZCOUNT, ZRANGEBYSCORE, ZRANGE
///   BYSCORE, ZREMRANGEBYSCORE) and SORT itself.
/// Integers stored as integers (list elements, `int` strings, small-hash values) are never
/// parsed, so they never see it. Not modelled: a sorted set's listpack scores are re-read
/// with `strtod` too, which only sets ERANGE for a denormal score (like `1e-320`).
///
/// Streams clear the bit, through Redis's radix tree (`rax`), which sets `errno = 0` when an
/// iterator steps past its last element and when an insert finds its key already there:
/// - a walk over entries that runs off the stream's end rather than stopping at the range's
///   end or at COUNT (XRANGE, XREVRANGE, XREAD, XREADGROUP, XINFO), and a look for an entry
///   with no live entry at or after it (XDEL, XCLAIM, XAUTOCLAIM);
/// - walks over every group, consumer or pending entry (XINFO, XPENDING, XAUTOCLAIM,
///   XGROUP DELCONSUMER), and INFO's errorstats section, which walks the error table;
/// - XADD starting a new node (the node is inserted, then inserted again to store its
///   grown listpack), XADD's ID refused as too small (`errno = EDOM`), a trim that runs out
///   of nodes or trims inside one, XREADGROUP delivering an entry already pending, and
///   CREATECONSUMER of a consumer that exists (XGROUP CREATE of an existing group only
///   looks, so it leaves `errno` alone);
/// - stream IDs that Redis's strict integer parser refuses go to `strtoull` after
///   `errno = 0` (see `StreamIDParser.unsignedValue`).
///
/// Not modelled: COPY, DUMP, SAVE and MEMORY USAGE of a stream walk its nodes too, and an
/// append that outgrows its listpack's allocation may store the node again.
extension Engine {
    /// A C call that left `errno` as something other than ERANGE: 0 after a radix tree
    /// iterator ran out or an insert found its key, EDOM for XADD's too-small ID.
    @inline(__always) func noteErrnoCleared(if condition: Bool = true) {
        if condition { staleRangeError = false }
    }

    /// A parse that clears `errno` first: afterwards ERANGE means this very parse was out of range.
    @inline(__always) func noteFloatParse(outOfRange: Bool) {
        staleRangeError = outOfRange
    }

    /// A plain `strtod`: an out-of-range result sets ERANGE; anything else leaves `errno` be.
    @inline(__always) func noteUnclearedFloatParse(outOfRange: Bool) {
        if outOfRange { staleRangeError = true }
    }

    /// `string2d` on an argument: `errno` cleared, then `strtod` over the C string.
    func noteDoubleArgument(_ text: Bytes) {
        noteFloatParse(outOfRange: SortedSetArguments.strtod(text).outOfRange)
    }

    /// `string2ld` on an argument or a stored value: an empty or over-long text (5120 bytes
    /// or more) is refused before `errno` is touched; otherwise `errno` is cleared and
    /// `strtold` runs, which only goes out of range past about 1e4932.
    func noteLongDoubleParse(_ text: Bytes) {
        let n = text.count
        guard n > 0 && n < 5120 else { return }
        // Without an exponent (e, or p in hex) only thousands of digits could get that far.
        let mayBeOutOfRange = n > 4900 || text.withUnsafeBytes { raw in
            raw.contains { $0 | 0x20 == UInt8(ascii: "e") || $0 | 0x20 == UInt8(ascii: "p") }
        }
        guard mayBeOutOfRange else { return noteFloatParse(outOfRange: false) }
        let outOfRange = text.withUnsafeBytes { raw -> Bool in
            let length = raw.firstIndex(of: 0) ?? n
            return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { c in
                for i in 0..<length { c[i] = CChar(bitPattern: raw[i]) }
                c[length] = 0
                errno = 0
                _ = strtold(c.baseAddress!, nil)
                return errno == ERANGE
            }
        }
        noteFloatParse(outOfRange: outOfRange)
    }

    /// The SCAN family's cursor: `errno` cleared, then `strtoul`, out of range past 2^64 - 1.
    func noteScanCursorParse(_ text: Bytes) {
        // Twenty characters at the very least to exceed 18446744073709551615.
        guard text.count >= 20 else { return noteFloatParse(outOfRange: false) }
        let outOfRange = text.withUnsafeBytes { raw -> Bool in
            let length = raw.firstIndex(of: 0) ?? raw.count
            return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { c in
                for i in 0..<length { c[i] = CChar(bitPattern: raw[i]) }
                c[length] = 0
                errno = 0
                _ = strtoul(c.baseAddress!, nil, 10)
                return errno == ERANGE
            }
        }
        noteFloatParse(outOfRange: outOfRange)
    }
}
