/// The HyperLogLog command group: its handlers by full lower-case name.
///
/// The data structure itself is in `HyperLogLog.swift` and its extensions; each command has
/// its own file.
enum HyperLogLogCommands {
    static var handlers: [String: Handler] {
        [
            "pfadd": Handler(pfadd),
            "pfcount": Handler(pfcount),
            "pfmerge": Handler(pfmerge),
            "pfdebug": Handler(pfdebug),
            "pfselftest": Handler(pfselftest),
        ]
    }

    /// Redis's `isHLLObjectOrReply`: the key at `position` must hold a string (else the usual
    /// WRONGTYPE) that looks like a HyperLogLog (else WRONGTYPE with its own message).
    static func checkHyperLogLog(_ db: Database, at position: Int) throws(Reply) -> HyperLogLog.Encoding {
        guard db.holdsString(at: position) else { throw RedisError.wrongType }
        guard let encoding = db.readStringBytes(at: position, HyperLogLog.encoding(of:)) else {
            throw HyperLogLog.invalidHLLError
        }
        return encoding
    }
}
