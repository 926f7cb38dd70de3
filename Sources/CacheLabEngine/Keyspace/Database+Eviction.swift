/// Deleting an eviction victim whose place in the main table is already known.
extension Database {
    /// Removes the key at `position` of the main table, with its expire entry, keeping used
    /// memory exact: `removeEntry(_:)` without a second lookup of the key.
    func removeEntry(at position: Int) {
        let key = table.key(at: position)
        let removed = table.remove(at: position)
        let hadExpire = !expires.isEmpty && expires.remove(key) != nil
        accountRemoved(key, removed.value, hadExpire: hadExpire)
    }
}
