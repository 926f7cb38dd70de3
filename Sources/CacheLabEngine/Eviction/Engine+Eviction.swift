/// Evicting keys while used memory is over `maxmemory` (Redis's `performEvictions`).
///
/// Before every command, when a limit is set, the engine compares used memory with the limit.
/// If it is over, it frees `used - maxmemory` bytes, one victim at a time:
///
///     tofree = used - maxmemory; freed = 0
///     while freed < tofree:
///         victim = pick one (pool policies: populate the pool from every database, then take
///                  the best slot whose key still exists; random policies: a random key of
///                  the next non-empty database, round robin)
///         no victim?  -> fail: nothing can be evicted
///         freed += used memory before delete - used memory after delete
///         every 16 victims: stop if the time limit (maxmemory-eviction-tenacity) is spent;
///                           the next command continues the work and is not refused
///
/// So one command that adds a key usually costs one eviction of a key of the same size, and a
/// command that adds a big value evicts as many keys as needed. When it fails (noeviction, or
/// a volatile-* policy and no key has a TTL), commands flagged `denyoom` are refused with the
/// OOM error — and inside MULTI, every command but EXEC, DISCARD, QUIT and RESET is, since
/// queueing itself takes memory. Commands that only read or delete still run.
extension Engine {
    /// How a run of `performEvictions` ended.
    public enum EvictionResult: Sendable, Equatable {
        /// Memory is under the limit (or there is none).
        case ok
        /// Stopped at the time limit with memory still over; not a failure.
        case running
        /// Nothing left to evict and memory still over the limit.
        case failed
    }

    /// The time limit of one eviction run in microseconds, from maxmemory-eviction-tenacity:
    /// 0...10 → 50 µs per step (500 µs by default), 11...99 → 500 µs × 1.15^(t-10), 100 → none.
    public var evictionTimeLimitMicroseconds: Int64? {
        let tenacity = config.maxmemoryEvictionTenacity
        if tenacity <= 10 { return 50 * max(0, tenacity) }
        if tenacity < 100 {
            var limit = 500.0
            for _ in 0..<(tenacity - 10) { limit *= 1.15 }
            return Int64(limit)
        }
        return nil
    }

    /// Evicts keys until used memory is under maxmemory, as Redis does before each command.
    /// Also times how long memory stays over the limit, for INFO's
    /// `total_eviction_exceeded_time` and `current_eviction_exceeded_time`: a run that fails or
    /// stops at its time limit starts the clock (if it is not running already), and a run that
    /// ends under the limit stops it and adds the period to the total.
    @discardableResult
    public func performEvictions() -> EvictionResult {
        // A CLIENT PAUSE keeps the dataset still: nothing is evicted, and nothing refused.
        if clientPause != nil && isPaused { return .ok }
        let result = evictUntilUnderLimit()
        if result == .ok {
            if let since = stats.evictionExceededSince {
                stats.evictionExceededMicroseconds += max(0, clock.nowMicroseconds - since)
                stats.evictionExceededSince = nil
            }
        } else if stats.evictionExceededSince == nil {
            stats.evictionExceededSince = clock.nowMicroseconds
        }
        return result
    }

    /// Redis's eviction time event: a run that stopped at its time limit leaves memory over
    /// maxmemory, and Redis keeps evicting in the background, one time-limited run per turn
    /// of its event loop, until memory is under the limit or nothing is left to evict (a
    /// new maxmemory starts it too). Between two commands typed by a person the loop turns
    /// thousands of times, so the work is done by the next command; CacheLab's cron
    /// finishes it before that command.
    func finishEvictionIfCutShort() {
        guard eviction.isContinuing else { return }
        while performEvictions() == .running {}
    }

    /// Has the cron evict until memory is under the limit (Redis's `startEvictionTimeProc`).
    func startEvictionInBackground() {
        eviction.isContinuing = true
    }

