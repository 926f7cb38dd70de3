/// In-place access to sets stored in a database, for the set commands (see
/// `Database+Collections.swift` for the rules).
extension Database {
    func modifySet<R>(_ key: Bytes, create: Bool = false, _ body: (inout SetValue) -> R) throws(Reply) -> R? {
        try modifyCollection(key, create: create, body)
    }

    func readSet(_ key: Bytes) throws(Reply) -> SetValue? { try readCollection(key) }
    func readSetForWrite(_ key: Bytes) throws(Reply) -> SetValue? { try readCollectionForWrite(key) }
    func storeSet(_ key: Bytes, _ set: SetValue) { storeCollection(key, set) }
}
