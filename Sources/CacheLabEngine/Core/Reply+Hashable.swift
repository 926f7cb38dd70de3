/// Equality of replies is equality of what a client receives: a `.bulkStrings` equals the
/// `.array` of `.bulk`s it stands for, so a test may expect either form. Otherwise two replies
/// are equal when they are the same case with equal payloads, as synthesized equality would
/// say (which Swift no longer writes for us once one case needs this rule).
extension Reply: Hashable {
    public static func == (lhs: Reply, rhs: Reply) -> Bool {
        switch (lhs, rhs) {
        case let (.status(a), .status(b)), let (.error(a), .error(b)), let (.doubleText(a), .doubleText(b)),
             let (.bigNumber(a), .bigNumber(b)):
            return a == b
        case let (.integer(a), .integer(b)): return a == b
        case let (.bulk(a), .bulk(b)): return a == b
        case (.null, .null), (.nullArray, .nullArray): return true
        case let (.array(a), .array(b)), let (.map(a), .map(b)), let (.set(a), .set(b)), let (.push(a), .push(b)):
            return a == b
        case let (.bulkStrings(a), .bulkStrings(b)): return a == b
        case let (.bulkStrings(strings), .array(items)), let (.array(items), .bulkStrings(strings)):
            return strings.count == items.count && zip(strings, items).allSatisfy { Reply.bulk($0) == $1 }
        case let (.double(a), .double(b)): return a == b
        case let (.bool(a), .bool(b)): return a == b
        case let (.verbatim(f, t), .verbatim(g, u)): return f == g && t == u
        default: return false
        }
    }

    /// Hashes a `.bulkStrings` as the array it stands for, so that equal replies hash equally.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .status(let s): hasher.combine(0); hasher.combine(s)
        case .error(let s): hasher.combine(1); hasher.combine(s)
        case .integer(let i): hasher.combine(2); hasher.combine(i)
        case .bulk(let b): hasher.combine(3); hasher.combine(b)
        case .null: hasher.combine(4)
        case .nullArray: hasher.combine(5)
        case .array(let items): hasher.combine(6); hasher.combine(items)
        case .bulkStrings(let strings): hasher.combine(6); hasher.combine(strings.replies)
        case .map(let items): hasher.combine(7); hasher.combine(items)
        case .set(let items): hasher.combine(8); hasher.combine(items)
        case .double(let d): hasher.combine(9); hasher.combine(d)
        case .doubleText(let s): hasher.combine(10); hasher.combine(s)
        case .bool(let b): hasher.combine(11); hasher.combine(b)
        case .verbatim(let format, let text): hasher.combine(12); hasher.combine(format); hasher.combine(text)
        case .bigNumber(let s): hasher.combine(13); hasher.combine(s)
        case .push(let items): hasher.combine(14); hasher.combine(items)
        }
    }
}
