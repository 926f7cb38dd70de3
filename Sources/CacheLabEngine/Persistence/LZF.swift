/// LZF, the small and fast compressor Redis uses for long strings in RDB files.
///
/// An LZF stream is a sequence of instructions, each starting with a control byte:
///
///     000LLLLL                      copy the next L+1 bytes as they are (a literal run, 1...32)
///     LLLooooo oooooooo             copy L+2 bytes from `offset+1` bytes back in the output
///     111ooooo LLLLLLLL oooooooo    the same with a longer length: 7+L+2 bytes (up to 264)
///
/// Back references may overlap the bytes they produce ("abababab" is "ab" plus a reference one
/// step back), so such copies go byte by byte; others are one block copy.
///
/// Many streams decode to the same bytes, so a compressor is free in how it finds repeats. We
/// make exactly the choices Redis's compressor (liblzf 3.6, as Redis builds it) makes, so that
/// an RDB file or a DUMP payload holds the same bytes as Redis's, and compression succeeds or
/// gives up exactly when Redis's does. Those choices:
///
///     * Walk the input once. At each position, hash the next three bytes into a table of
///       65,536 slots, read the slot (the last position seen with that hash), and write the
///       current position into it. The hash of bytes a b c is ((a << 8 | b) - 5 (b << 8 | c))
///       modulo 65,536.
///     * The position read is a match when it is earlier than this one by at most 8,192, is not
///       the very first byte of the input, and its three bytes are the same. A match is not
///       chosen for being long: the first candidate wins.
///     * A match runs while the bytes agree, up to 264 bytes and, as a rule, stopping two bytes
///       short of the end. liblzf compares its first 16 extra bytes without that end test when
///       more than 16 bytes are allowed, so a match may reach one or two bytes further there;
///       we follow it, since the output must be the same.
///     * After a match only its last two positions are hashed into the table; the positions
///       inside it are skipped (liblzf's "very fast" setting).
///     * Otherwise the byte goes into the current literal run (runs hold at most 32 bytes).
///     * The output has a budget, and the compressor gives up, rather than overrun it, with a
///       margin: a match is taken only while more than four bytes of the budget are left past
///       the output position (counting one fewer when no literal run is open), a literal
///       byte needs one, and the last two or three input bytes need three. Redis gives a
///       string of n bytes a budget of n - 4, and stores it raw when the compressor gives up.
public enum LZF {
    /// The compressor's working memory: its hash table, kept from one string to the next (a
    /// dump compresses thousands of strings; clearing 256 kB for each would cost more than
    /// compressing). liblzf does not clear its table either: it lives on the stack, holding
    /// what earlier calls left there. A stale entry is harmless: it is used only if it lies
    /// before the current position and its bytes match.
    public struct Compressor {
        static let hashBits = 16
        static let maximumOffset = 8192
        static let maximumMatch = 264
        static let maximumLiteralRun = 32
        private var table: [UInt32] = []

        public init() {}

        /// Compresses `input` within a budget of one byte less than it; nil when the compressor
        /// gives up (which, with liblzf's margins, it may do a little before that).
        public mutating func compress(_ input: UnsafeRawBufferPointer) -> [UInt8]? {
            var out: [UInt8] = []
            guard let written = compress(input, into: &out, budget: input.count - 1) else { return nil }
            out.removeLast(out.count - written)
            return out
        }

        /// Compresses `input` into the start of `out` (grown as needed, never shrunk: a caller
        /// reuses it) in at most `budget` bytes; returns the compressed size, nil when the
        /// compressor gave up (see the type's comment for when it does).
        public mutating func compress(_ input: UnsafeRawBufferPointer, into out: inout [UInt8], budget: Int) -> Int? {
            let n = input.count
            guard n >= 2, n < Int(UInt32.max), budget > 0, let base = input.baseAddress else { return nil }
            if table.isEmpty { table = [UInt32](repeating: 0, count: 1 << Self.hashBits) }
            // Room past the budget: a literal run's control byte is reserved one byte ahead.
            if out.count < budget + 4 { out = [UInt8](repeating: 0, count: budget + 4) }
            let src = base.assumingMemoryBound(to: UInt8.self)
            return table.withUnsafeMutableBufferPointer { table in
                out.withUnsafeMutableBufferPointer { dst in
                    var run = Run(src: src, count: n, out: dst.baseAddress!, budget: budget, table: table.baseAddress!)
                    return run.compress()
                }
            }
        }
    }

