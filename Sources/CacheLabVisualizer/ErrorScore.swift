/// How far an eviction outcome is from exact LRU, in percent (CacheLab's own formula, in the
/// spirit of Redis's `utils/lru/test-lru.rb`, which weights each wrong decision by its distance
/// from the boundary).
///
/// Rank every key by its last access, oldest first (rank 0). Exact LRU, having evicted E keys,
/// evicted exactly ranks 0..<E: the boundary is between rank E-1 and rank E. A wrong decision
/// costs its distance from the boundary:
///
///     a key kept    at rank r <  E (it should have gone):  E - r
///     a key evicted at rank r >= E (it should have stayed): r - E + 1
///
///     error % = 100 × Σ cost / worst
///
/// where `worst` is the cost of the worst possible choice of E victims: keeping the E oldest
/// and evicting the E most recent keys. So 0% is exact LRU, 100% is "evict the most recently
/// used", and an algorithm that keeps a key just older than the boundary pays little, one that
/// evicts a key it just read pays a lot.
public enum ErrorScore {
    /// The score of `evicted` (indexed by rank, oldest first).
    public static func percent(evicted: [Bool]) -> Double {
        let n = evicted.count
        let e = evicted.reduce(0) { $0 + ($1 ? 1 : 0) }
        guard e > 0, e < n else { return 0 }
        var cost = 0
        for (rank, gone) in evicted.enumerated() {
            if rank < e && !gone { cost += e - rank }
            if rank >= e && gone { cost += rank - e + 1 }
        }
        return 100 * Double(cost) / Double(worst(keys: n, evicted: e))
    }

    /// The cost of keeping ranks 0..<e and evicting the e newest of n keys.
    static func worst(keys n: Int, evicted e: Int) -> Int {
        let kept = e * (e + 1) / 2                      // Σ (e - r) for r in 0..<e (capped by overlap below)
        var evictedCost = 0
        for rank in max(e, n - e)..<n { evictedCost += rank - e + 1 }
        // When e > n/2 the newest e overlap the oldest e: those ranks cost nothing kept.
        var overlapRefund = 0
        if n - e < e { for rank in (n - e)..<e { overlapRefund += e - rank } }
        return max(1, kept - overlapRefund + evictedCost)
    }
}
