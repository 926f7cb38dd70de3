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
        // One change for creating the key and one per element that changed a register; none
        // when a corruption stops the command.
        let before = c.engine.dirty
        var changes = 0
        guard let position = db.locateForWrite(key) else {
            var hll = HyperLogLog.empty()
            var buffer = SdsBuffer.exact(length: hll.count)
            changes = 1
            for i in 2..<c.argc {
                let result = c[i].withUnsafeBytes { HyperLogLog.add($0, to: &hll, buffer: &buffer, sparseMaxBytes: maxBytes) }
                if case .updated = result { changes += 1 }
            }
            HyperLogLog.invalidateCache(&hll)
            var string = StringValue(Bytes(hll), isRaw: true)
            string.setSdsBuffer(buffer)
            db.add(key, .string(string))
            c.engine.countChanges(changes, since: before)
            return .one
        }
        _ = try checkHyperLogLog(db, at: position)
        let outcome = db.editStringBytes(at: position) { (hll: inout [UInt8], buffer: inout SdsBuffer) -> HyperLogLog.AddResult in
            for i in 2..<c.argc {
                switch c[i].withUnsafeBytes({ HyperLogLog.add($0, to: &hll, buffer: &buffer, sparseMaxBytes: maxBytes) }) {
                case .unchanged: break
                case .updated: changes += 1
                case .corrupted: return .corrupted
                }
            }
            if changes > 0 { HyperLogLog.invalidateCache(&hll) }
            return changes > 0 ? .updated : .unchanged
        }
        switch outcome {
        case .corrupted:
            throw HyperLogLog.corruptedError
        case .updated:
            db.signalModified(key)
            c.engine.countChanges(changes, since: before)
            return .one
        case .unchanged:
            return .zero
        }
    }
}
