/// PFDEBUG GETREG|DECODE|ENCODING|TODENSE key: Redis's internal window into a HyperLogLog,
/// handy to watch the sparse and dense encodings at work.
///
/// - GETREG: the 16384 registers (converts a sparse HyperLogLog to dense first, as Redis does);
/// - DECODE: the sparse opcodes, e.g. `Z:8436 v:1,1 Z:7947` (error if dense);
/// - ENCODING: `sparse` or `dense`;
/// - TODENSE: converts to dense; 1 if it did, 0 if it already was.
/// A conversion (GETREG's or TODENSE's) counts as a change, as in Redis, so it reaches the AOF;
/// WATCH is not told.
/// The key must exist and be a HyperLogLog; that is checked before the subcommand's name.
extension HyperLogLogCommands {
    static let noSuchKeyError = Reply.error("ERR The specified key does not exist")
    static let notSparseError = Reply.error("ERR HLL encoding is not sparse")

    static func pfdebug(_ c: CommandContext) throws(Reply) -> Reply {
        let subcommand = c[1]
        let db = c.db
        guard let position = db.locateForWrite(c[2]) else { throw noSuchKeyError }
        let encoding = try checkHyperLogLog(db, at: position)

        if subcommand.matchesOption("getreg") {
            let registers = db.editStringBytes(at: position) { (hll: inout [UInt8], buffer: inout SdsBuffer) -> [Reply]? in
                guard let converted = makeDense(&hll, buffer: &buffer) else { return nil }
                if converted { c.engine.dirty &+= 1 }
                return hll.withUnsafeBytes { raw in
                    (0..<HyperLogLog.registerCount).map { .integer(Int64(HyperLogLog.denseRegister($0, in: raw))) }
                }
            }
            guard let registers else { throw HyperLogLog.corruptedError }
            return .array(registers)
        }
        if subcommand.matchesOption("decode") {
            guard encoding == .sparse else { throw notSparseError }
            let text = db.editStringBytes(at: position) { hll in hll.withUnsafeBytes(HyperLogLog.decodeSparse) }
            return .bulk(Bytes(text))
        }
        if subcommand.matchesOption("encoding") {
            db.editStringBytes(at: position) { _ in }
            return .status(encoding == .dense ? "dense" : "sparse")
        }
        if subcommand.matchesOption("todense") {
            let converted = db.editStringBytes(at: position) { (hll: inout [UInt8], buffer: inout SdsBuffer) in
                makeDense(&hll, buffer: &buffer)
            }
            guard let converted else { throw HyperLogLog.corruptedError }
            if converted { c.engine.dirty &+= 1 }
            return converted ? .one : .zero
        }
        throw Reply.error("ERR Unknown PFDEBUG subcommand '\(subcommand.sanitizedForError)'")
    }

    /// Converts a sparse HyperLogLog to dense in place, in a new buffer sized for it: true if
    /// converted, false if it was already dense, nil if corrupted.
    private static func makeDense(_ hll: inout [UInt8], buffer: inout SdsBuffer) -> Bool? {
        guard hll[4] == HyperLogLog.Encoding.sparse.rawValue else { return false }
        guard let dense = HyperLogLog.sparseToDense(hll) else { return nil }
        hll = dense
        buffer = .exact(length: hll.count)
        return true
    }
}