    /// One compression, liblzf's walk (see `LZF`): `ip` reads the input, `op` writes the output,
    /// and `literals` counts the bytes of the open literal run, whose control byte waits at
    /// `op - literals - 1`.
    private struct Run {
        let src: UnsafePointer<UInt8>
        let count: Int
        let out: UnsafeMutablePointer<UInt8>
        let budget: Int
        let table: UnsafeMutablePointer<UInt32>
        var ip = 0
        var op = 1
        var literals = 0

        /// The table slot of the three bytes ending `hash` (the bytes seen so far, newest lowest).
        @inline(__always) static func slot(_ hash: UInt32) -> Int {
            Int(((hash >> (24 - UInt32(Compressor.hashBits))) &- hash &* 5) & (1 << UInt32(Compressor.hashBits) - 1))
        }

        mutating func compress() -> Int? {
            var hash = UInt32(src[0]) << 8 | UInt32(src[1])
            while ip < count - 2 {
                hash = hash << 8 | UInt32(src[ip + 2])
                let slot = Self.slot(hash)
                let candidate = Int(table[slot])
                table[slot] = UInt32(truncatingIfNeeded: ip)
                let offset = ip - candidate - 1
                if offset >= 0 && offset < Compressor.maximumOffset && candidate > 0
                    && src[candidate + 2] == src[ip + 2] && src[candidate] == src[ip] && src[candidate + 1] == src[ip + 1] {
                    guard emitMatch(from: candidate, offset: offset) else { return nil }
                    if ip >= count - 2 { break }
                    hash = hashMatchTail()
                } else {
                    guard op < budget else { return nil }
                    appendLiteral()
                }
            }
            guard op + 3 <= budget else { return nil }
            while ip < count { appendLiteral() }
            closeLiteralRun()
            return op
        }

        /// Adds the byte at `ip` to the open literal run, opening a new run when it is full.
        @inline(__always) mutating func appendLiteral() {
            out[op] = src[ip]
            op += 1
            ip += 1
            literals += 1
            if literals == Compressor.maximumLiteralRun {
                out[op - literals - 1] = UInt8(literals - 1)
                literals = 0
                op += 1
            }
        }

        /// Writes the open run's control byte, or takes back the byte reserved for it when the
        /// run is empty.
        @inline(__always) mutating func closeLiteralRun() {
            if literals > 0 {
                out[op - literals - 1] = UInt8(literals - 1)
            } else {
                op -= 1
            }
        }

        /// Writes a back reference for the match at `ip`, moves past it, and opens a new
        /// literal run; false when the budget has no room.
        @inline(__always) mutating func emitMatch(from candidate: Int, offset: Int) -> Bool {
            if op + 4 >= budget && op - (literals == 0 ? 1 : 0) + 4 >= budget { return false }
            closeLiteralRun()
            let length = matchLength(from: candidate)
            let encoded = length - 2
            if encoded < 7 {
                out[op] = UInt8(offset >> 8 + encoded << 5)
                op += 1
            } else {
                out[op] = UInt8(offset >> 8 + 7 << 5)
                out[op + 1] = UInt8(encoded - 7)
                op += 2
            }
            out[op] = UInt8(truncatingIfNeeded: offset)
            op += 2
            literals = 0
            ip += length
            return true
        }

