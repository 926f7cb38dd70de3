import DequeModule

/// SORT and SORT_RO: sort a list, set or sorted set, or fetch values through it.
///
///     SORT key [BY pattern] [LIMIT offset count] [GET pattern ...] [ASC|DESC] [ALPHA] [STORE dest]
///
/// The elements are sorted as numbers (each must parse as a double, or the command fails with
/// `One or more scores can't be converted into double`), or as strings with ALPHA. Equal
/// numbers are ordered by their bytes, so the result is deterministic.
///
/// Patterns turn an element into another key by replacing the first `*` with the element:
/// `BY weight_*` sorts element `3` by the value of key `weight_3`; `weight_*->w` reads field
/// `w` of the hash `weight_3` instead. A BY pattern without `*` (say `BY nosort`) skips sorting
/// and keeps the key's own order (a set's order is not stable, so with STORE a set is sorted
/// alphabetically anyway). `GET pattern` replaces each element in the answer by the value its
/// pattern names (nil when missing), `GET #` by the element itself; several GETs give several
/// values per element. STORE saves the answer as a list and returns its length; SORT_RO is
/// SORT without STORE, so it is safe on replicas.
///
/// Like Redis, SORT converts a small sorted set (listpack) to the skiplist encoding first.
extension SortCommands {
    static func sort(_ c: CommandContext) throws(Reply) -> Reply { try sortGeneric(c, readOnly: false) }
    static func sortReadOnly(_ c: CommandContext) throws(Reply) -> Reply { try sortGeneric(c, readOnly: true) }

    /// The parsed options.
    struct Options {
        var descending = false
        var alpha = false
        var limitStart: Int64 = 0
        var limitCount: Int64 = -1
        var store: Bytes?
        var by: Bytes?
        var dontSort = false
        var gets: [Bytes] = []
    }

    static func parseOptions(_ c: CommandContext, readOnly: Bool) throws(Reply) -> Options {
        var o = Options()
        var j = 2
        while j < c.argc {
            let left = c.argc - j - 1
            let word = c[j]
            if word.equalsIgnoringCase("asc") {
                o.descending = false
            } else if word.equalsIgnoringCase("desc") {
                o.descending = true
            } else if word.equalsIgnoringCase("alpha") {
                o.alpha = true
            } else if word.equalsIgnoringCase("limit") && left >= 2 {
                o.limitStart = try c.integer(at: j + 1)
                o.limitCount = try c.integer(at: j + 2)
                j += 2
            } else if !readOnly && word.equalsIgnoringCase("store") && left >= 1 {
                o.store = c[j + 1]
                j += 1
            } else if word.equalsIgnoringCase("by") && left >= 1 {
                o.by = c[j + 1]
                // Once a BY pattern without `*` was seen, nothing is sorted (as in Redis).
                if SortPattern.starIndex(c[j + 1]) == nil { o.dontSort = true }
                j += 1
            } else if word.equalsIgnoringCase("get") && left >= 1 {
                o.gets.append(c[j + 1])
                j += 1
            } else {
                throw RedisError.syntax
            }
            j += 1
        }
        return o
    }

    /// The key's elements and its kind, as SORT loads them.
    enum Source {
        case list(ListValue)
        case set(SetValue)
        case zset(SortedSetValue)
    }

