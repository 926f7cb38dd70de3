/// One element of a sorted set: what ZRANGE, ZPOPMIN and their kin collect before replying.
///
/// A struct rather than a `(member, score)` tuple: Swift destroys an array of tuples through
/// the runtime's generic tuple witnesses, element by element, which made freeing a ZRANGE's
/// 100 results cost more than finding them.
public struct ScoredMember: Equatable {
    public var member: Bytes
    public var score: Double

    public init(member: Bytes, score: Double) {
        self.member = member
        self.score = score
    }
}
