/// Deleting an eviction victim whose place in the main table is already known.
extension Database {
    /// Removes the key at `position` of the main table, with its expire entry, keeping used
    /// memory exact: `removeEntry(_:)` without a second lookup of the key.
    func removeEntry(at position: Int) {
        removeEntry(at: position, slot: nil)
    }

    /// `removeEntry(at:)` when the lookup that found the key also gave the index slot holding
    /// it (`KeyTable.findSlot`), so the removal does not look for the slot again. `lazily`:
    /// whether Redis would free the value in the background (see `Engine+LazyFree.swift`).
    func removeEntry(at position: Int, slot: Int?, lazily: Bool = false) {
        let key = table.keys[position]
        let removed = slot.map { table.remove(at: position, slot: $0) } ?? table.remove(at: position)
        let hadExpire = !expires.isEmpty && expires.remove(key) != nil
        accountRemoved(key, removed.value, hadExpire: hadExpire)
        if lazily { engine.noteLazilyFreed(removed.value) }
    }
}
