/// The sparse encoding: the 16384 registers as a run-length list of opcodes, in register
/// order. A small set leaves almost every register at zero, so a few hundred bytes describe it.
///
///     00xxxxxx            ZERO   x+1 registers (1...64) are 0
///     01xxxxxx yyyyyyyy   XZERO  (x << 8 | y) + 1 registers (1...16384) are 0
///     1vvvvvxx            VAL    x+1 registers (1...4) hold v+1 (1...32)
///
/// An empty HyperLogLog is a single `XZERO 16384` (0x7F 0xFF). Setting a register splits the
/// opcode that covers it into up to three (zeros before, the value, zeros after), then merges
/// neighbouring VAL opcodes that now hold the same value. The string is promoted to dense when
/// a value above 32 is needed or when it would outgrow `hll-sparse-max-bytes` (3000 bytes).
///
/// Every detail below (where a run is split, which neighbours are merged and how far the merge
/// looks) decides the exact bytes, and follows Redis so that GET answers the same bytes. Where
/// Redis, on a corrupted payload, reads the byte just past the end of the string, it finds the
/// string's terminating zero: `byte(at:)` reads a zero there too.
extension HyperLogLog {
    static let sparseValueMax: UInt8 = 32
    static let sparseValueRunMax = 4
    static let zeroRunMax = 64

    // MARK: Opcodes

    @inline(__always) static func isZero(_ op: UInt8) -> Bool { op & 0xC0 == 0 }
    @inline(__always) static func isXZero(_ op: UInt8) -> Bool { op & 0xC0 == 0x40 }
    @inline(__always) static func isVal(_ op: UInt8) -> Bool { op & 0x80 != 0 }
    @inline(__always) static func valValue(_ op: UInt8) -> UInt8 { (op >> 2 & 0x1F) + 1 }
    @inline(__always) static func valRun(_ op: UInt8) -> Int { Int(op & 0x03) + 1 }
    @inline(__always) static func valOpcode(_ value: UInt8, run: Int) -> UInt8 {
        0x80 | (value - 1) << 2 | UInt8(run - 1)
    }

    /// The byte at `i`, or 0 past the end (the string's terminator, in Redis).
    @inline(__always) static func byte(at i: Int, in bytes: UnsafeRawBufferPointer) -> UInt8 {
        i < bytes.count ? bytes[i] : 0
    }

    /// The opcode at `p`: the registers it covers and its length in bytes.
    @inline(__always) static func opcode(at p: Int, in bytes: UnsafeRawBufferPointer) -> (run: Int, length: Int) {
        let op = bytes[p]
        if isZero(op) { return (Int(op & 0x3F) + 1, 1) }
        if isVal(op) { return (valRun(op), 1) }
        return ((Int(op & 0x3F) << 8 | Int(byte(at: p + 1, in: bytes))) + 1, 2)
    }

    /// Writes a ZERO or XZERO opcode for `run` zero registers; returns its length.
    @discardableResult
    static func writeZeroRun(_ run: Int, into bytes: inout [UInt8], at p: Int) -> Int {
        if run > zeroRunMax {
            bytes[p] = 0x40 | UInt8((run - 1) >> 8)
            bytes[p + 1] = UInt8((run - 1) & 0xFF)
            return 2
        }
        bytes[p] = UInt8(run - 1)
        return 1
    }

    static func appendZeroRun(_ run: Int, to bytes: inout [UInt8]) {
        if run > zeroRunMax {
            bytes.append(0x40 | UInt8((run - 1) >> 8))
            bytes.append(UInt8((run - 1) & 0xFF))
        } else {
            bytes.append(UInt8(run - 1))
        }
    }

    // MARK: Reading

    /// Calls `body(first, run, value)` for each VAL opcode, in order. Returns false when the
    /// opcodes do not cover exactly 16384 registers (a corrupted HyperLogLog), stopping at
    /// the first opcode that would run past the last register.
    ///
    /// (The Redis 7.0.15 used as the reference, a distribution build with the fix for
    /// CVE-2025-32023, rejects any run past the last register, even one that starts exactly
    /// after it; so the rule is simply "the runs add up to 16384".)
    static func forEachSparseRun(_ hll: UnsafeRawBufferPointer, _ body: (Int, Int, UInt8) -> Void) -> Bool {
        var index = 0
        var p = headerSize
        while p < hll.count {
            let op = hll[p]
            let (run, length) = opcode(at: p, in: hll)
            if index + run > registerCount { return false }
            if isVal(op) { body(index, run, valValue(op)) }
            index += run
            p += length
        }
        return index == registerCount
    }

    /// How many registers hold each value, and whether the opcodes cover exactly 16384
    /// registers (the histogram is only meaningful when they do).
    static func sparseHistogram(_ hll: UnsafeRawBufferPointer) -> (histogram: [Int], valid: Bool) {
        var histogram = [Int](repeating: 0, count: 64)
        var index = 0
        var p = headerSize
        while p < hll.count {
            let op = hll[p]
            let (run, length) = opcode(at: p, in: hll)
            histogram[isVal(op) ? Int(valValue(op)) : 0] += run
            index += run
            p += length
        }
        return (histogram, index == registerCount)
    }

