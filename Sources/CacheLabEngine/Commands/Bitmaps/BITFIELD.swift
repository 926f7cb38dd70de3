/// BITFIELD key [GET type offset] [SET type offset value] [INCRBY type offset increment]
/// [OVERFLOW WRAP|SAT|FAIL] ... and BITFIELD_RO key [GET type offset] ...
///
/// A string used as an array of integers of any width from 1 to 64 bits, at any bit offset
/// (`#N` means the N-th field of the type's width). Redis's order of work, followed here:
/// 1. every operation is parsed first, so a bad argument anywhere means no effect at all;
///    OVERFLOW changes the policy of the SET/INCRBY operations that follow it;
/// 2. the key is looked up: for reads only, a missing key reads as zeros; if anything writes,
///    the string is created or grown up front to cover the farthest bit written, even when an
///    operation later fails under OVERFLOW FAIL;
/// 3. the operations run in order, each seeing the effect of the previous ones. SET replies
///    with the old value, INCRBY with the new one, and both with nil when FAIL refuses them.
extension BitmapCommands {
    struct BitfieldOperation {
        enum Kind { case get, set, incrby }
        let kind: Kind
        let type: BitfieldType
        let offset: Int
        /// SET's value or INCRBY's increment.
        let argument: Int64
        let overflow: BitfieldOverflow
    }

    static let invalidOverflowError = Reply.error("ERR Invalid OVERFLOW type specified")
    static let readOnlyBitfieldError = Reply.error("ERR BITFIELD_RO only supports the GET subcommand")

    static func bitfield(_ c: CommandContext) throws(Reply) -> Reply {
        try runBitfield(c, readOnlyCommand: false)
    }

    static func bitfieldRO(_ c: CommandContext) throws(Reply) -> Reply {
        try runBitfield(c, readOnlyCommand: true)
    }

    private static func runBitfield(_ c: CommandContext, readOnlyCommand: Bool) throws(Reply) -> Reply {
        let operations = try parseBitfield(c)
        let writes = operations.filter { $0.kind != .get }
        let key = c[1]
        let db = c.db
        if writes.isEmpty {
            let position = db.locateForRead(key)
            if let position, !db.holdsString(at: position) { throw RedisError.wrongType }
            let replies: [Reply] = operations.map { op in
                guard let position else { return readField(op, in: UnsafeRawBufferPointer(start: nil, count: 0)) }
                return db.readStringBytes(at: position) { readField(op, in: $0) }
            }
            return .array(replies)
        }
        if readOnlyCommand { throw readOnlyBitfieldError }
        let farthestBit = writes.reduce(0) { max($0, $1.offset + $1.type.bits - 1) }
        let length = farthestBit >> 3 + 1
        // Redis counts one change per SET/INCRBY that ran (FAIL skips) and either changed its
        // field or met a string it had to create or grow; with none, WATCH is not told either.
        let before = c.engine.dirty
        var changes = 0
        let replies: [Reply]
        if let position = db.locateForWrite(key) {
            guard db.holdsString(at: position) else { throw RedisError.wrongType }
            replies = db.editStringBytes(at: position) { bytes in
                let grown = bytes.count < length
                if grown { bytes.append(contentsOf: repeatElement(0, count: length - bytes.count)) }
                return apply(operations, to: &bytes, grown: grown, changes: &changes)
            }
            if changes > 0 { db.signalModified(key) }
        } else {
            var bytes = [UInt8](repeating: 0, count: length)
            replies = apply(operations, to: &bytes, grown: true, changes: &changes)
            db.add(key, .string(StringValue(Bytes(bytes), isRaw: true)), signallingWatchers: changes > 0)
        }
        c.engine.countChanges(changes, since: before)
        return .array(replies)
    }

