/// Reading and writing lists through the database, so that every change is seen by WATCH and
/// every lookup follows lazy expiry and the LRU rules.
extension Value {
    /// The list payload, or nil when this value is another type.
    @inline(__always) public var asList: ListValue? {
        if case .list(let list) = self { return list }
        return nil
    }

    /// True when this value is a list.
    @inline(__always) public var isList: Bool {
        if case .list = self { return true }
        return false
    }

    /// A throwaway value parked in a slot while its real payload is mutated outside it, so
    /// that the payload's storage has a single owner and is changed in place, not copied.
    @inline(__always) static var parkedPlaceholder: Value { .string(StringValue(Bytes())) }

    /// Mutates the list in place (no copy of its storage). The value must be a list.
    @inline(__always) mutating func mutateList<R>(_ body: (inout ListValue) -> R) -> R {
        guard case .list(var list) = self else { preconditionFailure("mutateList on a \(typeName)") }
        self = .parkedPlaceholder
        defer { self = .list(list) }
        return body(&list)
    }
}

extension Database {
    /// The list at `key` for a read (hit/miss counted), nil when absent, WRONGTYPE otherwise.
    public func readList(_ key: Bytes) throws(Reply) -> ListValue? {
        try read(key) { $0.asList }
    }

    /// The length of the list at `key`, looked up for a write: nil when absent, WRONGTYPE when
    /// it holds another type. Keeps no reference to the list, so a following in-place change
    /// does not copy it.
    public func listLengthForWrite(_ key: Bytes) throws(Reply) -> Int? {
        guard let value = lookupWrite(key) else { return nil }
        guard case .list(let list) = value else { throw RedisError.wrongType }
        return list.count
    }

    /// Looks `key` up for a write (lazy expiry, LRU touch) and, when it holds a list, changes
    /// it in place with `body`, signals WATCHers and deletes the key if the list ends up empty.
    /// Nil when the key is missing (nothing happens); WRONGTYPE when it holds another type.
    /// One lookup for the check and the change: the hot path of the pushes and pops.
    /// (The same steps as `lookupWrite` followed by `update`.)
    public func modifyListIfPresent<R>(_ key: Bytes, _ body: (inout ListValue) -> R) throws(Reply) -> R? {
        guard let p = livePosition(of: key) else { return nil }
        guard table.values[p].value.isList else { throw RedisError.wrongType }
        touch(at: p)
        var emptied = false
        let result = table.withValue(at: p) { entry in
            entry.value.mutateList { value in
                let r = body(&value)
                emptied = value.isEmpty
                return r
            }
        }
        signalModified(key)
        if emptied { delete(key) }
        return result
    }

    /// Changes the existing list at `key` in place, signals WATCHers, and deletes the key when
    /// the list ends up empty (Redis never keeps an empty list). Check the type first with
    /// `listLengthForWrite`.
    @discardableResult
    public func modifyList<R>(_ key: Bytes, _ body: (inout ListValue) -> R) -> R {
        var emptied = false
        let result = update(key) { value -> R in
            value.mutateList { list in
                let r = body(&list)
                emptied = list.isEmpty
                return r
            }
        }
        if emptied { delete(key) }
        guard let result else { preconditionFailure("modifyList on a missing key") }
        return result
    }

    /// Pushes `elements` one by one onto the list at `key`, at the head (so the last ends up
    /// first) or at the tail, creating the list when `exists` is false. Returns the new length.
    public func pushList(_ key: Bytes, _ elements: ArraySlice<Bytes>, atHead: Bool, exists: Bool) -> Int {
        if exists {
            return modifyList(key) { list in
                for element in elements { list.push(element, atHead: atHead) }
                return list.count
            }
        }
        var list = ListValue()
        for element in elements { list.push(element, atHead: atHead) }
        let length = list.count
        add(key, .list(list))
        return length
    }
}

extension Database {
    /// Calls `body` with the list at `key` (which must exist) without statistics or LRU
    /// touches, to decide whether a change is needed. The list is released before returning,
    /// so a following in-place change does not copy it.
    public func inspectList<R>(_ key: Bytes, _ body: (ListValue) -> R) -> R? {
        guard let p = livePosition(of: key), case .list(let list) = table.values[p].value else { return nil }
        return body(list)
    }
}