    private static func sortGeneric(_ c: CommandContext, readOnly: Bool) throws(Reply) -> Reply {
        var o = try parseOptions(c, readOnly: readOnly)
        let key = c[1]
        var source: Source?
        switch c.db.lookupRead(key) {
        case nil: source = nil
        case .list(let list)?: source = .list(list)
        case .set(let set)?: source = .set(set)
        case .zset?: source = .zset(convertToSkiplist(c.db, key))
        default: throw RedisError.wrongType
        }
        // A set has no stable order: sorting it by nothing into a stored list would make the
        // stored result arbitrary, so Redis sorts it alphabetically instead.
        if o.dontSort, case .set? = source, o.store != nil {
            o.dontSort = false
            o.alpha = true
            o.by = nil
        }
        let length: Int64
        switch source {
        case nil: length = 0
        case .list(let l)?: length = Int64(l.items.count)
        case .set(let s)?: length = Int64(s.count)
        case .zset(let z)?: length = Int64(z.count)
        }
        var start = o.limitStart < 0 ? 0 : o.limitStart
        var end = o.limitCount < 0 ? length - 1 : start.addingReportingOverflow(o.limitCount - 1).partialValue
        if start >= length {
            start = length - 1
            end = length - 2
        }
        if end >= length { end = length - 1 }
        var elements = load(source, options: o, start: &start, end: &end, length: length)
        if !o.dontSort {
            // Redis reads a list's integer elements as integers; set and sorted-set members
            // always as text.
            var isList = false
            if case .list? = source { isList = true }
            let (sorted, failed) = sortElements(c, elements, listElements: isList, options: o, start: Int(start), end: Int(end))
            if failed { return Reply.error("ERR One or more scores can't be converted into double") }
            elements = sorted
        }
        return output(c, elements, options: o, start: Int(start), end: Int(end))
    }

    /// Converts a listpack sorted set to the skiplist encoding in place (no WATCH signal, as
    /// in Redis) and returns it.
    private static func convertToSkiplist(_ db: Database, _ key: Bytes) -> SortedSetValue {
        guard let p = db.livePosition(of: key) else { return SortedSetValue() }
        return db.table.withValue(at: p) { entry -> SortedSetValue in
            guard case .zset(var zset) = entry.value else { return SortedSetValue() }
            if zset.isListpack {
                entry.value = .string(StringValue(Bytes()))
                zset.convertToSkiplist()
                entry.value = .zset(zset)
            }
            return zset
        }
    }

    /// The elements to sort. With nothing to sort, a list or sorted set is read directly in
    /// the asked direction and only for the LIMIT range (and `start`/`end` become relative).
    private static func load(_ source: Source?, options o: Options, start: inout Int64, end: inout Int64, length: Int64) -> [Bytes] {
        switch source {
        case nil:
            return []
        case .list(let list)?:
            let items = list.items
            if o.dontSort {
                guard end >= start else { return [] }
                var result: [Bytes] = []
                result.reserveCapacity(Int(end - start + 1))
                if o.descending {
                    var i = Int(length - start - 1)
                    while result.count < Int(end - start + 1) && i >= 0 { result.append(items[i]); i -= 1 }
                } else {
                    var i = Int(start)
                    while result.count < Int(end - start + 1) && i < items.count { result.append(items[i]); i += 1 }
                }
                end -= start
                start = 0
                return result
            }
            return Array(items)
        case .set(let set)?:
            return set.members
        case .zset(let zset)?:
            if o.dontSort {
                let n = (start != 0 || end != length - 1) ? end - start + 1 : length
                var result: [Bytes] = []
                if n > 0 {
                    result.reserveCapacity(Int(n))
                    let list = zset.list
                    var node = o.descending ? list.node(atRank: Int(length - start)) : list.node(atRank: Int(start + 1))
                    for _ in 0..<n {
                        result.append(list.member(node))
                        node = o.descending ? list.previous(node) : list.next(node)
                    }
                }
                end -= start
                start = 0
                return result
            }
            // Redis reads a sorted set's members from its hash table, in table order.
            return zset.scores.keys
        }
    }