    /// Parses every operation, failing on the first bad one as Redis does.
    private static func parseBitfield(_ c: CommandContext) throws(Reply) -> [BitfieldOperation] {
        var operations: [BitfieldOperation] = []
        var overflow = BitfieldOverflow.wrap
        var j = 2
        while j < c.argc {
            let remaining = c.argc - j - 1
            let name = c[j]
            let kind: BitfieldOperation.Kind
            if name.matchesOption("get") && remaining >= 2 {
                kind = .get
            } else if name.matchesOption("set") && remaining >= 3 {
                kind = .set
            } else if name.matchesOption("incrby") && remaining >= 3 {
                kind = .incrby
            } else if name.matchesOption("overflow") && remaining >= 1 {
                overflow = try overflowPolicy(c[j + 1])
                j += 2
                continue
            } else {
                throw RedisError.syntax
            }
            let type = try BitfieldType.parse(c[j + 1])
            let offset = try BitmapArguments.bitOffset(c[j + 2], width: type.bits,
                                                       limit: c.engine.config.protoMaxBulkLength)
            var argument: Int64 = 0
            if kind != .get { argument = try c.integer(at: j + 3) }
            operations.append(BitfieldOperation(kind: kind, type: type, offset: offset, argument: argument, overflow: overflow))
            j += kind == .get ? 3 : 4
        }
        return operations
    }

    private static func overflowPolicy(_ name: Bytes) throws(Reply) -> BitfieldOverflow {
        if name.matchesOption("wrap") { return .wrap }
        if name.matchesOption("sat") { return .sat }
        if name.matchesOption("fail") { return .fail }
        throw invalidOverflowError
    }

    private static func readField(_ op: BitfieldOperation, in bytes: UnsafeRawBufferPointer) -> Reply {
        if op.type.signed {
            return .integer(BitfieldInteger.readSigned(bytes, offset: op.offset, bits: op.type.bits))
        }
        return .integer(Int64(BitfieldInteger.read(bytes, offset: op.offset, bits: op.type.bits)))
    }

    /// Runs the operations in order over a string long enough for every write, counting in
    /// `changes` the writes that count as changes (see `runBitfield`).
    private static func apply(_ operations: [BitfieldOperation], to bytes: inout [UInt8],
                              grown: Bool, changes: inout Int) -> [Reply] {
        bytes.withUnsafeMutableBytes { buffer in
            operations.map { op in
                if op.kind == .get { return readField(op, in: UnsafeRawBufferPointer(buffer)) }
                let (reply, changed) = write(op, into: buffer)
                if changed || (grown && reply != .null) { changes += 1 }
                return reply
            }
        }
    }

    /// One SET or INCRBY: computes the new value under the overflow policy, stores it unless
    /// FAIL refuses it, and returns the reply and whether the field's bits changed.
    private static func write(_ op: BitfieldOperation, into buffer: UnsafeMutableRawBufferPointer) -> (Reply, Bool) {
        let bits = op.type.bits
        let raw = BitfieldInteger.read(UnsafeRawBufferPointer(buffer), offset: op.offset, bits: bits)
        let stored: UInt64
        let reply: Int64
        let overflowed: Bool
        if op.type.signed {
            let old = Int64(bitPattern: BitfieldInteger.signExtend(raw, bits: bits))
            let (new, o) = op.kind == .incrby
                ? BitfieldInteger.signedSum(old, op.argument, bits: bits, overflow: op.overflow)
                : BitfieldInteger.signedSum(op.argument, 0, bits: bits, overflow: op.overflow)
            (stored, reply, overflowed) = (UInt64(bitPattern: new), op.kind == .incrby ? new : old, o)
        } else {
            let (new, o) = op.kind == .incrby
                ? BitfieldInteger.unsignedSum(raw, op.argument, bits: bits, overflow: op.overflow)
                : BitfieldInteger.unsignedSum(UInt64(bitPattern: op.argument), 0, bits: bits, overflow: op.overflow)
            (stored, reply, overflowed) = (new, Int64(bitPattern: op.kind == .incrby ? new : raw), o)
        }
        if overflowed && op.overflow == .fail { return (.null, false) }
        BitfieldInteger.write(stored, to: buffer, offset: op.offset, bits: bits)
        let mask: UInt64 = bits == 64 ? .max : (1 << UInt64(bits)) - 1
        return (.integer(reply), (stored & mask) != (raw & mask))
    }
}
