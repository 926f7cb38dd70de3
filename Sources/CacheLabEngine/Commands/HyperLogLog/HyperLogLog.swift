/// A HyperLogLog: Redis's approximate distinct counter, stored as a plain string value in
/// exactly Redis's byte layout, so GET shows the same bytes as Redis after the same commands.
///
/// The idea. Hash each element to 64 random-looking bits. The low 14 bits pick one of 16384
/// *registers*; in the other 50 bits, count the trailing zeros and add one (1...51). A run
/// of k zeros happens once in 2^k elements, so the largest count a register has seen says
/// roughly how many distinct elements reached it. Each register keeps only its maximum, and
/// the estimator combines all of them (see `HyperLogLog+Estimator.swift`). Adding an element
/// already seen changes nothing: that is why it counts *distinct* elements, in 12 KB at most,
/// with a standard error of 0.81%.
///
/// The string layout (all integers little-endian):
///
///     offset 0   "HYLL"                      magic
///     offset 4   encoding                    0 = dense, 1 = sparse
///     offset 5   3 unused bytes              zero
///     offset 8   cached cardinality          8 bytes; the top bit of byte 15 set means
///                                            "stale": PFADD sets it, PFCOUNT refreshes it
///     offset 16  registers                   dense: 16384 x 6 bits (12288 bytes, 12304 total)
///                                            sparse: run-length opcodes (HyperLogLog+Sparse)
///
/// A new HyperLogLog is sparse (a few bytes for a small set) and becomes dense when a register
/// exceeds 32 or the sparse string would exceed `hll-sparse-max-bytes`; never the reverse.
enum HyperLogLog {
    /// Bits of the hash that choose the register.
    static let precision = 14
    static let registerCount = 1 << precision
    /// Bits of the hash left for counting zeros (64 - precision).
    static let countedBits = 64 - precision
    static let registerBits = 6
    static let registerMax: UInt8 = 63
    static let headerSize = 16
    static let denseSize = headerSize + (registerCount * registerBits + 7) / 8
    static let hashSeed: UInt64 = 0xadc8_3b19

    /// Redis's `hll-sparse-max-bytes` default: a sparse string may not grow past this many
    /// bytes (header included) and is converted to dense instead.
    static let defaultSparseMaxBytes = 3000

    /// The sparse-to-dense threshold in force: `hll-sparse-max-bytes` (CONFIG SET changes it).
    static func sparseMaxBytes(_ engine: Engine) -> Int {
        guard let text = engine.config.value(of: "hll-sparse-max-bytes"), let value = text.int64Value else {
            return defaultSparseMaxBytes
        }
        return Int(clamping: value)
    }

    enum Encoding: UInt8 {
        case dense = 0
        case sparse = 1
    }

    static let invalidHLLError = Reply.error("WRONGTYPE Key is not a valid HyperLogLog string value.")
    static let corruptedError = Reply.error("INVALIDOBJ Corrupted HLL object detected")

    // MARK: Header

    /// The encoding of a string that passes Redis's HyperLogLog checks (length, magic,
    /// encoding byte, exact dense size), or nil. A sparse payload is only checked when read.
    static func encoding(of bytes: UnsafeRawBufferPointer) -> Encoding? {
        guard bytes.count >= headerSize,
              bytes[0] == UInt8(ascii: "H"), bytes[1] == UInt8(ascii: "Y"),
              bytes[2] == UInt8(ascii: "L"), bytes[3] == UInt8(ascii: "L"),
              let encoding = Encoding(rawValue: bytes[4])
        else { return nil }
        if encoding == .dense && bytes.count != denseSize { return nil }
        return encoding
    }

