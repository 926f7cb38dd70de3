/// In-place access to sorted sets stored in a database, for the sorted-set commands (see
/// `Database+Collections.swift` for the rules).
extension Database {
    func modifySortedSet<R>(_ key: Bytes, create: Bool = false, _ body: (inout SortedSetValue) -> R) throws(Reply) -> R? {
        try modifyCollection(key, create: create, body)
    }

    func readSortedSet(_ key: Bytes) throws(Reply) -> SortedSetValue? { try readCollection(key) }
    func readSortedSetForWrite(_ key: Bytes) throws(Reply) -> SortedSetValue? { try readCollectionForWrite(key) }
    func storeSortedSet(_ key: Bytes, _ zset: SortedSetValue) { storeCollection(key, zset) }
}
