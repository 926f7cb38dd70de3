@testable import CacheLabEngine

/// Short initializers for tests that only need a small set or sorted set to exist (the Keys
/// tests were written against these before the collection types landed).
extension SetValue {
    /// A set of `members` with Redis's default intset limit (512).
    init(_ members: [Bytes]) {
        self.init(members, maxIntsetEntries: 512)
    }
}

extension SortedSetValue {
    /// A sorted set of the given members and scores, with Redis's default listpack limits.
    init(_ elements: [Bytes: Double]) {
        self.init()
        let limits = Limits(maxEntries: 128, maxValue: 64)
        for (member, score) in elements { insert(member, score: score, limits: limits) }
    }
}

extension ListValue {
    /// A list of `items`, head first.
    init(_ items: [Bytes]) {
        self.init()
        for item in items { push(item, atHead: false) }
    }
}

extension HashValue {
    /// A hash of the given fields, with Redis's default listpack limits.
    init(_ fields: [Bytes: Bytes]) {
        self.init()
        let limits = Limits(maxEntries: 512, maxValueLength: 64)
        for (field, value) in fields { set(field, value, limits: limits) }
    }
}
