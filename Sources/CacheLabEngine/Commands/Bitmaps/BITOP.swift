/// BITOP AND|OR|XOR|NOT destkey key [key ...]: a bitwise operation between strings, stored in
/// `destkey`; replies with the length of the result.
///
/// Strings of different lengths are lined up from their first byte and the shorter ones are
/// treated as padded with zero bytes, so the result is as long as the longest source (a missing
/// key is an empty string). NOT takes exactly one source and inverts it. When every source is
/// empty the result is empty, and Redis then deletes `destkey` instead of storing "".
/// The result replaces `destkey` like SET does: whatever it held, and its TTL, are gone.
extension BitmapCommands {
    enum BitOperation { case and, or, xor, not }

    static let bitopNotError = Reply.error("ERR BITOP NOT must be called with a single source key.")

    static func bitop(_ c: CommandContext) throws(Reply) -> Reply {
        let operation = try bitOperation(c[1])
        if operation == .not && c.argc != 4 { throw bitopNotError }
        let db = c.db
        var sources: [Bytes] = []
        sources.reserveCapacity(c.argc - 3)
        for i in 3..<c.argc {
            sources.append(try db.read(c[i]) { value -> Bytes? in
                if case .string(let s) = value { return s.bytes }
                return nil
            } ?? Bytes())
        }
        let result = combine(sources, with: operation)
        let destination = c[2]
        if result.isEmpty {
            db.delete(destination)
        } else {
            db.set(destination, .string(StringValue(Bytes(result), isRaw: true)))
        }
        return .integer(result.count)
    }

    static func bitOperation(_ name: Bytes) throws(Reply) -> BitOperation {
        if name.matchesOption("and") { return .and }
        if name.matchesOption("or") { return .or }
        if name.matchesOption("xor") { return .xor }
        if name.matchesOption("not") { return .not }
        throw RedisError.syntax
    }

    /// The bytes of the operation over `sources`, zero-padded to the longest of them.
    static func combine(_ sources: [Bytes], with operation: BitOperation) -> [UInt8] {
        let length = sources.reduce(0) { max($0, $1.count) }
        guard length > 0 else { return [] }
        if operation == .not {
            return sources[0].withUnsafeBytes { $0.map { ~$0 } }
        }
        // Start from the first source, padded; fold the others in one at a time.
        var result = [UInt8](repeating: 0, count: length)
        sources[0].withUnsafeBytes { raw in
            for i in 0..<raw.count { result[i] = raw[i] }
        }
        for source in sources.dropFirst() {
            source.withUnsafeBytes { raw in
                result.withUnsafeMutableBytes { out in
                    fold(raw, into: out, operation)
                }
            }
        }
        return result
    }

    /// Applies `operation` of `source` (zero-padded) into `result`, word by word.
    private static func fold(_ source: UnsafeRawBufferPointer, into result: UnsafeMutableRawBufferPointer, _ operation: BitOperation) {
        let n = source.count
        var i = 0
        while i + 8 <= n {
            let a = result.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let b = source.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let r: UInt64
            switch operation {
            case .and: r = a & b
            case .or: r = a | b
            case .xor, .not: r = a ^ b
            }
            result.storeBytes(of: r, toByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < n {
            switch operation {
            case .and: result[i] &= source[i]
            case .or: result[i] |= source[i]
            case .xor, .not: result[i] ^= source[i]
            }
            i += 1
        }
        // Past the end of the source its bytes count as zero: AND clears, OR/XOR keep.
        if operation == .and && n < result.count {
            for j in n..<result.count { result[j] = 0 }
        }
    }
}
