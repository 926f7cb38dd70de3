/// The compact encoding of a small set of integers: Redis's `intset`.
///
/// When every member of a set is a canonical 64-bit integer (`"42"`, `"-7"`, never `"007"` or
/// `"+1"`) and there are at most `set-max-intset-entries` of them (512 by default), Redis keeps
/// the set as one sorted array of integers instead of a hash table:
///
///     SADD s 30 10 20      intset: [10, 20, 30]      (OBJECT ENCODING s -> "intset")
///
/// Membership is a binary search, O(log n); adding or removing shifts the tail of the array,
/// O(n), which is cheap because n is small and the array is contiguous. The array costs 8 bytes
/// per member against dozens for a hash table entry. (Redis goes further and stores 2-, 4- or
/// 8-byte integers depending on the largest member; CacheLab always uses 8.)
///
/// Because the array is sorted, SMEMBERS on an intset answers in ascending numeric order, and
/// SSCAN returns everything in one call with cursor 0: both are visible in Redis too.
public struct IntSet: Sendable {
    /// The members, sorted ascending, without duplicates.
    public private(set) var values: [Int64] = []

    public init() {}

    public var count: Int { values.count }

    /// Where `value` is, or where it would be inserted to keep the array sorted.
    @inlinable func search(_ value: Int64) -> (found: Bool, index: Int) {
        var low = 0
        var high = values.count
        while low < high {
            let mid = (low + high) >> 1
            let v = values[mid]
            if v == value { return (true, mid) }
            if v < value { low = mid + 1 } else { high = mid }
        }
        return (false, low)
    }

    public func contains(_ value: Int64) -> Bool {
        search(value).found
    }

    /// Inserts `value`; returns false when it was already there.
    @discardableResult
    public mutating func insert(_ value: Int64) -> Bool {
        // Appending the new largest member, the common case when ids grow, needs no search.
        if let last = values.last, value > last {
            values.append(value)
            return true
        }
        let (found, index) = search(value)
        if found { return false }
        values.insert(value, at: index)
        return true
    }

    /// Removes `value`; returns false when it was not there.
    @discardableResult
    public mutating func remove(_ value: Int64) -> Bool {
        let (found, index) = search(value)
        if !found { return false }
        values.remove(at: index)
        return true
    }

    public mutating func reserveCapacity(_ n: Int) {
        values.reserveCapacity(n)
    }
}
