import CacheLabEngine

extension MemcachedStore {
    /// What the LRU maintainer thread would do after an operation: apply queued COLD→WARM
    /// bumps, then juggle each touched class (`lru_maintainer_juggle`): repeatedly pull the
    /// tails of HOT (or else WARM) and COLD until nothing moves, at most 500 rounds.
    /// HOT's and WARM's age caps are 0.2× and 2.0× the age of COLD's tail item; their size
    /// caps are 20% and 40% of the class's bytes.
    public func runMaintainer() {
        for key in pendingBumps {
            guard var item = items[key], item.segment == .cold, item.active else { continue }
            item.active = false
            items[key] = item
            move(key, to: .warm)
            classCounters[item.slabClass - 1].movesToWarm += 1
        }
        pendingBumps.removeAll()
        for classID in touchedClasses.sorted() { juggle(classID: classID) }
        touchedClasses.removeAll()
    }

    func juggle(classID: Int) {
        // Read through `lrus[...]` rather than a local copy: a copy alive while the loop below
        // relinks items would make every relink copy the class's whole LRU.
        let coldAge = lrus[classID - 1].tail(.cold).flatMap { items[$0] }.map { now - $0.time } ?? 0
        let hotAge = Int64(Double(coldAge) * hotMaxFactor)
        let warmAge = Int64(Double(coldAge) * warmMaxFactor)
        let total = lrus[classID - 1].totalBytes
        counters.lruMaintainerJuggles += 1
        for _ in 0..<500 {
            var moved = 0
            if pullTail(classID: classID, segment: .hot, totalBytes: total, maxAge: hotAge, evict: false) > 0
                || pullTail(classID: classID, segment: .warm, totalBytes: total, maxAge: warmAge, evict: false) > 0 {
                moved += 1
            }
            moved += pullTail(classID: classID, segment: .cold, totalBytes: total, maxAge: 0, evict: false)
            if moved == 0 { break }
        }
    }

    /// `lru_pull_tail`: looks at up to 5 items from a segment's tail. Expired or flushed
    /// items are reclaimed and the walk goes on; the first live item decides:
    /// - HOT/WARM: an ACTIVE item loses the flag and goes to WARM's head (from WARM:
    ///   `moves_within_lru`, and the walk goes on); an inactive one moves to COLD when the
    ///   segment is over its byte share or older than `maxAge`; otherwise nothing moves.
    /// - COLD: with `evict`, the item is evicted; without, an ACTIVE one moves to WARM.
    /// Returns how many items were removed or moved.
    @discardableResult
    func pullTail(classID: Int, segment: LRUSegment, totalBytes: Int, maxAge: Int64, evict: Bool) -> Int {
        let index = classID - 1
        var removed = 0
        var candidate = lrus[index].tail(segment)
        var tries = 5
        while tries > 0, let key = candidate, let item = items[key] {
            tries -= 1
            candidate = lrus[index].newer(than: key, in: segment)
            if (item.expiresAt != 0 && item.expiresAt < now) || isFlushed(item) {
                classCounters[index].reclaimed += 1
                if !item.fetched { classCounters[index].expiredUnfetched += 1 }
                unlink(key)
                removed += 1
                continue
            }
            switch segment {
            case .hot, .warm:
                var limit = segment == .hot ? totalBytes * hotPercent / 100 : 0
                if limit == 0 { limit = totalBytes * warmPercent / 100 }
                if item.active {
                    items[key]?.active = false
                    removed += 1
                    if segment == .warm {
                        classCounters[index].movesWithinLRU += 1
                        move(key, to: .warm)
                        continue
                    }
                    classCounters[index].movesToWarm += 1
                    move(key, to: .warm)
                } else if lrus[index].bytes[segment.rawValue] > limit || now - item.time > maxAge {
                    classCounters[index].movesToCold += 1
                    move(key, to: .cold)
                    removed += 1
                }
                return removed
            case .cold:
                if evict {
                    guard evictToFree else { return removed }
                    var stats = classCounters[index]
                    stats.evicted += 1
                    stats.evictedTime = now - item.time
                    if item.expiresAt != 0 { stats.evictedNonzero += 1 }
                    if !item.fetched { stats.evictedUnfetched += 1 }
                    if item.active { stats.evictedActive += 1 }
                    classCounters[index] = stats
                    unlink(key)
                    removed += 1
                } else if item.active {
                    items[key]?.active = false
                    classCounters[index].movesToWarm += 1
                    move(key, to: .warm)
                    removed += 1
                }
                return removed
            }
        }
        return removed
    }
}
