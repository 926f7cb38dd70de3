/// What OBJECT ENCODING answers for each type: the compact or full representation Redis 7.0
/// would be using for the value.
///
/// Each type answers for itself: Redis only ever converts a value one way (a hash that outgrew
/// its listpack stays a hash table even after it shrinks), so the types that have a compact
/// form record which one they are in. The rules below for sets and sorted sets are best-effort
/// stand-ins read from the current contents with Redis's default thresholds.
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

extension SetValue {
    /// `intset` while every member is an integer and there are at most 512 of them (the
    /// default set-max-intset-entries), else `hashtable`. Redis 7.0 has no listpack sets.
    public var encoding: String {
        if members.count > 512 { return "hashtable" }
        for member in members where member.int64Value == nil {
            return "hashtable"
        }
        return "intset"
    }
}

extension SortedSetValue {
    /// `listpack` while the sorted set is small (at most 128 members of at most 64 bytes, the
    /// defaults of zset-max-listpack-*), else `skiplist`.
    public var encoding: String {
        if scores.count > 128 { return "skiplist" }
        for member in scores.keys where member.count > 64 {
            return "skiplist"
        }
        return "listpack"
    }
}

extension StreamValue {
    /// Streams have a single encoding.
    public var encoding: String { "stream" }
}
