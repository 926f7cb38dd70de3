/// The two kinds of value ranges a sorted set can be queried by, and how the skiplist finds
/// their ends in O(log n).
///
/// - A `ScoreRange` (ZRANGEBYSCORE, ZCOUNT, ZREMRANGEBYSCORE): `min` and `max` scores, each
///   inclusive or exclusive (`(1.5`), possibly infinite (`-inf`, `+inf`).
/// - A `LexRange` (ZRANGEBYLEX, ZLEXCOUNT, ZREMRANGEBYLEX): bounds on the member bytes, `[a`
///   inclusive, `(a` exclusive, `-` and `+` for the smallest and largest possible string. A lex
///   range only makes sense when all scores are equal, since it assumes members are in
///   byte order.
///
/// Both find their first element by searching for the last node *below* the range and taking
/// its successor, and their last element by searching for the last node *not above* it; the
/// ranks come for free from the spans, so counting a range is O(log n) too.
public struct ScoreRange: Sendable, Equatable {
    public var min: Double
    public var max: Double
    public var minExclusive: Bool
    public var maxExclusive: Bool

    public init(min: Double, max: Double, minExclusive: Bool = false, maxExclusive: Bool = false) {
        self.min = min
        self.max = max
        self.minExclusive = minExclusive
        self.maxExclusive = maxExclusive
    }

    @inline(__always) public func isAboveMin(_ score: Double) -> Bool {
        minExclusive ? score > min : score >= min
    }

    @inline(__always) public func isBelowMax(_ score: Double) -> Bool {
        maxExclusive ? score < max : score <= max
    }

    public func contains(_ score: Double) -> Bool { isAboveMin(score) && isBelowMax(score) }

    /// True when no score can be in the range (`5 1`, `(1 1`).
    public var isEmpty: Bool {
        min > max || (min == max && (minExclusive || maxExclusive))
    }
}

/// One end of a lex range.
public enum LexBound: Sendable, Equatable {
    /// `-`: below every string.
    case minusInfinity
    /// `+`: above every string.
    case plusInfinity
    /// `[member` (inclusive) or `(member` (exclusive).
    case value(Bytes, exclusive: Bool)

    /// Orders two bounds by their strings only, with `-` and `+` at the ends.
    static func compareStrings(_ a: LexBound, _ b: LexBound) -> Int {
        switch (a, b) {
        case (.minusInfinity, .minusInfinity), (.plusInfinity, .plusInfinity): return 0
        case (.minusInfinity, _), (_, .plusInfinity): return -1
        case (.plusInfinity, _), (_, .minusInfinity): return 1
        case (.value(let x, _), .value(let y, _)): return Bytes.compare(x, y)
        }
    }

    var isExclusive: Bool {
        switch self {
        case .minusInfinity, .plusInfinity: return true
        case .value(_, let exclusive): return exclusive
        }
    }
}

public struct LexRange: Sendable, Equatable {
    public var min: LexBound
    public var max: LexBound

    public init(min: LexBound, max: LexBound) {
        self.min = min
        self.max = max
    }

    public func isAboveMin(_ member: Bytes) -> Bool {
        switch min {
        case .minusInfinity: return true
        case .plusInfinity: return false
        case .value(let bound, let exclusive):
            let c = Bytes.compare(member, bound)
            return exclusive ? c > 0 : c >= 0
        }
    }

    public func isBelowMax(_ member: Bytes) -> Bool {
        switch max {
        case .minusInfinity: return false
        case .plusInfinity: return true
        case .value(let bound, let exclusive):
            let c = Bytes.compare(member, bound)
            return exclusive ? c < 0 : c <= 0
        }
    }

    public func contains(_ member: Bytes) -> Bool { isAboveMin(member) && isBelowMax(member) }

    /// True when no string can be in the range.
    public var isEmpty: Bool {
        let c = LexBound.compareStrings(min, max)
        return c > 0 || (c == 0 && (min.isExclusive || max.isExclusive))
    }
}

extension SkipList {
    /// The first node in `range` and its 1-based rank, or nil when the range holds nothing.
    public func first(in range: ScoreRange) -> (node: Node, rank: Int)? {
        guard !range.isEmpty, count > 0 else { return nil }
        let (x, rank) = lastNode { !range.isAboveMin($0.score) }
        let candidate = next(x)
        guard candidate != Self.none, range.isBelowMax(score(candidate)) else { return nil }
        return (candidate, rank + 1)
    }

    /// The last node in `range` and its 1-based rank, or nil when the range holds nothing.
    public func last(in range: ScoreRange) -> (node: Node, rank: Int)? {
        guard !range.isEmpty, count > 0 else { return nil }
        let (x, rank) = lastNode { range.isBelowMax($0.score) }
        guard x != Self.header, range.isAboveMin(score(x)) else { return nil }
        return (x, rank)
    }

    /// The first node in the lex `range` and its 1-based rank, or nil.
    public func first(in range: LexRange) -> (node: Node, rank: Int)? {
        guard !range.isEmpty, count > 0 else { return nil }
        let (x, rank) = lastNode { !range.isAboveMin(self.member($0.forward)) }
        let candidate = next(x)
        guard candidate != Self.none, range.isBelowMax(member(candidate)) else { return nil }
        return (candidate, rank + 1)
    }

    /// The last node in the lex `range` and its 1-based rank, or nil.
    public func last(in range: LexRange) -> (node: Node, rank: Int)? {
        guard !range.isEmpty, count > 0 else { return nil }
        let (x, rank) = lastNode { range.isBelowMax(self.member($0.forward)) }
        guard x != Self.header, range.isAboveMin(member(x)) else { return nil }
        return (x, rank)
    }

    /// The 1-based ranks of the first and last elements in `range`, or nil.
    public func ranks(in range: ScoreRange) -> ClosedRange<Int>? {
        guard let start = first(in: range), let end = last(in: range), start.rank <= end.rank else { return nil }
        return start.rank...end.rank
    }

    /// The 1-based ranks of the first and last elements in the lex `range`, or nil.
    public func ranks(in range: LexRange) -> ClosedRange<Int>? {
        guard let start = first(in: range), let end = last(in: range), start.rank <= end.rank else { return nil }
        return start.rank...end.rank
    }
}
