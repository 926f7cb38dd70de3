/// Counting and removing score and lex ranges of a sorted set.
///
/// Score order is the skiplist's order, so a score range is always one run of consecutive
/// ranks found in O(log n). A lex range is only meaningful when all scores are equal; when
/// they are not, Redis's answer depends on how it searches, and CacheLab searches the same
/// way: a listpack is scanned from its ends (first element at or above `min`, last at or below
/// `max`), a skiplist is searched by levels. Either way Redis first rules out ranges whose
/// bounds miss the whole set, and then walks forward from the start while members stay
/// below `max` (backward from the end while they stay above `min`).
extension SortedSetValue {
    /// Redis's quick rejection: an empty range, or one entirely above the last member or
    /// below the first.
    func lexRangeMayMatch(_ range: LexRange) -> Bool {
        guard !range.isEmpty, count > 0 else { return false }
        return range.isAboveMin(list.member(list.last)) && range.isBelowMax(list.member(list.first))
    }

    /// The first element of a lex range, with its 1-based rank.
    public func lexStart(_ range: LexRange) -> (node: SkipList.Node, rank: Int)? {
        guard lexRangeMayMatch(range) else { return nil }
        if isListpack {
            var node = list.first
            var rank = 1
            while node != SkipList.none {
                if range.isAboveMin(list.member(node)) {
                    return range.isBelowMax(list.member(node)) ? (node, rank) : nil
                }
                node = list.next(node)
                rank += 1
            }
            return nil
        }
        return list.first(in: range)
    }

    /// The last element of a lex range, with its 1-based rank.
    public func lexEnd(_ range: LexRange) -> (node: SkipList.Node, rank: Int)? {
        guard lexRangeMayMatch(range) else { return nil }
        if isListpack {
            var node = list.last
            var rank = count
            while node != SkipList.none {
                if range.isBelowMax(list.member(node)) {
                    return range.isAboveMin(list.member(node)) ? (node, rank) : nil
                }
                node = list.previous(node)
                rank -= 1
            }
            return nil
        }
        return list.last(in: range)
    }

    /// How many consecutive elements from the start of the lex range stay below its max.
    private func lexRunLength(_ range: LexRange, from start: SkipList.Node) -> Int {
        var n = 0
        var node = start
        while node != SkipList.none && range.isBelowMax(list.member(node)) {
            n += 1
            node = list.next(node)
        }
        return n
    }

    /// ZLEXCOUNT: the number of elements in the lex range.
    public func count(in range: LexRange) -> Int {
        guard let start = lexStart(range) else { return 0 }
        if isListpack { return lexRunLength(range, from: start.node) }
        guard let end = lexEnd(range) else { return count - start.rank + 1 }
        return end.rank - start.rank + 1
    }

    /// ZCOUNT: the number of elements in the score range.
    public func count(in range: ScoreRange) -> Int {
        guard let ranks = list.ranks(in: range) else { return 0 }
        return ranks.count
    }

    /// ZREMRANGEBYLEX: removes the elements of the lex range; returns how many.
    ///
    /// A skiplist is the one case without the quick rejection: Redis walks the levels to the
    /// first member at or above `min` and deletes forward while members stay at or below
    /// `max`, even when the last member is below `min` (which only happens when the scores
    /// differ, so the members are not in lex order).
    @discardableResult
    public mutating func remove(in range: LexRange) -> Int {
        if !isListpack {
            guard count > 0 else { return 0 }
            let (before, rank) = list.lastNode { !range.isAboveMin(self.list.member($0.forward)) }
            let first = list.next(before)
            guard first != SkipList.none else { return 0 }
            let n = lexRunLength(range, from: first)
            guard n > 0 else { return 0 }
            return removeRanks(rank, rank + n - 1)
        }
        guard let start = lexStart(range) else { return 0 }
        let n = lexRunLength(range, from: start.node)
        guard n > 0 else { return 0 }
        return removeRanks(start.rank - 1, start.rank + n - 2)
    }

    /// ZREMRANGEBYSCORE: removes the elements of the score range; returns how many.
    @discardableResult
    public mutating func remove(in range: ScoreRange) -> Int {
        guard let ranks = list.ranks(in: range) else { return 0 }
        return removeRanks(ranks.lowerBound - 1, ranks.upperBound - 1)
    }
}
