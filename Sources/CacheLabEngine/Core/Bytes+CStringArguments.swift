/// Arguments read the way Redis reads them: as C strings.
///
/// Redis compares many keywords (SET's `NX` and `KEEPTTL`, BITCOUNT's `BYTE|BIT`, BITFIELD's
/// `GET|SET|INCRBY`, PFDEBUG's subcommands...) with `strcasecmp` on the argument's buffer, and
/// measures some with `strlen`: both stop at the first zero byte, so `SET k v "nx\x00anything"`
/// is a plain `SET k v NX`. Commands whose arguments Redis reads this way use `matchesOption`
/// and `cStringPrefix` instead of `equalsIgnoringCase` to behave the same.
extension Bytes {
    /// True when the bytes before the first zero byte (all of them, if none) equal `keyword`
    /// ignoring ASCII case. `keyword` must be ASCII without zero bytes.
    func matchesOption(_ keyword: StaticString) -> Bool {
        let length = keyword.utf8CodeUnitCount
        let n = count
        guard n >= length else { return false }
        return withUnsafeBytes { raw in
            if n > length && raw[length] != 0 { return false }
            let k = keyword.utf8Start
            for i in 0..<length {
                var c = raw[i]
                if c >= 65 && c <= 90 { c += 32 }
                var d = k[i]
                if d >= 65 && d <= 90 { d += 32 }
                if c != d { return false }
            }
            return true
        }
    }

    /// The bytes before the first zero byte, as Redis prints an option it does not know
    /// (`ERR Unsupported option foo`).
    var cStringPrefix: Bytes {
        withUnsafeBytes { raw in
            guard let zero = raw.firstIndex(of: 0) else { return self }
            return Bytes(UnsafeRawBufferPointer(rebasing: raw[0..<zero]))
        }
    }
}
