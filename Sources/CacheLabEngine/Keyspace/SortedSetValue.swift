/// A Redis sorted set: members with scores, kept in score order.
///
/// Like Redis's `zset`, it is two structures over the same elements:
/// - a hash table from member to score (`scores`), for O(1) ZSCORE, ZADD's "is it there?"
///   and ZSCAN's cursor;
/// - a skiplist ordered by (score, member) (`list`, see `SkipList`), for O(log n) ZRANK,
///   ZRANGE by rank, score or lex, and the ordered walks behind them.
///
/// Encodings. Redis keeps a small sorted set (at most `zset-max-listpack-entries` members, each
/// at most `zset-max-listpack-value` bytes) as a `listpack`, one flat sorted byte array, and
/// converts it to the `skiplist` encoding above for good once it outgrows either limit. CacheLab
/// always uses the skiplist and hash table, and records which encoding Redis would use
/// (`isListpack`), so that OBJECT ENCODING answers as Redis does and the commands whose
/// visible behaviour depends on the encoding follow it: ZSCAN of a listpack returns everything
/// at once in order with cursor 0, and lex ranges on a listpack are found by a linear scan.
///
/// Copy on write, by hand, as `SetValue` does: both structures live in one heap object
/// (`Storage`) that a mutation copies first when another sorted set shares it, so a sorted set
/// is one pointer wide and `Value.zset` needs no per-write box.
public struct SortedSetValue {
    private var storage: Storage

    /// The elements in (score, member) order.
    public private(set) var list: SkipList {
        _read { yield storage.list }
        _modify { let s = mutableStorage(); yield &s.list }
    }
    /// Member to score.
    public private(set) var scores: KeyTable<Double> {
        _read { yield storage.scores }
        _modify { let s = mutableStorage(); yield &s.scores }
    }
    /// True while Redis would keep this sorted set as a listpack.
    public private(set) var isListpack: Bool {
        _read { yield storage.isListpack }
        _modify { let s = mutableStorage(); yield &s.isListpack }
    }
    /// The tallies memory accounting reads in O(1) (see `SortedSetSize`): the members' sds
    /// allocations, the bytes the elements take as listpack entries (member, then score as
    /// stored), and the skiplist's dict as Redis would have grown and rehashed it.
    public private(set) var sizes: Sizes {
        _read { yield storage.sizes }
        _modify { let s = mutableStorage(); yield &s.sizes }
    }

    /// See `sizes`.
    public struct Sizes: Sendable, Equatable {
        public var memberSdsBytes = 0
        public var listpackEntryBytes = 0
        public var dict = DictShape()
    }

    /// The heap object behind a sorted set, changed only through a uniquely owned reference.
    private final class Storage {
        @exclusivity(unchecked) var list = SkipList()
        @exclusivity(unchecked) var scores = KeyTable<Double>()
        @exclusivity(unchecked) var isListpack: Bool
        @exclusivity(unchecked) var sizes = Sizes()

        init(listpack: Bool) {
            isListpack = listpack
        }

        init(copying other: Storage) {
            list = other.list
            scores = other.scores
            isListpack = other.isListpack
            sizes = other.sizes
        }
    }