    /// The dense form of a sparse HyperLogLog, keeping its header (and so its cached
    /// cardinality) apart from the encoding byte; nil when the sparse payload is corrupted.
    static func sparseToDense(_ hll: [UInt8]) -> [UInt8]? {
        var dense = [UInt8](repeating: 0, count: denseSize)
        for i in 0..<headerSize { dense[i] = hll[i] }
        dense[4] = Encoding.dense.rawValue
        let valid = hll.withUnsafeBytes { sparse in
            dense.withUnsafeMutableBytes { out in
                forEachSparseRun(sparse) { first, run, value in
                    for i in first..<first + run { setDenseRegister(i, value, in: out) }
                }
            }
        }
        return valid ? dense : nil
    }

    /// The opcodes in PFDEBUG DECODE's notation: `z:run` (ZERO), `Z:run` (XZERO), `v:value,run`.
    static func decodeSparse(_ hll: UnsafeRawBufferPointer) -> String {
        var parts: [String] = []
        var p = headerSize
        while p < hll.count {
            let op = hll[p]
            let (run, length) = opcode(at: p, in: hll)
            if isZero(op) {
                parts.append("z:\(run)")
            } else if isXZero(op) {
                parts.append("Z:\(run)")
            } else {
                parts.append("v:\(valValue(op)),\(run)")
            }
            p += length
        }
        return parts.joined(separator: " ")
    }

    // MARK: Writing

    enum SparseSetResult {
        case unchanged
        case updated
        case corrupted
        /// The change cannot be made in the sparse encoding: convert to dense and retry.
        case needsDense
    }

    /// Raises register `index` to `count` in a sparse HyperLogLog string, in place.
    static func sparseSet(_ index: Int, _ count: UInt8, in hll: inout [UInt8], maxBytes: Int = defaultSparseMaxBytes) -> SparseSetResult {
        if count > sparseValueMax { return .needsDense }

        // Step 1: find the opcode covering `index`, the register where it starts, and the
        // opcode before it (where the merge pass will start).
        let located: (p: Int, first: Int, run: Int, length: Int, previous: Int?)? = hll.withUnsafeBytes { raw in
            var p = headerSize, first = 0, previous: Int? = nil
            while p < raw.count {
                let (run, length) = opcode(at: p, in: raw)
                if index <= first + run - 1 { return (p, first, run, length, previous) }
                previous = p
                p += length
                first += run
            }
            return nil
        }
        guard let (p, first, run, oldLength, previous) = located else { return .corrupted }
        let op = hll[p]

        // Step 2: the easy cases, rewriting one opcode in place.
        if isVal(op) {
            if valValue(op) >= count { return .unchanged }
            if run == 1 {
                hll[p] = valOpcode(count, run: 1)
                mergeAdjacentValues(in: &hll, from: previous ?? headerSize)
                return .updated
            }
        }
        if isZero(op) && run == 1 {
            hll[p] = valOpcode(count, run: 1)
            mergeAdjacentValues(in: &hll, from: previous ?? headerSize)
            return .updated
        }

        // Step 3: split the opcode into up to three: before, the register, after.
        var sequence: [UInt8] = []
        sequence.reserveCapacity(5)
        let last = first + run - 1
        if isVal(op) {
            let current = valValue(op)
            if index != first { sequence.append(valOpcode(current, run: index - first)) }
            sequence.append(valOpcode(count, run: 1))
            if index != last { sequence.append(valOpcode(current, run: last - index)) }
        } else {
            if index != first { appendZeroRun(index - first, to: &sequence) }
            sequence.append(valOpcode(count, run: 1))
            if index != last { appendZeroRun(last - index, to: &sequence) }
        }
        let delta = sequence.count - oldLength
        if delta > 0 && hll.count + delta > maxBytes { return .needsDense }

        // Replace the old opcode. An XZERO whose second byte lay past the end (a corrupted
        // string) grows the string by one byte less than the sequence, as in Redis.
        let newCount = hll.count + delta
        hll.replaceSubrange(p..<min(p + oldLength, hll.count), with: sequence)
        if hll.count > newCount { hll.removeLast(hll.count - newCount) }

        mergeAdjacentValues(in: &hll, from: previous ?? headerSize)
        return .updated
    }

    /// Step 4 of a sparse update: merges runs of adjacent VAL opcodes holding the same value
    /// (up to the maximum run of 4), looking at no more than five opcodes from `start`. Then
    /// marks the cached cardinality stale.
    static func mergeAdjacentValues(in hll: inout [UInt8], from start: Int) {
        var p = start
        var budget = 5
        while p < hll.count && budget > 0 {
            budget -= 1
            let op = hll[p]
            if isXZero(op) { p += 2; continue }
            if isZero(op) { p += 1; continue }
            if p + 1 < hll.count && isVal(hll[p + 1]) {
                let next = hll[p + 1]
                let run = valRun(op) + valRun(next)
                if valValue(op) == valValue(next) && run <= sparseValueRunMax {
                    hll[p + 1] = valOpcode(valValue(op), run: run)
                    hll.remove(at: p)
                    // Stay on the merged opcode: it may merge with the next one too.
                    continue
                }
            }
            p += 1
        }
        invalidateCache(&hll)
    }
}
