/// The integers BITFIELD reads and writes: types, bit-level access, and overflow rules.
///
/// A field is `bits` consecutive bits starting at a bit offset, most significant bit first,
/// with the same bit numbering as SETBIT (bit 0 is the top bit of byte 0). Fields need not be
/// byte-aligned and may straddle up to nine bytes. Signed fields are two's complement.
struct BitfieldType {
    let signed: Bool
    /// 1...64 for signed types, 1...63 for unsigned ones (Redis replies with signed 64-bit
    /// integers, so a u64 could not be represented).
    let bits: Int

    static let invalidTypeError = Reply.error(
        "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.")

    /// Parses `i<bits>` or `u<bits>`: lower-case letter, then a strict integer read up to the
    /// first NUL byte (Redis reads it as a C string).
    static func parse(_ argument: Bytes) throws(Reply) -> BitfieldType {
        guard argument.count > 0 else { throw invalidTypeError }
        let signed: Bool
        switch argument[0] {
        case UInt8(ascii: "i"): signed = true
        case UInt8(ascii: "u"): signed = false
        default: throw invalidTypeError
        }
        guard let bits = argument[1..<argument.count].cStringPrefix.int64Value,
              bits >= 1, bits <= (signed ? 64 : 63)
        else { throw invalidTypeError }
        return BitfieldType(signed: signed, bits: Int(bits))
    }
}

/// What happens when a SET or INCRBY result does not fit its field.
enum BitfieldOverflow {
    /// Keep the low bits (modular arithmetic); the default.
    case wrap
    /// Clamp to the type's minimum or maximum.
    case sat
    /// Write nothing and answer nil.
    case fail
}

enum BitfieldInteger {
    // MARK: Bit access

    /// The unsigned value of the field; bytes past the end of `bytes` read as zero.
    static func read(_ bytes: UnsafeRawBufferPointer, offset: Int, bits: Int) -> UInt64 {
        var value: UInt64 = 0
        var position = offset
        var remaining = bits
        while remaining > 0 {
            let index = position >> 3
            let used = position & 7
            let take = min(8 - used, remaining)
            let byte = index < bytes.count ? bytes[index] : 0
            let chunk = (UInt64(byte) >> (8 - used - take)) & ((1 << UInt64(take)) - 1)
            value = value << UInt64(take) | chunk
            position += take
            remaining -= take
        }
        return value
    }

    /// The field's value sign-extended as a two's complement integer of `bits` bits.
    static func readSigned(_ bytes: UnsafeRawBufferPointer, offset: Int, bits: Int) -> Int64 {
        Int64(bitPattern: signExtend(read(bytes, offset: offset, bits: bits), bits: bits))
    }

    /// Stores the low `bits` bits of `value` into the field; the buffer must cover it.
    static func write(_ value: UInt64, to bytes: UnsafeMutableRawBufferPointer, offset: Int, bits: Int) {
        var position = offset
        var remaining = bits
        while remaining > 0 {
            let index = position >> 3
            let used = position & 7
            let take = min(8 - used, remaining)
            let shift = 8 - used - take
            let ones = UInt8((1 << take) - 1)
            let chunk = UInt8(truncatingIfNeeded: value >> UInt64(remaining - take)) & ones
            bytes[index] = bytes[index] & ~(ones << shift) | chunk << shift
            position += take
            remaining -= take
        }
    }

    static func signExtend(_ value: UInt64, bits: Int) -> UInt64 {
        guard bits < 64, value & (1 << UInt64(bits - 1)) != 0 else { return value }
        return value | (~0 << UInt64(bits))
    }

    // MARK: Overflow

    /// `value + increment` for a signed field: the value to store, and whether it overflowed.
    ///
    /// Overflow is judged as Redis judges it (SET passes its value with a zero increment):
    /// essentially "the sum is above the type's maximum or below its minimum", but with one
    /// quirk reproduced here on purpose. Redis first computes the headroom `max - value` in
    /// 64-bit arithmetic that wraps around, so for a SET of a hugely negative value (say
    /// `SET i39 0 -9223372036854775808`) the headroom wraps negative and the value is taken as
    /// overflowing *upwards*: SAT then stores the maximum, not the minimum.
    /// WRAP keeps the low bits of the 64-bit two's complement sum, sign-extended; SAT clamps.
    /// With FAIL the returned value is meaningless: the caller writes nothing.
    static func signedSum(_ value: Int64, _ increment: Int64, bits: Int, overflow: BitfieldOverflow) -> (Int64, Bool) {
        let max: Int64 = bits == 64 ? .max : (1 << Int64(bits - 1)) - 1
        let min = -max - 1
        let headroom = Int64(bitPattern: UInt64(bitPattern: max) &- UInt64(bitPattern: value))
        let footroom = min &- value
        let tooBig = value > max
            || (bits != 64 && increment > headroom)
            || (value >= 0 && increment > 0 && increment > headroom)
        let tooSmall = !tooBig && (value < min
            || (bits != 64 && increment < footroom)
            || (value < 0 && increment < 0 && increment < footroom))
        guard tooBig || tooSmall else { return (value &+ increment, false) }
        switch overflow {
        case .sat: return (tooBig ? max : min, true)
        case .wrap, .fail:
            let low = UInt64(bitPattern: value) &+ UInt64(bitPattern: increment)
            let mask: UInt64 = bits == 64 ? ~0 : (1 << UInt64(bits)) - 1
            return (Int64(bitPattern: signExtend(low & mask, bits: bits)), true)
        }
    }

    /// `value + increment` for an unsigned field, with the same conventions.
    ///
    /// As in Redis, SET's value is taken as an unsigned 64-bit number: `SET u8 0 -1` is
    /// 2^64-1, which is *above* the maximum, so SAT stores 255 rather than 0.
    static func unsignedSum(_ value: UInt64, _ increment: Int64, bits: Int, overflow: BitfieldOverflow) -> (UInt64, Bool) {
        let max: UInt64 = (1 << UInt64(bits)) - 1
        let tooBig = value > max || (increment > 0 && UInt64(increment) > max - value)
        let tooSmall = !tooBig && increment < 0 && increment.magnitude > value
        let low = (value &+ UInt64(bitPattern: increment)) & max
        guard tooBig || tooSmall else { return (low, false) }
        switch overflow {
        case .sat: return (tooBig ? max : 0, true)
        case .wrap, .fail: return (low, true)
        }
    }
}
