/// PERSIST key: removes the key's expire time. Answers 1 when it had one, 0 when it had none
/// or does not exist.
extension ExpiryCommands {
    static func persist(_ c: CommandContext) -> Reply {
        let db = c.db
        let key = c[1]
        guard db.lookupWrite(key) != nil else { return .zero }
        return db.persist(key) ? .one : .zero
    }
}
