/// SETBIT and GETBIT: a string seen as an array of bits.
///
/// Bit 0 is the most significant bit of byte 0, bit 7 its least significant, bit 8 the most
/// significant bit of byte 1, and so on: offset `n` is bit `7 - n % 8` of byte `n / 8`. A
/// string is as long as it needs to be and no longer; bits past its end read as 0, and setting
/// one grows the string with zero bytes. SETBIT edits the string in place (no copy), which
/// also makes Redis store it `raw`.
extension BitmapCommands {
    static let bitValueError = Reply.error("ERR bit is not an integer or out of range")

    /// SETBIT key offset value: sets or clears one bit, replies with its previous value.
    static func setbit(_ c: CommandContext) throws(Reply) -> Reply {
        let offset = try BitmapArguments.bitOffset(c[2], limit: c.engine.config.protoMaxBulkLength)
        guard let on = c[3].int64Value, on & ~1 == 0 else { throw bitValueError }
        let key = c[1]
        let db = c.db
        let byteIndex = offset >> 3
        let mask = UInt8(1) << UInt8(7 - (offset & 7))

        guard let position = db.locateForWrite(key) else {
            var bytes = [UInt8](repeating: 0, count: byteIndex + 1)
            if on == 1 { bytes[byteIndex] = mask }
            db.add(key, .string(StringValue(Bytes(bytes), isRaw: true)))
            return .zero
        }
        guard db.holdsString(at: position) else { throw RedisError.wrongType }
        let (old, changed) = db.editStringBytes(at: position) { bytes -> (Bool, Bool) in
            var grown = false
            if bytes.count <= byteIndex {
                bytes.append(contentsOf: repeatElement(0, count: byteIndex + 1 - bytes.count))
                grown = true
            }
            let old = bytes[byteIndex] & mask != 0
            if on == 1 { bytes[byteIndex] |= mask } else { bytes[byteIndex] &= ~mask }
            return (old, grown || old != (on == 1))
        }
        // Redis signals a modification only when the string grew or the bit flipped.
        if changed { db.signalModified(key) }
        return old ? .one : .zero
    }

    /// GETBIT key offset: the bit's value, 0 past the end of the string or for a missing key.
    static func getbit(_ c: CommandContext) throws(Reply) -> Reply {
        let offset = try BitmapArguments.bitOffset(c[2], limit: c.engine.config.protoMaxBulkLength)
        let db = c.db
        guard let position = db.locateForRead(c[1]) else { return .zero }
        guard db.holdsString(at: position) else { throw RedisError.wrongType }
        let byteIndex = offset >> 3
        let set = db.readStringBytes(at: position) { raw in
            byteIndex < raw.count && raw[byteIndex] & (UInt8(1) << UInt8(7 - (offset & 7))) != 0
        }
        return set ? .one : .zero
    }
}
