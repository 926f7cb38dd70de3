/// SORT's patterns: how `weight_*` or `data_*->field` names a value for an element.
///
/// Redis treats patterns as C strings here: the `*` and the `->` are only looked for before
/// the first NUL byte, and `#` alone means the element itself.
enum SortPattern {
    /// The position of the first `*` before any NUL byte, or nil.
    static func starIndex(_ pattern: Bytes) -> Int? {
        pattern.withUnsafeBytes { raw in
            for i in 0..<raw.count {
                if raw[i] == 0 { return nil }
                if raw[i] == UInt8(ascii: "*") { return i }
            }
            return nil
        }
    }

    /// The value `pattern` names for `element`: `#` is the element; otherwise the first `*`
    /// is replaced by the element to name a string key, or, with `->field` after the `*`, a
    /// field of a hash key. Nil when there is no `*`, the key is missing or of another type,
    /// or the field is missing.
    static func lookup(_ db: Database, pattern: Bytes, element: Bytes) -> Bytes? {
        lookupStored(db, pattern: pattern, element: element, elementIsInteger: false)?.value
    }

    /// `lookup`, also telling whether Redis holds the value as an integer object rather than
    /// text: an `int` string, or a small (listpack) hash's field value that reads as a 64-bit
    /// integer; for `#`, what the caller says of the element. A numeric sort reads such a
    /// value without C's `strtod` (see Engine+StaleRangeError).
    static func lookupStored(_ db: Database, pattern: Bytes, element: Bytes,
                             elementIsInteger: Bool) -> (value: Bytes, isInteger: Bool)? {
        if pattern.count >= 1 && pattern[0] == UInt8(ascii: "#") && (pattern.count == 1 || pattern[1] == 0) {
            return (element, elementIsInteger)
        }
        guard let star = starIndex(pattern) else { return nil }
        let bytes = pattern.array
        let cLength = bytes.firstIndex(of: 0) ?? bytes.count
        // "->" after the star, followed by at least one (non-NUL) byte, starts a field name.
        var fieldStart: Int?
        var i = star + 1
        while i + 1 < cLength {
            if bytes[i] == UInt8(ascii: "-") && bytes[i + 1] == UInt8(ascii: ">") {
                if i + 2 < cLength { fieldStart = i + 2 }
                break
            }
            i += 1
        }
        let suffixEnd = fieldStart.map { $0 - 2 } ?? bytes.count
        var name = Array(bytes[0..<star])
        element.withUnsafeBytes { name.append(contentsOf: $0) }
        name.append(contentsOf: bytes[(star + 1)..<suffixEnd])
        guard let value = db.lookupRead(Bytes(name)) else { return nil }
        if let fieldStart {
            guard case .hash(let hash) = value,
                  let field = hash.sortField(Bytes(Array(bytes[fieldStart...]))) else { return nil }
            return (field, hash.isListpack && field.int64Value != nil)
        }
        guard case .string(let string) = value else { return nil }
        return (string.bytes, string.encoding == "int")
    }

    /// `strcoll` in the C (and C.UTF-8) locale, which is `strcmp`: byte order up to the first
    /// NUL byte of either string.
    static func collate(_ a: Bytes, _ b: Bytes) -> Int {
        a.withUnsafeBytes { x in
            b.withUnsafeBytes { y in
                var i = 0
                while true {
                    let cx: UInt8 = i < x.count ? x[i] : 0
                    let cy: UInt8 = i < y.count ? y[i] : 0
                    if cx != cy { return Int(cx) - Int(cy) }
                    if cx == 0 { return 0 }
                    i += 1
                }
            }
        }
    }
}
