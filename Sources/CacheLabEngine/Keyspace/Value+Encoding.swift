/// What OBJECT ENCODING answers for each type: the compact or full representation Redis 7.0
/// would be using for the value.
///
/// Each type answers for itself: Redis only ever converts a value one way (a hash that outgrew
/// its listpack stays a hash table even after it shrinks), so the types that have a compact
/// form record which one they are in.
extension Value {
    /// The name OBJECT ENCODING answers.
    public var encoding: String {
        switch self {
        case .string(let s): return s.encoding
        case .list(let l): return l.encoding
        case .hash(let h): return h.encoding
        case .set(let s): return s.encoding
        case .zset(let z): return z.encoding
        case .stream(let x): return x.encoding
        }
    }
}