    /// Sorts the elements; `failed` when a numeric sort met a value that is not a number, or
    /// when C's `errno` said ERANGE after parsing one (possibly left over from an earlier
    /// command: see Engine+StaleRangeError). Only positions `start...end` need be in order.
    private static func sortElements(_ c: CommandContext, _ elements: [Bytes], listElements: Bool,
                                     options o: Options, start: Int, end: Int) -> ([Bytes], failed: Bool) {
        var failed = false
        var numbers = [Double](repeating: 0, count: elements.count)
        var keys = [Bytes?](repeating: nil, count: elements.count)
        for (i, element) in elements.enumerated() {
            let byValue: Bytes
            let isInteger: Bool
            let elementIsInteger = listElements && element.int64Value != nil
            if let by = o.by {
                guard let found = SortPattern.lookupStored(c.db, pattern: by, element: element,
                                                           elementIsInteger: elementIsInteger) else { continue }
                (byValue, isInteger) = found
            } else {
                (byValue, isInteger) = (element, elementIsInteger)
            }
            if o.alpha {
                if o.by != nil { keys[i] = byValue }
            } else if isInteger, let integer = byValue.int64Value {
                numbers[i] = Double(integer)
            } else {
                let (value, used, outOfRange, length) = SortedSetArguments.strtod(byValue)
                c.engine.noteUnclearedFloatParse(outOfRange: outOfRange)
                numbers[i] = value
                if used != length || c.engine.staleRangeError || value.isNaN { failed = true }
            }
        }
        let storing = o.store != nil
        func compare(_ a: Int, _ b: Int) -> Int {
            var result: Int
            if !o.alpha {
                if numbers[a] > numbers[b] { result = 1 }
                else if numbers[a] < numbers[b] { result = -1 }
                else { result = Bytes.compare(elements[a], elements[b]) }
            } else if o.by != nil {
                switch (keys[a], keys[b]) {
                case (nil, nil): result = 0
                case (nil, _): result = -1
                case (_, nil): result = 1
                case (let x?, let y?): result = storing ? Bytes.compare(x, y) : SortPattern.collate(x, y)
                }
            } else {
                result = storing ? Bytes.compare(elements[a], elements[b]) : SortPattern.collate(elements[a], elements[b])
            }
            return o.descending ? -result : result
        }
        // With a BY pattern and a LIMIT that leaves some out, Redis sorts only as far as the
        // wanted range needs, with its partial quicksort, whose swaps decide the order of
        // ties (ALPHA by equal or missing values): the same algorithm gives the same order.
        var order = Array(elements.indices)
        if o.by != nil && (start != 0 || end != elements.count - 1) {
            PartialQuickSort.sort(&order, low: start, high: end, by: compare)
            return (order.map { elements[$0] }, failed)
        }
        // Otherwise a stable sort, like the merge sort glibc's qsort uses: equal elements keep
        // their order.
        order.sort { a, b in
            let r = compare(a, b)
            return r != 0 ? r < 0 : a < b
        }
        return (order.map { elements[$0] }, failed)
    }

    /// Sends or stores `elements[start...end]`, through the GET patterns when there are some.
    private static func output(_ c: CommandContext, _ elements: [Bytes], options o: Options, start: Int, end: Int) -> Reply {
        let perElement = o.gets.isEmpty ? 1 : o.gets.count
        let count = end >= start ? (end - start + 1) * perElement : 0
        if let destination = o.store {
            var items = Deque<Bytes>()
            if end >= start {
                for element in elements[start...end] {
                    if o.gets.isEmpty {
                        items.append(element)
                    } else {
                        for pattern in o.gets { items.append(SortPattern.lookup(c.db, pattern: pattern, element: element) ?? Bytes()) }
                    }
                }
            }
            if count > 0 {
                // One change per element stored.
                let before = c.engine.dirty
                c.db.set(destination, .list(ListValue(items)))
                c.engine.countChanges(count, since: before)
            } else {
                c.db.delete(destination)
            }
            return .integer(count)
        }
        var replies: [Reply] = []
        replies.reserveCapacity(count)
        if end >= start {
            for element in elements[start...end] {
                if o.gets.isEmpty {
                    replies.append(.bulk(element))
                } else {
                    for pattern in o.gets { replies.append(.bulkOrNull(SortPattern.lookup(c.db, pattern: pattern, element: element))) }
                }
            }
        }
        return .array(replies)
    }
}