        /// How many bytes at `candidate` equal those at `ip` (the first three are known to),
        /// as liblzf counts: at most 264 and, but for its unchecked first 16 steps, not into
        /// the input's last two bytes.
        @inline(__always) func matchLength(from candidate: Int) -> Int {
            let limit = min(count - ip - 2, Compressor.maximumMatch)
            var length = 2
            if limit > 16 {
                for _ in 0..<16 {
                    length += 1
                    if src[candidate + length] != src[ip + length] { return length }
                }
            }
            repeat { length += 1 } while length < limit && src[candidate + length] == src[ip + length]
            return length
        }

        /// After a match: hashes the last two positions it covered into the table, and
        /// returns the running hash for the position after it.
        @inline(__always) mutating func hashMatchTail() -> UInt32 {
            var hash = UInt32(src[ip - 2]) << 8 | UInt32(src[ip - 1])
            for position in (ip - 2)..<ip {
                hash = hash << 8 | UInt32(src[position + 2])
                table[Self.slot(hash)] = UInt32(truncatingIfNeeded: position)
            }
            return hash
        }
    }

    /// Compresses `input` with a fresh compressor; nil when the result would not be smaller
    /// (Redis then stores the raw string).
    public static func compress(_ input: [UInt8]) -> [UInt8]? {
        var compressor = Compressor()
        return input.withUnsafeBytes { compressor.compress($0) }
    }

    public enum DecompressError: Error, Equatable {
        case invalid
    }

    /// Decompresses to exactly `length` bytes, or throws when the stream is malformed.
    public static func decompress(_ input: ArraySlice<UInt8>, length: Int) throws(DecompressError) -> [UInt8] {
        guard length >= 0 else { throw .invalid }
        // No zero fill: a well-formed stream writes every byte of `out` (`decompress` checks
        // that it ends exactly at `length`), and a malformed one is thrown away.
        var ok = false
        let out = [UInt8](unsafeUninitializedCapacity: length) { dst, initialized in
            ok = input.withUnsafeBufferPointer { src in decompress(src, into: UnsafeMutableBufferPointer(rebasing: dst[0..<length])) }
            initialized = ok ? length : 0
        }
        guard ok else { throw .invalid }
        return out
    }

    /// Decodes `src` into exactly all of `dst`; false when the stream is malformed. Every
    /// bound is checked once per run, then bytes move through raw pointers: runs are mostly
    /// a few bytes long, too short to be worth a call to memmove.
    private static func decompress(_ src: UnsafeBufferPointer<UInt8>, into dst: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        let end = src.count, length = dst.count
        guard end > 0 else { return length == 0 }
        // Every run writes at least one byte: nothing to write into means malformed.
        guard let input = src.baseAddress, let output = dst.baseAddress, length > 0 else { return false }
        var i = 0, o = 0
        while i < end {
            let control = Int(input[i])
            i += 1
            if control < 32 {
                let run = control + 1
                guard i + run <= end, o + run <= length else { return false }
                copy(output + o, from: input + i, count: run)
                i += run
                o += run
            } else {
                var run = control >> 5
                if run == 7 {
                    guard i < end else { return false }
                    run += Int(input[i])
                    i += 1
                }
                guard i < end else { return false }
                let offset = ((control & 0x1F) << 8 | Int(input[i])) + 1
                i += 1
                run += 2
                guard offset <= o, o + run <= length else { return false }
                if offset >= run {
                    copy(output + o, from: output + o - offset, count: run)
                } else {
                    // The reference overlaps what it produces: byte by byte, in order.
                    let target = output + o, source = output + o - offset
                    for k in 0..<run { target[k] = source[k] }
                }
                o += run
            }
        }
        return o == length
    }

    /// Copies `count` bytes between regions that do not overlap: a byte loop for short runs,
    /// memcpy for long ones.
    @inline(__always)
    private static func copy(_ target: UnsafeMutablePointer<UInt8>, from source: UnsafePointer<UInt8>, count: Int) {
        if count <= 16 {
            for k in 0..<count { target[k] = source[k] }
        } else {
            target.update(from: source, count: count)
        }
    }
}
