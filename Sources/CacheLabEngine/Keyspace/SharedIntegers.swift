/// Redis's shared integer objects, and the access bits every key holding one shares.
///
/// At start-up Redis creates one object for each integer from 0 to 9999 and never frees them.
/// A string value that reads as one of those integers is stored as a pointer to the shared
/// object instead of an object of its own, so a million keys holding "1" cost one object:
///
///     key "a" ──┐
///     key "b" ──┼──> shared object 1   { type string, encoding int, refcount INT_MAX, lru }
///     key "c" ──┘
///
/// The `lru` field (the 24 access bits: an LRU clock reading, or an LFU counter and its
/// minute) lives in the object, so those keys share it too. Reading any of them stamps the
/// one field; OBJECT IDLETIME of a key that was just stored answers the time since *some* key
/// holding that integer was last read, or since the server started; OBJECT FREQ under an LFU
/// policy reads bits that were stamped as an LRU clock reading at start-up (usually 0).
///
/// Because eviction needs every key to have bits of its own, Redis does not share integers
/// when maxmemory is set with an LRU or LFU policy; it does under any other policy, or with no
/// maxmemory at all (the default). CacheLab judges that with the configuration at the moment
/// the bits are used, where Redis judged it when the value was stored; the two differ only
/// for a value stored before such a change of configuration. A value made as an object of its
/// own (COPY's duplicate, INCRBYFLOAT's result, a string edited in place) is never shared.
extension Engine {
    /// Redis's OBJ_SHARED_INTEGERS.
    static let sharedIntegerCount = 10_000

    /// Whether small integer values are now Redis's shared objects: no maxmemory, or a policy
    /// that is neither LRU nor LFU.
    var sharesIntegers: Bool {
        config.maxmemory == 0 || !(evictionPolicy.usesLRU || evictionPolicy.usesLFU)
    }

    /// The shared object `value` is stored as, if any: its integer, the index of its bits.
    @inline(__always) func sharedInteger(of value: Value) -> Int? {
        guard case .string(let string) = value, let n = string.sharedIntegerCandidate, sharesIntegers else { return nil }
        return n
    }
}

extension StringValue {
    /// The integer 0...9999 this string would be stored as a shared object for, when sharing
    /// is on: canonical digits (no sign, no leading zero), `int`-encoded, an object of the
    /// kind SET makes (not raw, not a private duplicate).
    @inline(__always) var sharedIntegerCandidate: Int? {
        // Every key read asks this of its value, so the common answer, "not a small integer",
        // must come quickly: an inline string's bytes are read straight out of its first word.
        // `Bytes` keeps every string of up to 14 bytes inline, so one on the heap is too long.
        guard let (low, high) = bytes.inlineWords else { return nil }
        let count = Int(truncatingIfNeeded: high >> 48)
        guard count >= 1, count <= 4 else { return nil }
        var n = 0
        for i in 0..<count {
            let digit = UInt8(truncatingIfNeeded: low >> UInt64(8 * i)) &- UInt8(ascii: "0")
            guard digit <= 9, digit != 0 || i > 0 || count == 1 else { return nil }
            n = n * 10 + Int(digit)
        }
        guard !isRaw, allowsIntEncoding, !isPrivateObject else { return nil }
        return n
    }
}

extension Entry {
    /// This key's access bits: its own or, when integers are shared (`shared` holds the
    /// shared objects' bits), those of the shared integer object its value is.
    func accessBits(sharedIntegerBits shared: [UInt32]?) -> UInt32 {
        guard let shared, case .string(let string) = value, let n = string.sharedIntegerCandidate else { return lru }
        return shared[n]
    }
}

extension Database {
    /// The access bits of the key at `position`: its own, or those of the shared integer
    /// object its value is (see above).
    func accessBits(at position: Int) -> UInt32 {
        withEngine { engine in
            table.values[position].accessBits(sharedIntegerBits: engine.sharesIntegers ? engine.sharedIntegerAccessBits : nil)
        }
    }

    /// Sets the access bits of the key at `position`, as Redis sets them on the object the
    /// key holds (RESTORE's IDLETIME and FREQ, a loaded IDLE or FREQ): its own, or those of
    /// the shared integer object, which every key holding that integer shares.
    func setAccessBits(_ bits: UInt32, at position: Int) {
        withEngine { engine in
            if let n = engine.sharedInteger(of: table.values[position].value) {
                engine.sharedIntegerAccessBits[n] = bits
            } else if table.values[position].lru != bits {
                // Bits already in place are not written again: a table just installed from a
                // load still shares its storage with the load's result, and a write would
                // copy all of it.
                table.setAccessBits(bits, at: position)
            }
        }
    }
}
