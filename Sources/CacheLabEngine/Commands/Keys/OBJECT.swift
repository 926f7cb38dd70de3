/// OBJECT ENCODING | REFCOUNT | IDLETIME | FREQ | HELP: a look at how Redis stores a value.
///
/// All four lookups leave the key's access bits alone (looking must not change what is looked
/// at) but do count as keyspace hits or misses; a missing key answers nil.
extension KeyCommands {
    /// OBJECT ENCODING key: `int`, `embstr`, `raw`, `quicklist`, `listpack`, `hashtable`,
    /// `intset`, `skiplist` or `stream`.
    static func objectEncoding(_ c: CommandContext) -> Reply {
        guard let value = c.db.lookupRead(c[2], options: .noTouch) else { return .null }
        return .bulk(Bytes(value.encoding))
    }

    /// The refcount Redis gives its shared integer objects (INT_MAX): they are never freed.
    static let sharedObjectRefcount: Int64 = 2_147_483_647

    /// OBJECT REFCOUNT key: 1, except for the small integers 0 to 9999 that Redis stores as
    /// shared objects (see `SharedIntegers.swift`).
    static func objectRefcount(_ c: CommandContext) -> Reply {
        guard let value = c.db.lookupRead(c[2], options: .noTouch) else { return .null }
        return c.engine.sharedInteger(of: value) != nil ? .integer(sharedObjectRefcount) : .one
    }

    static let idleTimeUnderLFU = Reply.error("ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.")
    static let frequencyWithoutLFU = Reply.error("ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.")

    /// OBJECT IDLETIME key: whole seconds since the key was last accessed, read from the 24-bit
    /// LRU clock (Redis's `estimateObjectIdleTime`): the difference of the two clock readings,
    /// allowing for one wrap-around, times the clock's resolution. An error under LFU policies,
    /// whose bits hold a frequency instead.
    static func objectIdletime(_ c: CommandContext) throws(Reply) -> Reply {
        let db = c.db
        guard db.lookupRead(c[2], options: .noTouch) != nil, let p = db.table.position(of: c[2]) else { return .null }
        if c.engine.evictionPolicy.usesLFU { throw idleTimeUnderLFU }
        return .integer(c.engine.estimatedIdleMilliseconds(lru: db.accessBits(at: p)) / 1000)
    }

    /// OBJECT FREQ key: the key's logarithmic access counter after the decay due since its
    /// last access (Redis's `LFUDecrAndReturn`). Under LFU policies the access bits hold the
    /// minute of the last decay (16 bits) and the counter (8 bits); the counter loses one per
    /// `lfu-decay-time` minutes elapsed. An error under any other policy.
    static func objectFreq(_ c: CommandContext) throws(Reply) -> Reply {
        let db = c.db
        guard db.lookupRead(c[2], options: .noTouch) != nil, let p = db.table.position(of: c[2]) else { return .null }
        if !c.engine.evictionPolicy.usesLFU { throw frequencyWithoutLFU }
        let bits = db.accessBits(at: p)
        var counter = Int64(bits & 0xFF)
        let lastDecay = Int64((bits >> 8) & 0xFFFF)
        let minutesNow = (c.engine.commandTime / 1000 / 60) & 0xFFFF
        let elapsed = minutesNow >= lastDecay ? minutesNow - lastDecay : 0xFFFF - lastDecay + minutesNow
        let decayTime = c.engine.config.lfuDecayTime
        let periods = decayTime > 0 ? elapsed / decayTime : 0
        if periods > 0 { counter = periods > counter ? 0 : counter - periods }
        return .integer(counter)
    }

    /// OBJECT HELP.
    static func objectHelp(_ c: CommandContext) -> Reply {
        let lines = [
            "ENCODING <key>",
            "    Return the kind of internal representation used in order to store the value",
            "    associated with a <key>.",
            "FREQ <key>",
            "    Return the access frequency index of the <key>. The returned integer is",
            "    proportional to the logarithm of the recent access frequency of the key.",
            "IDLETIME <key>",
            "    Return the idle time of the <key>, that is the approximated number of",
            "    seconds elapsed since the last access to the key.",
            "REFCOUNT <key>",
            "    Return the number of references of the value associated with the specified",
            "    <key>.",
        ]
        return .subcommandHelp(c[0].string, lines)
    }
}
