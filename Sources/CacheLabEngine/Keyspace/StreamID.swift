/// The ID of a stream entry: a millisecond timestamp and a sequence number, written `ms-seq`.
///
/// IDs are ordered as pairs, first by milliseconds then by sequence, and every entry of a
/// stream has a greater ID than the one before it. Redis stores an ID as a 128-bit big-endian
/// number (so that byte order equals ID order in its radix tree); CacheLab keeps the two
/// halves as integers and compares them directly.
public struct StreamID: Hashable, Comparable, Sendable {
    public var ms: UInt64
    public var seq: UInt64

    @inlinable public init(ms: UInt64, seq: UInt64) {
        self.ms = ms
        self.seq = seq
    }

    /// `0-0`: the smallest ID, and what `-` means in a range.
    public static let zero = StreamID(ms: 0, seq: 0)
    /// The greatest possible ID, what `+` means in a range.
    public static let max = StreamID(ms: .max, seq: .max)

    @inlinable public static func < (a: StreamID, b: StreamID) -> Bool {
        a.ms != b.ms ? a.ms < b.ms : a.seq < b.seq
    }

    public var isZero: Bool { ms == 0 && seq == 0 }

    /// The next ID, or nil when this is the greatest ID (Redis wraps to 0-0 and reports failure).
    public var successor: StreamID? {
        if seq != .max { return StreamID(ms: ms, seq: seq + 1) }
        if ms != .max { return StreamID(ms: ms + 1, seq: 0) }
        return nil
    }

    /// The previous ID, or nil when this is 0-0.
    public var predecessor: StreamID? {
        if seq != 0 { return StreamID(ms: ms, seq: seq - 1) }
        if ms != 0 { return StreamID(ms: ms - 1, seq: .max) }
        return nil
    }

    /// The ID as Redis prints it, `1700000000000-3`.
    public var bytes: Bytes {
        // Both halves are written right to left into a stack buffer: up to 20 digits each.
        var buffer: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
        return Swift.withUnsafeMutableBytes(of: &buffer) { raw in
            var position = raw.count
            func write(_ value: UInt64) {
                var v = value
                repeat {
                    position -= 1
                    raw[position] = UInt8(48 + v % 10)
                    v /= 10
                } while v > 0
            }
            write(seq)
            position -= 1
            raw[position] = 45  // "-"
            write(ms)
            return Bytes(UnsafeRawBufferPointer(rebasing: raw[position...]))
        }
    }

    /// The ID as a bulk reply.
    public var reply: Reply { .bulk(bytes) }
}

extension StreamID: CustomStringConvertible {
    public var description: String { "\(ms)-\(seq)" }
}

// MARK: - Parsing IDs given by clients

/// How Redis reads a stream ID argument (`streamGenericParseIDOrReply`).
///
/// Accepted forms: `ms-seq`, a bare `ms` (the sequence is then supplied by the caller: 0 for
/// the start of a range, the maximum for its end), `-` and `+` (the smallest and greatest
/// IDs, refused where an exact ID is needed: "strict"), and for XADD `ms-*` (the sequence
/// is generated). Each half is read like C's `strtoull` after Redis's own strict integer
/// parser: so `+5`, ` 5` and `05` are accepted, a negative number is refused, and the
/// argument is read only up to its first NUL byte, as Redis copies it into a C string.
public enum StreamIDParser {
    /// The text of Redis's error for an unreadable ID.
    public static let invalidError = Reply.error("ERR Invalid stream ID specified as stream command argument")

    /// A parsed ID, and whether its sequence part was given (false for `ms-*`).
    public struct Parsed {
        public var id: StreamID
        public var sequenceGiven: Bool
    }

    /// Parses `argument`; nil when it is not a valid ID under these rules.
    /// - Parameters:
    ///   - missingSequence: the sequence of an ID given as bare milliseconds.
    ///   - strict: refuse `-` and `+`.
    ///   - allowAutoSequence: accept `ms-*` (XADD only).
    public static func parse(_ argument: Bytes, missingSequence: UInt64 = 0, strict: Bool,
                             allowAutoSequence: Bool = false) -> Parsed? {
        var errno = false
        return parse(argument, missingSequence: missingSequence, strict: strict, allowAutoSequence: allowAutoSequence,
                     staleRangeError: &errno)
    }

