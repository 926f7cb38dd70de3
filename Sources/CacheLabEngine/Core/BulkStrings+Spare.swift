/// Reusing a reply's buffer once its reader has let go of it.
///
/// A range read answers with a fresh `BulkStrings` buffer, and its reader usually drops it as
/// soon as the reply is written out. The next range read then asks the allocator for the same
/// couple of kilobytes again: more than glibc keeps in its per-thread cache (1,032 bytes), so
/// each malloc and free walks the allocator's bins, and a fresh block is often cold in the CPU's
/// caches. Redis sidesteps the question by writing replies into one long-lived output buffer.
///
/// A `Spare` keeps a reference to the last buffer built. When the next reply is built, Swift's
/// reference count tells whether anybody else still holds that buffer: if the spare's
/// reference is the only one left, no reply can see it any more and it is filled again in
/// place; if a reader still holds it (a test keeping replies, a client that has not written
/// it yet), a new buffer is made and the old one is left to its reader. A buffer never
/// changes while anyone but the spare can see it, so a reply stays immutable.
///
/// Only buffers of up to `maximumRoom` bytes are kept, so that one huge reply does not stay
/// allocated for the life of the engine.
extension BulkStrings {
    public struct Spare {
        private var storage: Storage?

        public init() {}

        /// Whether a buffer is kept for the next build.
        var holdsBuffer: Bool { storage != nil }

        /// The largest buffer kept for reuse.
        static var maximumRoom: Int { 64 << 10 }

        /// The kept buffer, reset for `count` strings, when nobody else holds it and it has
        /// `room` bytes; nil otherwise.
        mutating func take(room: Int, count: Int) -> Storage? {
            guard isKnownUniquelyReferenced(&storage), let kept = storage,
                  kept.header.room >= room else { return nil }
            kept.header.count = count
            kept.header.byteCount = 0
            return kept
        }

        /// Keeps `storage` for the next build, unless it is too large to keep.
        mutating func keep(_ storage: Storage) {
            self.storage = storage.header.room <= Self.maximumRoom ? storage : nil
        }
    }
}
