/// What OBJECT ENCODING answers for each type: the compact or full representation Redis 7.0
/// would be using for the value.
///
/// These are best-effort rules read from the value's current contents with Redis's default
/// thresholds. Redis only ever converts a value one way (a hash that outgrew its listpack stays
/// a hash table even after it shrinks), so the collection types record the real encoding
/// themselves once they track it; these definitions stand in until then.
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

extension ListValue {
    /// Redis 7.0 always stores a list as a quicklist (listpack lists arrived in 7.2).
    public var encoding: String { "quicklist" }
}

extension HashValue {
    /// `listpack` while the hash is small (at most 128 fields, every field and value at most 64
    /// bytes, the defaults of hash-max-listpack-*), else `hashtable`.
    public var encoding: String {
        if fields.count > 128 { return "hashtable" }
        for (field, value) in fields where field.count > 64 || value.count > 64 {
            return "hashtable"
        }
        return "listpack"
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
