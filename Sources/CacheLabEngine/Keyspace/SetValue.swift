/// A Redis set, in one of the two encodings Redis 7.0 uses.
///
/// - `intset` while every member is a canonical 64-bit integer and there are at most
///   `set-max-intset-entries` members: a sorted array of integers (see `IntSet`).
/// - `hashtable` otherwise: the same hash table as the keyspace (`KeyTable`), with no values.
///
/// A set starts as an intset and converts for good the first time a member breaks the rule;
/// it never converts back by itself (removing the offending member keeps the hash table). Only
/// the commands that build a brand-new set from an empty one (SINTERSTORE, SUNIONSTORE,
/// SDIFFSTORE) may end up with an intset again.
///
/// Members are addressed by *position* (`0..<count`): positions follow the encoding's order,
/// ascending numbers for an intset and the table's dense order for a hash table. Picking a
/// random member (SPOP, SRANDMEMBER) is one random position.
///
/// Copy on write, by hand: the encodings live in one heap object (`Storage`), and every
/// mutation goes through `mutableStorage()`, which copies that object first when another
/// `SetValue` shares it. A set is therefore one pointer wide, and `Value.set` holds it
/// directly: an `indirect` case would allocate a new box on every write (one per SADD).
public struct SetValue {
    private var storage = Storage()

    /// The members while the set is an intset.
    public private(set) var intset: IntSet {
        _read { yield storage.intset }
        _modify { let s = mutableStorage(); yield &s.intset }
    }
    /// The members once the set is a hash table (the values are empty).
    public private(set) var table: KeyTable<Void> {
        _read { yield storage.table }
        _modify { let s = mutableStorage(); yield &s.table }
    }
    /// True while the set is encoded as an intset.
    public private(set) var isIntset: Bool {
        _read { yield storage.isIntset }
        _modify { let s = mutableStorage(); yield &s.isIntset }
    }
    /// Hashtable: the allocated bytes of the members' sds strings (see `CollectionSizes`).
    public private(set) var memberSdsBytes: Int {
        _read { yield storage.memberSdsBytes }
        _modify { let s = mutableStorage(); yield &s.memberSdsBytes }
    }
    /// Hashtable: the dict's bucket arrays as Redis would have grown and rehashed them.
    public private(set) var dict: DictShape {
        _read { yield storage.dict }
        _modify { let s = mutableStorage(); yield &s.dict }
    }

    /// The heap object behind a set, changed only through a uniquely owned reference.
    private final class Storage {
        @exclusivity(unchecked) var intset = IntSet()
        @exclusivity(unchecked) var table = KeyTable<Void>()
        @exclusivity(unchecked) var isIntset = true
        @exclusivity(unchecked) var memberSdsBytes = 0
        @exclusivity(unchecked) var dict = DictShape()

        init() {}

        init(copying other: Storage) {
            intset = other.intset
            table = other.table
            isIntset = other.isIntset
            memberSdsBytes = other.memberSdsBytes
            dict = other.dict
        }
    }

    /// The storage, copied first when another set shares it.
    private mutating func mutableStorage() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(copying: storage) }
        return storage
    }

    /// Redis caps `set-max-intset-entries` here, whatever the configuration says.
    static let intsetHardLimit: Int64 = 1 << 30

    /// An empty set, encoded as an intset until a member says otherwise.
    public init() {}

    /// A set holding `members`, encoded as Redis would encode a set built by adding them one
    /// by one to an empty set.
    public init<S: Sequence>(_ members: S, maxIntsetEntries: Int64) where S.Element == Bytes {
        for member in members { insert(member, maxIntsetEntries: maxIntsetEntries) }
    }

    public var count: Int { isIntset ? intset.count : table.count }
    public var isEmpty: Bool { count == 0 }

    /// What OBJECT ENCODING answers.
    public var encoding: String { isIntset ? "intset" : "hashtable" }

    // MARK: Membership

    public func contains(_ member: Bytes) -> Bool {
        if isIntset {
            guard let value = member.int64Value else { return false }
            return intset.contains(value)
        }
        return table.position(of: member) != nil
    }

    /// Adds `member`; returns false when it was already there. Converts to a hash table when
    /// the member is not an integer or the intset grows past `maxIntsetEntries`.
    @discardableResult
    public mutating func insert(_ member: Bytes, maxIntsetEntries: Int64) -> Bool {
        if isIntset {
            if let value = member.int64Value {
                guard intset.insert(value) else { return false }
                if Int64(intset.count) > Swift.min(maxIntsetEntries, Self.intsetHardLimit) {
                    convertToTable()
                }
                return true
            }
            convertToTable()
        }
        // Redis's dictAddRaw makes its rehash step and its growth check before it finds the
        // member there or not: adding a member already in a full dict starts the dict's growth
        // (MEMORY USAGE then counts both bucket arrays) though nothing is added.
        dict.add(countBefore: table.count, steps: 1)
        guard table.position(of: member) == nil else { return false }
        table.insertNew(member, ())
        memberSdsBytes += CollectionSizes.sds(member)
        return true
    }

    /// Removes `member`; returns false when it was not there.
    @discardableResult
    public mutating func remove(_ member: Bytes) -> Bool {
        if isIntset {
            guard let value = member.int64Value else { return false }
            return intset.remove(value)
        }
        guard table.remove(member) != nil else {
            if dict.isRehashing { dict.step() }
            return false
        }
        memberSdsBytes -= CollectionSizes.sds(member)
        dict.remove(countAfter: table.count)
        return true
    }

    /// Moves every member into a hash table, in ascending order, as Redis does.
    mutating func convertToTable() {
        guard isIntset else { return }
        var newTable = KeyTable<Void>()
        newTable.reserveCapacity(intset.count + 1)
        var sds = 0
        for value in intset.values {
            let member = Bytes(integer: value)
            newTable.insertNew(member, ())
            sds += CollectionSizes.sds(member)
        }
        // Redis presizes the dict for the members it moves.
        dict = DictShape.presized(for: intset.count)
        memberSdsBytes = sds
        table = newTable
        intset = IntSet()
        isIntset = false
    }

    // MARK: Positions and iteration

    /// The member at `position` (`0..<count`), in the encoding's order.
    public func member(at position: Int) -> Bytes {
        isIntset ? Bytes(integer: intset.values[position]) : table.key(at: position)
    }

    /// Removes the member at `position`. In a hash table the last member moves into its place.
    public mutating func remove(at position: Int) {
        if isIntset {
            intset.remove(intset.values[position])
        } else {
            memberSdsBytes -= CollectionSizes.sds(table.key(at: position))
            table.remove(at: position)
            dict.remove(countAfter: table.count)
        }
    }

    /// Every member, in the encoding's order (ascending for an intset).
    public var members: [Bytes] {
        var result: [Bytes] = []
        result.reserveCapacity(count)
        if isIntset {
            for value in intset.values { result.append(Bytes(integer: value)) }
        } else {
            result.append(contentsOf: table.keys)
        }
        return result
    }

    /// A uniformly random position, drawn from `random`. The set must not be empty.
    public func randomPosition(_ random: inout RandomSource) -> Int {
        random.below(count)
    }
}
