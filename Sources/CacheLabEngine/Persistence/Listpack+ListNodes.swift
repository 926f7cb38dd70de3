import DequeModule

extension Listpack {
    /// Appends every element of a quicklist node's listpack to the list being loaded, with
    /// the checks of `decode(_:)`, and returns the bytes they take as list entries
    /// (`ListpackSize`, what `ListValue` keeps in `entryBytes`).
    ///
    /// This is the hot loop of loading a long list: one pass over the blob, each entry turned
    /// straight into its `Bytes` (an integer entry into its decimal text) and appended, no
    /// intermediate array of elements, and the entry measured while it is at hand. An integer
    /// entry is measured from its value; a string entry from its length, unless it looks like
    /// a canonical integer (which a listpack writer would have stored as one).
    static func appendListNode(_ blob: [UInt8], to items: inout Deque<Bytes>) throws(DecodeError) -> Int {
        var total = 0
        try decode(blob, reserve: { _ in }) { element in
            switch element {
            case .integer(let v):
                total += ListpackSize.integer(v)
                items.append(Bytes(integer: v))
            case .string(let s):
                total += entrySize(ofString: s)
                items.append(s)
            }
        }
        return total
    }

    /// `ListpackSize.string(s)`, looking at the first byte before trying to read an integer:
    /// only a string that starts with `-` or a digit can be one.
    @inline(__always)
    static func entrySize(ofString s: Bytes) -> Int {
        s.mayBeInteger ? ListpackSize.string(s) : ListpackSize.text(length: s.count)
    }
}
