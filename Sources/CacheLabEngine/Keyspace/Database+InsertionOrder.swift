/// The order keys were added in, which decides where Redis chains them in a bucket.
extension Database {
    /// Stamps the entry at `position`, just added, with the next insertion number. Every path
    /// that adds a key to the main table calls this (through `accountInserted`).
    @inline(__always)
    func stampInsertion(at position: Int) {
        engine.eviction.insertions &+= 1
        let stamp = engine.eviction.insertions
        table.withValue(at: position) { $0.insertion = stamp }
    }

    /// How many insertions ago the entry at `position` was added (modulo 2^16).
    @inline(__always)
    func insertionAge(at position: Int) -> UInt16 {
        engine.eviction.insertions &- table.values[position].insertion
    }
}
