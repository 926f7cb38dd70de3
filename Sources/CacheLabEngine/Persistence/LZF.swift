/// LZF, the small and fast compressor Redis uses for long strings in RDB files.
///
/// An LZF stream is a sequence of instructions, each starting with a control byte:
///
///     000LLLLL                      copy the next L+1 bytes as they are (a literal run, 1...32)
///     LLLooooo oooooooo             copy L+2 bytes from `offset+1` bytes back in the output
///     111ooooo LLLLLLLL oooooooo    the same with a longer length: 7+L+2 bytes (up to 264)
///
/// Back references may overlap the bytes they produce ("abababab" is "ab" plus a reference one
/// step back), so such copies go byte by byte; others are one block copy. Compression finds
/// repeats with a hash of the next three bytes pointing at where they were last seen. Our
/// compressor's choices differ from liblzf's, so the compressed bytes differ from Redis's,
/// but any LZF reader decodes both.
public enum LZF {
    /// The compressor's working memory: its hash table, kept from one string to the next (a
    /// dump compresses thousands of strings; allocating and clearing a table for each would
    /// cost more than compressing). Stale entries are harmless: a candidate is used only if
    /// it lies before the current position and its bytes match.
    public struct Compressor {
        static let hashBits = 14
        private var table: [UInt32] = []

        public init() {}

        /// Compresses `input`; nil when the result would not be smaller.
        public mutating func compress(_ input: UnsafeRawBufferPointer) -> [UInt8]? {
            var out: [UInt8] = []
            guard let written = compress(input, into: &out) else { return nil }
            out.removeLast(out.count - written)
            return out
        }

        /// Compresses `input` into the start of `out` (grown as needed, never shrunk: a caller
        /// reuses it); returns the compressed size, nil when it would not be smaller.
        public mutating func compress(_ input: UnsafeRawBufferPointer, into out: inout [UInt8]) -> Int? {
            let n = input.count
            guard n >= 4, n < Int(UInt32.max), let base = input.baseAddress else { return nil }
            if table.isEmpty { table = [UInt32](repeating: UInt32.max, count: 1 << Self.hashBits) }
            if out.count < n { out = [UInt8](repeating: 0, count: n) }
            let src = base.assumingMemoryBound(to: UInt8.self)
            return table.withUnsafeMutableBufferPointer { tab in
                out.withUnsafeMutableBufferPointer { dst in
                    Self.compress(src, n, into: UnsafeMutableBufferPointer(rebasing: dst[0..<n]), table: tab)
                }
            }
        }

        /// The compressed size written to `dst` (`n` bytes of room), or nil when it would
        /// not be smaller than the input.
        ///
        /// Bytes are read four or eight at a time (unaligned little-endian loads): the three
        /// bytes to hash are the low three of a 32-bit load, a candidate is confirmed with
        /// one masked compare, and a match is extended eight bytes per step, the first
        /// differing byte found from the trailing zero bits of the XOR. The last three bytes
        /// are never hashed (no four bytes to load there), so they always go out as literals.
        private static func compress(_ src: UnsafePointer<UInt8>, _ n: Int, into dst: UnsafeMutableBufferPointer<UInt8>,
                                     table: UnsafeMutableBufferPointer<UInt32>) -> Int? {
            let raw = UnsafeRawPointer(src)
            let out = dst.baseAddress!
            var o = 0
            var literalStart = 0
            var i = 0
            let shift = UInt32(32 - hashBits)

            /// Writes the literal bytes `literalStart..<end` in runs of at most 32.
            func flushLiterals(upTo end: Int) -> Bool {
                var start = literalStart
                while start < end {
                    let run = min(32, end - start)
                    guard o + run + 1 < n else { return false }
                    out[o] = UInt8(run - 1)
                    // Runs are short (often one byte): a loop beats a call to memmove.
                    for k in 0..<run { out[o + 1 + k] = src[start + k] }
                    o += run + 1
                    start += run
                }
                return true
            }

            while i + 4 <= n {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt32.self).littleEndian
                let h = Int(((word & 0xFF_FFFF) &* 2_654_435_761) >> shift)
                let candidate = Int(table[h])
                table[h] = UInt32(truncatingIfNeeded: i)
                let offset = i &- candidate &- 1
                guard candidate < i, offset < 8192,
                      (raw.loadUnaligned(fromByteOffset: candidate, as: UInt32.self).littleEndian ^ word) & 0xFF_FFFF == 0
                else {
                    i += 1
                    continue
                }
                let length = matchLength(raw, candidate, i, limit: min(264, n - i))
                guard flushLiterals(upTo: i), o + 3 < n else { return nil }
                let encoded = length - 2
                if encoded < 7 {
                    out[o] = UInt8(encoded << 5 | offset >> 8)
                    o += 1
                } else {
                    out[o] = UInt8(7 << 5 | offset >> 8)
                    out[o + 1] = UInt8(encoded - 7)
                    o += 2
                }
                out[o] = UInt8(truncatingIfNeeded: offset)
                o += 1
                i += length
                literalStart = i
            }
            guard flushLiterals(upTo: n), o < n else { return nil }
            return o
        }

        /// How many bytes from `candidate` equal those from `i` (at least the 3 already
        /// confirmed, at most `limit`), compared eight at a time while eight remain.
        @inline(__always)
        private static func matchLength(_ raw: UnsafeRawPointer, _ candidate: Int, _ i: Int, limit: Int) -> Int {
            var length = 3
            while length + 8 <= limit {
                let difference = raw.loadUnaligned(fromByteOffset: candidate + length, as: UInt64.self)
                    ^ raw.loadUnaligned(fromByteOffset: i + length, as: UInt64.self)
                if difference != 0 {
                    return length + UInt64(littleEndian: difference).trailingZeroBitCount >> 3
                }
                length += 8
            }
            let bytes = raw.assumingMemoryBound(to: UInt8.self)
            while length < limit && bytes[candidate + length] == bytes[i + length] { length += 1 }
            return length
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