    /// A new, empty HyperLogLog as PFADD and PFMERGE create it: sparse, one opcode saying
    /// "16384 zero registers", and a valid cached cardinality of 0.
    static func empty() -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: headerSize + 2)
        bytes.replaceSubrange(0..<4, with: "HYLL".utf8)
        bytes[4] = Encoding.sparse.rawValue
        writeZeroRun(registerCount, into: &bytes, at: headerSize)
        return bytes
    }

    /// The cached cardinality, or nil when the cache is marked stale.
    static func cachedCardinality(_ bytes: UnsafeRawBufferPointer) -> UInt64? {
        guard bytes[15] & 0x80 == 0 else { return nil }
        var card: UInt64 = 0
        for i in 0..<8 { card |= UInt64(bytes[8 + i]) << UInt64(8 * i) }
        return card
    }

    static func storeCardinality(_ card: UInt64, in bytes: inout [UInt8]) {
        for i in 0..<8 { bytes[8 + i] = UInt8(truncatingIfNeeded: card >> UInt64(8 * i)) }
    }

    static func invalidateCache(_ bytes: inout [UInt8]) {
        bytes[15] |= 0x80
    }

    // MARK: Hashing

    /// Where an element goes: its register, and the count it offers that register (the
    /// number of trailing zeros of the remaining hash bits, plus one).
    static func pattern(of element: UnsafeRawBufferPointer) -> (index: Int, count: UInt8) {
        let hash = MurmurHash64A.hash(element, seed: hashSeed)
        let index = Int(hash & UInt64(registerCount - 1))
        // A sentinel bit above the counted bits caps the count at countedBits + 1.
        let rest = hash >> UInt64(precision) | 1 << UInt64(countedBits)
        return (index, UInt8(rest.trailingZeroBitCount + 1))
    }

    // MARK: Adding

    enum AddResult {
        case unchanged
        case updated
        /// A sparse payload that does not describe 16384 registers.
        case corrupted
    }

    /// Adds one element to a HyperLogLog string, promoting it to dense when needed.
    static func add(_ element: UnsafeRawBufferPointer, to hll: inout [UInt8], sparseMaxBytes: Int = defaultSparseMaxBytes) -> AddResult {
        let (index, count) = pattern(of: element)
        return set(index, count, in: &hll, sparseMaxBytes: sparseMaxBytes)
    }

    /// Raises register `index` to `count` if it is lower, in either encoding.
    static func set(_ index: Int, _ count: UInt8, in hll: inout [UInt8], sparseMaxBytes: Int = defaultSparseMaxBytes) -> AddResult {
        if hll[4] == Encoding.dense.rawValue {
            return denseSet(index, count, in: &hll) ? .updated : .unchanged
        }
        switch sparseSet(index, count, in: &hll, maxBytes: sparseMaxBytes) {
        case .unchanged: return .unchanged
        case .updated: return .updated
        case .corrupted: return .corrupted
        case .needsDense:
            guard let dense = sparseToDense(hll) else { return .corrupted }
            hll = dense
            _ = denseSet(index, count, in: &hll)
            return .updated
        }
    }

    /// `set`, following the string's buffer (`SdsBuffer`) as Redis grows it: before it sets a
    /// register of a sparse HyperLogLog, Redis makes room for 3 more bytes (the most one
    /// change can add); promotion to dense makes a new buffer, sized exactly.
    static func set(_ index: Int, _ count: UInt8, in hll: inout [UInt8], buffer: inout SdsBuffer,
                    sparseMaxBytes: Int = defaultSparseMaxBytes) -> AddResult {
        let wasSparse = hll[4] != Encoding.dense.rawValue
        if wasSparse && count <= sparseValueMax { buffer.makeRoom(for: 3, after: hll.count) }
        let result = set(index, count, in: &hll, sparseMaxBytes: sparseMaxBytes)
        if wasSparse && hll[4] == Encoding.dense.rawValue { buffer = .exact(length: hll.count) }
        return result
    }

    /// `add`, following the string's buffer (see `set(_:_:in:buffer:sparseMaxBytes:)`).
    static func add(_ element: UnsafeRawBufferPointer, to hll: inout [UInt8], buffer: inout SdsBuffer,
                    sparseMaxBytes: Int = defaultSparseMaxBytes) -> AddResult {
        let (index, count) = pattern(of: element)
        return set(index, count, in: &hll, buffer: &buffer, sparseMaxBytes: sparseMaxBytes)
    }

    /// Merges the registers of a HyperLogLog string into `maxima` (register-wise maximum), as
    /// PFCOUNT of several keys and PFMERGE do. False when a sparse payload is corrupted.
    static func merge(_ hll: UnsafeRawBufferPointer, into maxima: inout [UInt8]) -> Bool {
        if hll[4] == Encoding.dense.rawValue {
            for i in 0..<registerCount {
                let value = denseRegister(i, in: hll)
                if value > maxima[i] { maxima[i] = value }
            }
            return true
        }
        return forEachSparseRun(hll) { first, length, value in
            for i in first..<first + length where value > maxima[i] { maxima[i] = value }
        }
    }
}