    /// `parse(_:missingSequence:strict:allowAutoSequence:)`, also doing to `staleRangeError`
    /// what Redis's parse does to C's `errno` (see `Engine.staleRangeError`): each half that
    /// Redis's strict integer parser refuses goes to `strtoull`, after `errno = 0`, and sets
    /// ERANGE when its digits overflow 64 bits. The sequence is read only when the
    /// milliseconds were valid.
    static func parse(_ argument: Bytes, missingSequence: UInt64 = 0, strict: Bool, allowAutoSequence: Bool = false,
                      staleRangeError: inout Bool) -> Parsed? {
        if argument.count > 127 { return nil }
        return argument.withUnsafeBytes { raw -> Parsed? in
            // Redis works on a C string: anything after a NUL byte is invisible.
            var n = raw.count
            if let nul = raw.firstIndex(of: 0) { n = nul }
            let text = UnsafeRawBufferPointer(rebasing: raw[0..<n])
            if n == 1 && (text[0] == 45 || text[0] == 43) {  // "-" or "+"
                if strict { return nil }
                return Parsed(id: text[0] == 45 ? .zero : .max, sequenceGiven: true)
            }
            let dash = text.firstIndex(of: 45)
            let msText = UnsafeRawBufferPointer(rebasing: text[0..<(dash ?? n)])
            guard let ms = unsignedValue(msText, staleRangeError: &staleRangeError) else { return nil }
            guard let dash else {
                return Parsed(id: StreamID(ms: ms, seq: missingSequence), sequenceGiven: true)
            }
            let tail = UnsafeRawBufferPointer(rebasing: text[(dash + 1)..<n])
            if allowAutoSequence && tail.count == 1 && tail[0] == 42 {  // "*"
                return Parsed(id: StreamID(ms: ms, seq: 0), sequenceGiven: false)
            }
            guard let seq = unsignedValue(tail, staleRangeError: &staleRangeError) else { return nil }
            return Parsed(id: StreamID(ms: ms, seq: seq), sequenceGiven: true)
        }
    }

    /// Parses an exact ID (no `-`/`+`), or throws Redis's invalid-ID error.
    static func strict(_ argument: Bytes, missingSequence: UInt64 = 0, staleRangeError: inout Bool) throws(Reply) -> StreamID {
        guard let parsed = parse(argument, missingSequence: missingSequence, strict: true,
                                 staleRangeError: &staleRangeError) else { throw invalidError }
        return parsed.id
    }

    /// Parses an ID where `-` and `+` are allowed, or throws Redis's invalid-ID error.
    static func loose(_ argument: Bytes, missingSequence: UInt64 = 0, staleRangeError: inout Bool) throws(Reply) -> StreamID {
        guard let parsed = parse(argument, missingSequence: missingSequence, strict: false,
                                 staleRangeError: &staleRangeError) else { throw invalidError }
        return parsed.id
    }

    /// One bound of a range (XRANGE, XPENDING, XAUTOCLAIM): a `(` prefix makes it exclusive,
    /// and an exclusive bound must be an exact ID. Returns the ID and whether it is exclusive.
    static func intervalBound(_ argument: Bytes, missingSequence: UInt64,
                              staleRangeError: inout Bool) throws(Reply) -> (id: StreamID, exclusive: Bool) {
        if argument.count > 1 && argument[0] == 40 {  // "("
            let rest = argument[1..<argument.count]
            return (try strict(rest, missingSequence: missingSequence, staleRangeError: &staleRangeError), true)
        }
        return (try loose(argument, missingSequence: missingSequence, staleRangeError: &staleRangeError), false)
    }

    /// The start of a range: an exclusive start moves to the next ID.
    static func rangeStart(_ argument: Bytes, staleRangeError: inout Bool) throws(Reply) -> StreamID {
        let (id, exclusive) = try intervalBound(argument, missingSequence: 0, staleRangeError: &staleRangeError)
        guard exclusive else { return id }
        guard let next = id.successor else { throw Reply.error("ERR invalid start ID for the interval") }
        return next
    }

    /// The end of a range: an incomplete end covers every sequence; an exclusive end moves to
    /// the previous ID.
    static func rangeEnd(_ argument: Bytes, staleRangeError: inout Bool) throws(Reply) -> StreamID {
        let (id, exclusive) = try intervalBound(argument, missingSequence: .max, staleRangeError: &staleRangeError)
        guard exclusive else { return id }
        guard let previous = id.predecessor else { throw Reply.error("ERR invalid end ID for the interval") }
        return previous
    }

    /// Redis's `string2ull`: its strict integer parser first (a negative value is refused),
    /// then `strtoull` (leading spaces, a sign, leading zeros; a minus sign negates modulo
    /// 2^64; overflow and trailing characters are refused). Only the `strtoull` path touches
    /// `errno`: it is cleared first, and set to ERANGE when the digits overflow.
    static func unsignedValue(_ text: UnsafeRawBufferPointer, staleRangeError: inout Bool) -> UInt64? {
        // Fast path, the usual case: 1 to 18 plain digits, no leading zero (19 digits may
        // pass Int64.max, which the strict parser refuses).
        let length = text.count
        if length > 0 && length <= 18 && (text[0] != 48 || length == 1) {
            var value: UInt64 = 0
            var k = 0
            while k < length, text[k] >= 48 && text[k] <= 57 {
                value = value * 10 + UInt64(text[k] - 48)
                k += 1
            }
            if k == length { return value }
        }
        if let strict = Bytes(text).int64Value {
            return strict < 0 ? nil : UInt64(strict)
        }
        staleRangeError = false
        var i = 0
        let n = text.count
        while i < n && isSpace(text[i]) { i += 1 }
        var negative = false
        if i < n && (text[i] == 43 || text[i] == 45) {
            negative = text[i] == 45
            i += 1
        }
        let digitsStart = i
        var value: UInt64 = 0
        var overflowed = false
        while i < n, text[i] >= 48 && text[i] <= 57 {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(text[i] - 48))
            overflowed = overflowed || o1 || o2
            value = a
            i += 1
        }
        if overflowed { staleRangeError = true }
        if overflowed || i == digitsStart || i != n { return nil }
        return negative ? 0 &- value : value
    }
}
