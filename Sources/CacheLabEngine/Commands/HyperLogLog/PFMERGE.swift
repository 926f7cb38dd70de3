/// PFMERGE destkey [sourcekey ...]: stores the union of HyperLogLogs into `destkey`.
///
/// The destination is itself one of the inputs (its registers are kept). Every register of
/// the result is the maximum of that register over the inputs. The destination keeps its
/// encoding unless an input is dense, in which case it is made dense first; registers are then
/// raised one at a time in order, so a sparse destination evolves (and may be promoted) exactly
/// as in Redis. The cached cardinality is marked stale.
extension HyperLogLogCommands {
    static func pfmerge(_ c: CommandContext) throws(Reply) -> Reply {
        let db = c.db
        var maxima = [UInt8](repeating: 0, count: HyperLogLog.registerCount)
        var useDense = false
        for i in 1..<c.argc {
            guard let position = db.locateForRead(c[i]) else { continue }
            if try checkHyperLogLog(db, at: position) == .dense { useDense = true }
            let valid = db.readStringBytes(at: position) { HyperLogLog.merge($0, into: &maxima) }
            guard valid else { throw HyperLogLog.corruptedError }
        }

        let key = c[1]
        let maxBytes = HyperLogLog.sparseMaxBytes(c.engine)
        let stored: Bool
        if let position = db.locateForWrite(key) {
            stored = db.editStringBytes(at: position) { (hll: inout [UInt8], buffer: inout SdsBuffer) in
                store(maxima, into: &hll, buffer: &buffer, dense: useDense, sparseMaxBytes: maxBytes)
            }
            db.signalModified(key)
        } else {
            var hll = HyperLogLog.empty()
            var buffer = SdsBuffer.exact(length: hll.count)
            stored = store(maxima, into: &hll, buffer: &buffer, dense: useDense, sparseMaxBytes: maxBytes)
            var string = StringValue(Bytes(hll), isRaw: true)
            string.setSdsBuffer(buffer)
            db.add(key, .string(string))
        }
        guard stored else { throw HyperLogLog.corruptedError }
        return .ok
    }

    /// Raises the registers of `hll` to `maxima`; false if it could not be made dense.
    /// `buffer` follows the string's sds as Redis grows it (see `StringValue+Sds`).
    private static func store(_ maxima: [UInt8], into hll: inout [UInt8], buffer: inout SdsBuffer,
                              dense: Bool, sparseMaxBytes: Int) -> Bool {
        if dense && hll[4] == HyperLogLog.Encoding.sparse.rawValue {
            guard let converted = HyperLogLog.sparseToDense(hll) else { return false }
            hll = converted
            buffer = .exact(length: hll.count)
        }
        for (index, value) in maxima.enumerated() where value != 0 {
            _ = HyperLogLog.set(index, value, in: &hll, buffer: &buffer, sparseMaxBytes: sparseMaxBytes)
        }
        HyperLogLog.invalidateCache(&hll)
        return true
    }
}
