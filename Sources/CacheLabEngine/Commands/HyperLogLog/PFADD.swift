/// PFADD key [element ...]: adds elements to a HyperLogLog, creating it if needed. Replies 1
/// when a register changed (or the key was created), else 0.
///
/// The string is edited in place. A change marks the cached cardinality stale (top bit of
/// byte 15), which PFCOUNT will refresh. On a corrupted sparse HyperLogLog the elements added
/// before the one that hit the corruption stay added, and the reply is an error, as in Redis.
extension HyperLogLogCommands {
    static func pfadd(_ c: CommandContext) throws(Reply) -> Reply {
        let key = c[1]
        let db = c.db
        let maxBytes = HyperLogLog.sparseMaxBytes(c.engine)
        guard let position = db.locateForWrite(key) else {
            var hll = HyperLogLog.empty()
            for i in 2..<c.argc {
                _ = c[i].withUnsafeBytes { HyperLogLog.add($0, to: &hll, sparseMaxBytes: maxBytes) }
            }
            HyperLogLog.invalidateCache(&hll)
            db.add(key, .string(StringValue(Bytes(hll), isRaw: true)))
            return .one
        }
        _ = try checkHyperLogLog(db, at: position)
        let outcome = db.editStringBytes(at: position) { hll -> HyperLogLog.AddResult in
            var updated = false
            for i in 2..<c.argc {
                switch c[i].withUnsafeBytes({ HyperLogLog.add($0, to: &hll, sparseMaxBytes: maxBytes) }) {
                case .unchanged: break
                case .updated: updated = true
                case .corrupted: return .corrupted
                }
            }
            if updated { HyperLogLog.invalidateCache(&hll) }
            return updated ? .updated : .unchanged
        }
        switch outcome {
        case .corrupted:
            throw HyperLogLog.corruptedError
        case .updated:
            db.signalModified(key)
            return .one
        case .unchanged:
            return .zero
        }
    }
}
