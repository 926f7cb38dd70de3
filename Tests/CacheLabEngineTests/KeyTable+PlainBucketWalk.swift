@testable import CacheLabEngine

/// The walk over one of Redis's buckets written the plain way, as the definition the
/// eviction sampler's faster `RedisBucketWalk` is checked against (`EvictionBucketWalkTests`).
extension KeyTable {
    /// Visits the positions of the keys in Redis bucket `bucket` of `buckets` (see
    /// `redisBucket(ofHash:buckets:)`), by one walk over neighbouring slots: from the first
    /// home slot of the bucket on, until every home slot of the bucket is passed and an empty
    /// slot ends the probe run. Eviction sampling walks Redis's buckets this way
    /// (with `RedisBucketWalk`, which must visit the same positions in the same order).
    func forEachPosition(inRedisBucket bucket: Int, of buckets: Int, _ visit: (Int) -> Void) {
        let slots = index.count
        guard slots > 0 else { return }
        let mask = slots - 1
        let homes = max(1, slots / buckets)
        let low = slots >= buckets ? bucket * homes : bucket / (buckets / slots)
        var slot = low
        var passed = 0
        while true {
            let e = index[slot]
            if e == Self.emptySlot {
                if passed >= homes { return }
            } else if Self.isLive(e) {
                let hash = UInt32(truncatingIfNeeded: e >> 32)
                let home = Int(hash) & mask
                if home >= low && home < low + homes && (homes > 1 || redisBucket(ofHash: hash, buckets: buckets) == bucket) {
                    visit(Self.position(in: e))
                }
            }
            passed += 1
            if passed >= slots { return }
            slot = (slot + 1) & mask
        }
    }
}