    /// The storage, copied first when another sorted set shares it.
    private mutating func mutableStorage() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(copying: storage) }
        return storage
    }

    /// The two listpack limits, read from the configuration when a command starts.
    public struct Limits: Sendable {
        public var maxEntries: Int64
        public var maxValue: Int64

        public init(maxEntries: Int64, maxValue: Int64) {
            self.maxEntries = maxEntries
            self.maxValue = maxValue
        }

        public init(_ config: Config) {
            self.init(maxEntries: config.zsetMaxListpackEntries, maxValue: config.zsetMaxListpackValue)
        }

        /// Whether a listpack may grow to `count` elements with an element of `length` bytes.
        func allow(count: Int, length: Int) -> Bool {
            Int64(count) <= maxEntries && Int64(length) <= maxValue
        }
    }

    /// An empty sorted set, a listpack until it outgrows the limits.
    public init() {
        storage = Storage(listpack: true)
    }

    /// An empty sorted set with the given encoding flag.
    public init(listpack: Bool) {
        storage = Storage(listpack: listpack)
    }

    public var count: Int { list.count }
    public var isEmpty: Bool { list.count == 0 }

    /// What OBJECT ENCODING answers.
    public var encoding: String { isListpack ? "listpack" : "skiplist" }

    // MARK: Reading

    public func score(of member: Bytes) -> Double? {
        scores[member]
    }

    /// The 0-based rank of `member` in ascending order, or nil when absent.
    public func rank(of member: Bytes) -> Int? {
        guard let score = scores[member], let rank = list.rank(score: score, member: member) else { return nil }
        return rank - 1
    }

    /// The member and score at a skiplist node.
    public func element(_ node: SkipList.Node) -> ScoredMember {
        ScoredMember(member: list.member(node), score: list.score(node))
    }

    // MARK: Writing

    /// Inserts a member that is not in the set yet. A listpack converts to a skiplist when the
    /// new element breaks a limit (Redis checks before inserting).
    public mutating func insert(_ member: Bytes, score: Double, limits: Limits) {
        if isListpack && !limits.allow(count: count + 1, length: member.count) {
            leaveListpack()
        }
        let stored = storable(score)
        // Redis's skiplist path looks the member up, then adds it: two rehash steps.
        if !isListpack { sizes.dict.add(countBefore: count, steps: 2) }
        sizes.memberSdsBytes += CollectionSizes.sds(member)
        if isListpack { sizes.listpackEntryBytes += ListpackSize.string(member) + SortedSetSize.scoreEntryBytes(stored) }
        scores.insertNew(member, stored)
        list.insert(score: stored, member: member)
    }

    /// Switches to the skiplist encoding: Redis builds the dict from empty, adding the
    /// elements one by one.
    private mutating func leaveListpack() {
        guard isListpack else { return }
        isListpack = false
        sizes.dict = DictShape.built(adding: count)
    }

    /// Records a score change of a member at table position `p` in both structures.
    private mutating func changeScore(at p: Int, member: Bytes, from oldScore: Double, to stored: Double) {
        if isListpack {
            sizes.listpackEntryBytes += SortedSetSize.scoreEntryBytes(stored) - SortedSetSize.scoreEntryBytes(oldScore)
        }
        scores.withValue(at: p) { $0 = stored }
        list.updateScore(member: member, from: oldScore, to: stored)
    }

    /// Accounts for the removal of `member`, whose score was `score`.
    private mutating func forget(_ member: Bytes, score: Double) {
        sizes.memberSdsBytes -= CollectionSizes.sds(member)
        if isListpack { sizes.listpackEntryBytes -= ListpackSize.string(member) + SortedSetSize.scoreEntryBytes(score) }
    }

    /// The score as this encoding keeps it. A listpack stores a score as text, and an
    /// integral score as an integer, so `-0` comes back as `0` (a skiplist keeps `-0`).
    func storable(_ score: Double) -> Double {
        isListpack && score == 0 ? 0 : score
    }

    /// Changes the score of a member known to be in the set.
    public mutating func update(_ member: Bytes, from oldScore: Double, to newScore: Double) {
        guard let p = scores.position(of: member) else { return }
        if sizes.dict.isRehashing { sizes.dict.step() }
        changeScore(at: p, member: member, from: scores.value(at: p), to: storable(newScore))
    }

    /// Removes `member`; returns false when it was not there.
    @discardableResult
    public mutating func remove(_ member: Bytes) -> Bool {
        guard let score = scores.remove(member) else { return false }
        list.remove(score: score, member: member)
        forget(member, score: score)
        if !isListpack { sizes.dict.remove(countAfter: count) }
        return true
    }

    /// Removes the elements of 0-based ranks `start...end` (already clamped); returns how many.
    @discardableResult
    public mutating func removeRanks(_ start: Int, _ end: Int) -> Int {
        let removed = list.removeRange(ranks: start + 1, end + 1)
        for member in removed {
            if let score = scores.remove(member) { forget(member, score: score) }
        }
        // One delete step per element, then one shrink check at the end, as Redis does.
        if !isListpack {
            sizes.dict.step(removed.count)
            sizes.dict.remove(countAfter: count, steps: 0)
        }
        return removed.count
    }

    /// Presizes the skiplist's dict for `count` elements, as Redis does for a union's result
    /// before adding its elements.
    public mutating func presizeDict(for count: Int) {
        guard !isListpack, self.count == 0 else { return }
        sizes.dict = DictShape.presized(for: count)
    }

    /// Records that Redis would now use the skiplist encoding (SORT does this to its input).
    public mutating func convertToSkiplist() {
        leaveListpack()
    }

    /// After building a new set (ZUNIONSTORE, ZRANGESTORE...), picks the encoding Redis picks
    /// for a result: a listpack when the whole result fits the limits.
    public mutating func chooseEncodingForResult(limits: Limits) {
        guard Int64(count) <= limits.maxEntries else {
            leaveListpack()
            return
        }
        var longest = 0
        for member in scores.keys where member.count > longest { longest = member.count }
        if Int64(longest) <= limits.maxValue {
            isListpack = true
            normalizeZeroScores()
            countListpackEntryBytes()
        } else {
            leaveListpack()
        }
    }

    /// Counts the listpack bytes of every element afresh. Only a listpack needs that total
    /// (a skiplist is measured by its nodes), so it is kept up to date only while the set is
    /// one: formatting each score as text, to size its entry, would cost more than the insert
    /// itself on a large skiplist.
    private mutating func countListpackEntryBytes() {
        var total = 0
        var node = list.first
        while node != SkipList.none {
            total += ListpackSize.string(list.member(node)) + SortedSetSize.scoreEntryBytes(list.score(node))
            node = list.next(node)
        }
        sizes.listpackEntryBytes = total
    }

    /// Turns every `-0` score into `0`, as converting to a listpack does.
    mutating func normalizeZeroScores() {
        var node = list.first
        while node != SkipList.none {
            if list.score(node) == 0 && list.score(node).sign == .minus {
                let member = list.member(node)
                list.replaceScore(member: member, score: -0.0, with: 0)
                if let p = scores.position(of: member) { scores.withValue(at: p) { $0 = 0 } }
            }
            node = list.next(node)
        }
    }

    // MARK: ZADD

    /// The conditions of ZADD (and ZINCRBY, which is ZADD INCR).
    public struct AddOptions: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// Only add new members.
        public static let nx = AddOptions(rawValue: 1)
        /// Only update existing members.
        public static let xx = AddOptions(rawValue: 2)
        /// Only update when the new score is greater.
        public static let gt = AddOptions(rawValue: 4)
        /// Only update when the new score is less.
        public static let lt = AddOptions(rawValue: 8)
        /// Add the score to the current one.
        public static let incr = AddOptions(rawValue: 16)
    }

    /// What one ZADD element did.
    public enum AddOutcome: Equatable {
        case added
        case updated
        /// The member was there with that very score: nothing changed, but it counts as done.
        case unchanged
        /// A condition (NX, XX, GT, LT) said no.
        case skipped
        /// INCR would have produced NaN (`inf + -inf`): nothing changed.
        case notANumber
    }

    /// Adds or updates one element under ZADD's rules; returns what happened and the score the
    /// member has afterwards (what ZADD INCR answers).
    public mutating func add(_ member: Bytes, score: Double, options: AddOptions, limits: Limits) -> (AddOutcome, Double) {
        if let position = scores.position(of: member) {
            let current = scores.value(at: position)
            if sizes.dict.isRehashing { sizes.dict.step() }
            if options.contains(.nx) { return (.skipped, current) }
            var newScore = score
            if options.contains(.incr) {
                newScore += current
                if newScore.isNaN { return (.notANumber, current) }
            }
            if (options.contains(.lt) && newScore >= current) || (options.contains(.gt) && newScore <= current) {
                return (.skipped, current)
            }
            if newScore == current { return (.unchanged, newScore) }
            changeScore(at: position, member: member, from: current, to: storable(newScore))
            return (.updated, newScore)
        }
        if options.contains(.xx) { return (.skipped, score) }
        insert(member, score: score, limits: limits)
        return (.added, score)
    }
}
