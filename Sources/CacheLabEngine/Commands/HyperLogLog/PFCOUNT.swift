/// PFCOUNT key [key ...]: the estimated number of distinct elements added to a HyperLogLog,
/// or to the union of several.
///
/// One key: the cached cardinality in the header is returned when valid; otherwise it is
/// computed and written back into the header (so PFCOUNT, although a read command, may modify
/// the string, and GET afterwards shows the cache bytes, as in Redis). Several keys: their
/// registers are merged on the fly (register-wise maximum) into a scratch array and counted;
/// nothing is cached. Missing keys count as empty HyperLogLogs.
extension HyperLogLogCommands {
    static func pfcount(_ c: CommandContext) throws(Reply) -> Reply {
        let db = c.db
        if c.argc > 2 {
            var maxima = [UInt8](repeating: 0, count: HyperLogLog.registerCount)
            for i in 1..<c.argc {
                guard let position = db.locateForRead(c[i]) else { continue }
                _ = try checkHyperLogLog(db, at: position)
                let valid = db.readStringBytes(at: position) { HyperLogLog.merge($0, into: &maxima) }
                guard valid else { throw HyperLogLog.corruptedError }
            }
            return .integer(Int64(HyperLogLog.estimate(HyperLogLog.histogram(ofRegisters: maxima))))
        }

        let key = c[1]
        guard let position = db.locateForRead(key) else { return .zero }
        _ = try checkHyperLogLog(db, at: position)
        // (cardinality, whether the cache was refreshed); nil for a corrupted HyperLogLog.
        let result = db.editStringBytes(at: position) { hll -> (UInt64, Bool)? in
            if let cached = hll.withUnsafeBytes(HyperLogLog.cachedCardinality) { return (cached, false) }
            guard let card = hll.withUnsafeBytes(HyperLogLog.count) else { return nil }
            HyperLogLog.storeCardinality(card, in: &hll)
            return (card, true)
        }
        guard let (card, refreshed) = result else { throw HyperLogLog.corruptedError }
        if refreshed { db.signalModified(key) }
        return .integer(Int64(bitPattern: card))
    }
}
