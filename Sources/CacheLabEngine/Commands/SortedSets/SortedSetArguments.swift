import Foundation

/// How the sorted-set commands read scores and ranges, with Redis's exact rules and errors.
///
/// Scores (ZADD, ZINCRBY, WEIGHTS) are strict: the whole argument must be a number for C's
/// `strtod` (so `1e3`, `0x10`, `inf`, `.5` are fine), with no leading space, not NaN, and not
/// so large it overflows to infinity or so small it underflows to zero. Range bounds (ZCOUNT,
/// ZRANGEBYSCORE...) are looser, because Redis parses them with plain `strtod`: leading spaces
/// pass, an empty string is 0, and overflow gives ±inf.
enum SortedSetArguments {
    static let notAFloatRange = Reply.error("ERR min or max is not a float")
    static let notALexRange = Reply.error("ERR min or max not valid string range item")

    /// C's `strtod` over the bytes (as a C string: it stops at a NUL byte). Returns the value,
    /// how many bytes were used, and whether `errno` said ERANGE.
    static func strtod(_ text: Bytes) -> (value: Double, used: Int, outOfRange: Bool, length: Int) {
        text.withUnsafeBytes { raw in
            let length = raw.firstIndex(of: 0) ?? raw.count
            // A NUL-terminated copy on the stack (no heap allocation for the common case).
            return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { c in
                for i in 0..<length { c[i] = CChar(bitPattern: raw[i]) }
                c[length] = 0
                var end: UnsafeMutablePointer<CChar>? = nil
                errno = 0
                let value = Foundation.strtod(c.baseAddress!, &end)
                let used = end.map { $0 - c.baseAddress! } ?? 0
                return (value, used, errno == ERANGE, length)
            }
        }
    }

    /// A score or weight under Redis's strict rules (`string2d`), or nil. Leaves in `engine`
    /// what the parse does to C's `errno` (see Engine+StaleRangeError).
    static func score(_ text: Bytes, _ engine: Engine) -> Double? {
        // Canonical integers of up to 15 digits convert exactly, the same as strtod would
        // (and never out of range).
        if text.count <= 15, let integer = text.int64Value {
            engine.noteFloatParse(outOfRange: false)
            return Double(integer)
        }
        let (value, used, outOfRange, _) = strtod(text)
        engine.noteFloatParse(outOfRange: outOfRange)
        if text.isEmpty || isSpace(text[0]) { return nil }
        guard used == text.count, !value.isNaN else { return nil }
        if outOfRange && (value.isInfinite || value == 0) { return nil }
        return value
    }

    /// One end of a score range: `1.5`, `(1.5` (exclusive), `-inf`, `+inf`. A plain strtod:
    /// an out-of-range bound (taken as ±inf or 0) leaves ERANGE in C's `errno`.
    static func scoreBound(_ text: Bytes, _ engine: Engine) -> (value: Double, exclusive: Bool)? {
        let exclusive = !text.isEmpty && text[0] == UInt8(ascii: "(")
        let rest = exclusive ? text[1..<text.count] : text
        let (value, used, outOfRange, length) = strtod(rest)
        engine.noteUnclearedFloatParse(outOfRange: outOfRange)
        guard used == length, !value.isNaN else { return nil }
        return (value, exclusive)
    }

    /// A score range from its two arguments, or `ERR min or max is not a float`.
    static func scoreRange(_ min: Bytes, _ max: Bytes, _ engine: Engine) throws(Reply) -> ScoreRange {
        guard let low = scoreBound(min, engine), let high = scoreBound(max, engine) else { throw notAFloatRange }
        return ScoreRange(min: low.value, max: high.value, minExclusive: low.exclusive, maxExclusive: high.exclusive)
    }

    /// One end of a lex range: `-`, `+`, `[member` or `(member`.
    static func lexBound(_ text: Bytes) -> LexBound? {
        guard !text.isEmpty else { return nil }
        switch text[0] {
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            // Redis checks that the next C character is the terminating NUL.
            guard text.count == 1 || text[1] == 0 else { return nil }
            return text[0] == UInt8(ascii: "+") ? .plusInfinity : .minusInfinity
        case UInt8(ascii: "("):
            return .value(text[1..<text.count], exclusive: true)
        case UInt8(ascii: "["):
            return .value(text[1..<text.count], exclusive: false)
        default:
            return nil
        }
    }

    /// A lex range from its two arguments, or `ERR min or max not valid string range item`.
    static func lexRange(_ min: Bytes, _ max: Bytes) throws(Reply) -> LexRange {
        guard let low = lexBound(min), let high = lexBound(max) else { throw notALexRange }
        return LexRange(min: low, max: high)
    }

    /// Elements with their scores, shaped as Redis 7.0 sends them: a flat array
    /// `[member, score, ...]` in RESP2, and in RESP3 `[[member, score], ...]` when `nested`.
    static func withScores(_ elements: [ScoredMember], nested: Bool) -> Reply {
        var items: [Reply] = []
        if nested {
            items.reserveCapacity(elements.count)
            for e in elements { items.append(.array([.bulk(e.member), .double(e.score)])) }
        } else {
            items.reserveCapacity(elements.count * 2)
            for e in elements {
                items.append(.bulk(e.member))
                items.append(.double(e.score))
            }
        }
        return .array(items)
    }
}

extension CommandContext {
    /// Whether the client speaks RESP3 (some replies change shape, not just encoding).
    var speaksRESP3: Bool { session.protocolVersion >= 3 }
}