    /// The eviction loop of `performEvictions`.
    @inline(__always)
    private func evictUntilUnderLimit() -> EvictionResult {
        let limit = Int(config.maxmemory)
        guard limit > 0 else { return .ok }
        let used = usedMemory
        guard used > limit else {
            eviction.isContinuing = false
            return .ok
        }
        let policy = evictionPolicy
        guard policy != .noEviction else { return .failed }
        let toFree = used - limit
        let timeLimit = evictionTimeLimitMicroseconds
        // The clock starts after the first victim, and only when a second one is needed: a
        // write at the limit usually frees enough with one eviction, and reading the clock
        // would cost as much as a tenth of that eviction. The first victim's microsecond
        // hardly matters against a limit of hundreds.
        var started: Int64?
        var freed = 0
        var victims = 0
        while freed < toFree {
            guard let bytes = evictOne(policy: policy, usedBefore: used, limit: limit) else {
                eviction.isContinuing = false
                return .failed
            }
            freed += bytes
            victims += 1
            if started == nil && freed < toFree { started = clock.nowMicroseconds }
            if victims % 16 == 0, let timeLimit, let started, clock.nowMicroseconds - started > timeLimit {
                eviction.isContinuing = true
                return .running
            }
        }
        eviction.isContinuing = false
        return .ok
    }

    /// Picks and deletes one victim; returns the bytes freed, or nil when there is none.
    func evictOne(policy: EvictionPolicy, usedBefore: Int, limit: Int) -> Int? {
        var samples: [EvictionReport.Sample]? = eviction.emitsEvents ? [] : nil
        let poolBefore = eviction.emitsEvents ? eviction.pool.slots : []
        let choice = policy.isRandom ? randomVictim(policy: policy) : pooledVictim(policy: policy, recording: &samples)
        guard let (database, key, score, position) = choice else { return nil }
        // Deleting a key changes only the dataset's share of used memory, so the bytes freed
        // are read from the ledger: the whole of `usedMemory` would be summed twice more.
        let before = memory.datasetAndOverhead
        let lazily = config.lazyfree.eviction
        withDatabase(database) { db in
            if let position {
                db.removeEntry(at: position.position, slot: position.slot, lazily: lazily)
            } else {
                let removed = db.removeEntry(key)
                if let removed, lazily { noteLazilyFreed(removed) }
            }
            db.signalWatchersOnly(key)
        }
        stats.evictedKeys += 1
        let freed = before - memory.datasetAndOverhead
        if eviction.emitsEvents {
            emit(.keyEvicted(EvictionReport(
                policy: policy, samples: samples ?? [], poolBefore: poolBefore,
                poolAfter: eviction.pool.slots, database: database, victim: key, victimScore: score,
                bytesFreed: freed, usedMemoryBefore: usedBefore, maxmemory: limit)))
        }
        return freed
    }

    /// Where a victim is in its main table, when known: its dense position and, when the
    /// lookup gave it, the index slot holding it (so the deletion does not look again).
    typealias VictimPlace = (position: Int, slot: Int?)

    /// The best pooled candidate that still exists, repopulating the pool from every database
    /// (with candidates) until one is found; nil when no database has candidates. With it, its
    /// place in the main table when the existence check found it there.
    func pooledVictim(policy: EvictionPolicy,
                      recording samples: inout [EvictionReport.Sample]?) -> (Int, Bytes, UInt64, VictimPlace?)? {
        while true {
            var candidates = 0
            for index in databases.indices {
                candidates += withDatabase(index) { db in
                    let count = policy.considersAllKeys ? db.table.count : db.expires.count
                    if count > 0 { populatePool(from: db, policy: policy, recording: &samples) }
                    return count
                }
            }
            if candidates == 0 { return nil }
            while let slot = eviction.pool.popBest() {
                let lookup: (exists: Bool, place: VictimPlace?) = withDatabase(slot.database) { db in
                    if policy.considersAllKeys {
                        guard let p = db.table.findSlot(slot.key) else { return (false, nil) }
                        return (true, (p.position, p.slot))
                    }
                    return (db.expires.position(of: slot.key) != nil, nil)
                }
                if lookup.exists { return (slot.database, slot.key, slot.score, lookup.place) }
                // A ghost: the key went away after it was pooled. Try the next one.
            }
        }
    }

    /// A uniformly random key of the next database (round robin) that has candidates.
    func randomVictim(policy: EvictionPolicy) -> (Int, Bytes, UInt64, VictimPlace?)? {
        let n = databases.count
        for _ in 0..<n {
            eviction.nextDatabase = (eviction.nextDatabase + 1) % n
            let db = databases[eviction.nextDatabase]
            if policy.considersAllKeys {
                if db.table.count > 0 {
                    let p = random.below(db.table.count)
                    return (db.id, db.table.key(at: p), 0, (p, nil))
                }
            } else if db.expires.count > 0 {
                return (db.id, db.expires.key(at: random.below(db.expires.count)), 0, nil)
            }
        }
        return nil
    }
}
