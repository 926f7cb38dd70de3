/*
 The active expire cycle: how keys with a TTL disappear when nobody looks at them.

 Redis removes an expired key in two ways. Lazily: every lookup checks the key's expire time and
 deletes it on the spot if it has passed (see Database.livePosition). That alone would leak
 memory: a key written once with a TTL and never read again would stay forever. So Redis also
 collects expired keys *actively*, a little at a time, from its periodic timer (`serverCron`,
 `hz` times per second, 10 by default). That is this cycle: Redis's `activeExpireCycle` in its
 slow mode.

 The cycle cannot afford to look at every key with a TTL (there may be millions), so it samples:

     for each database, starting where the previous run stopped:
         repeat:
             sample up to 20 keys from the database's expires table   (KEYS_PER_LOOP)
             delete the sampled keys whose time has passed
         while more than 10% of the sample was expired               (ACCEPTABLE_STALE)
         and the run is still within its time budget

 The reasoning is statistical. If few sampled keys were expired, few keys in the whole table
 are, and stopping leaves little garbage behind. If many were, there is probably a lot more
 to collect, so it samples again right away. The result is that at most about 10% of the keys
 with a TTL are expired-but-still-there at any moment, without ever scanning everything.

 Budget. A run may use 25% of the time between two runs: 25 ms at hz 10. The elapsed time is
 checked every 16 sampling loops (reading a clock is not free); when the budget is spent the
 run stops, counts a "time limit exit" (INFO's expired_time_cap_reached_count), and the next run
 visits every database instead of the usual 16 per run, because there is clearly work to do.
 The database to start from is remembered between runs, so a run that stops early does not
 starve the later databases.

 Effort. `active-expire-effort` (1 to 10, default 1) scales all of this: with effort e, each
 loop samples 20 + 5*(e-1) keys, the stale threshold drops to 10-(e-1) percent, and the budget
 grows to 25+2*(e-1) percent.

 Differences from Redis 7.0. Redis walks the buckets of its expires hash table with a cursor
 (older versions picked random keys); CacheLab's tables are dense arrays, so a uniformly random
 key is one random position, drawn from the engine's seeded generator: the same seed collects
 the same keys in the same order. All times come from the engine clock, so under a manual clock
 a test decides exactly when keys go, and the budget only runs out if the clock is moved while
 the cycle works. Redis's "fast" cycle (run before sleeping when the slow one hit its limit)
 has no equivalent: there is no event loop to sleep in.

 Besides deleting, each run maintains two estimates INFO reports: the running percentage of
 sampled keys found stale (expired_stale_perc) and, per database, the average TTL of the keys
 sampled alive (avg_ttl in the keyspace section).
 */

/// The state the active expire cycle keeps between runs (Redis keeps it in static variables).
public final class ActiveExpireCycle {
    /// Engine-clock milliseconds of the last run, or nil before the first.
    public internal(set) var lastRun: Int64?
    /// The database the next run starts with.
    public internal(set) var nextDatabase = 0
    /// Whether the last run stopped because it spent its time budget.
    public internal(set) var hitTimeLimit = false
    /// Running estimate (0...1) of the share of keys with a TTL that are expired but not yet
    /// collected: INFO's `expired_stale_perc` (as a percentage there).
    public internal(set) var stalePercentage: Double = 0
    /// Average TTL in milliseconds of the keys sampled alive, per database (INFO keyspace's
    /// `avg_ttl`); 0 when unknown.
    public private(set) var averageTTL: [Int64] = []

    /// Keys sampled per loop at effort 1.
    public static let keysPerLoop: Int64 = 20
    /// Percentage of stale keys in a sample above which the loop samples again, at effort 1.
    public static let acceptableStalePercent: Int64 = 10
    /// Percentage of the time between runs one run may use, at effort 1.
    public static let timeBudgetPercent: Int64 = 25
    /// Databases visited per run, unless the previous run hit its time limit.
    public static let databasesPerRun = 16

    public init() {}

    /// The average TTL estimate of database `id`.
    public func averageTTL(of id: Int) -> Int64 {
        id < averageTTL.count ? averageTTL[id] : 0
    }

    func setAverageTTL(_ value: Int64, of id: Int) {
        if id >= averageTTL.count { averageTTL += Array(repeating: 0, count: id + 1 - averageTTL.count) }
        averageTTL[id] = value
    }

    /// FLUSHDB: the estimate restarts.
    func forgetAverageTTL(of id: Int) {
        if id < averageTTL.count { averageTTL[id] = 0 }
    }

    /// SWAPDB: the estimate travels with the contents.
    func swapAverageTTL(_ a: Int, _ b: Int) {
        let ta = averageTTL(of: a)
        let tb = averageTTL(of: b)
        setAverageTTL(tb, of: a)
        setAverageTTL(ta, of: b)
    }
}

extension Engine {
    /// The cron task: runs one slow cycle when 1000/hz ms of engine time have passed since the
    /// last one.
    func runActiveExpireCycleIfDue() {
        let now = commandTime  // cron() has just read the clock
        let period = Int64(1000 / max(1, min(500, config.hz)))
        if let last = expireCycle.lastRun, now >= last, now - last < period { return }
        expireCycle.lastRun = now
        activeExpireCycle()
    }

    /// One slow active expire cycle, now. See the comment at the top of this file.
    public func activeExpireCycle() {
        // A CLIENT PAUSE keeps the dataset still: nothing expires until it ends.
        if clientPause != nil && isPaused { return }
        let state = expireCycle
        let effort = max(1, min(10, config.activeExpireEffort)) - 1
        let keysPerLoop = ActiveExpireCycle.keysPerLoop + ActiveExpireCycle.keysPerLoop / 4 * effort
        let budgetPercent = ActiveExpireCycle.timeBudgetPercent + 2 * effort
        let acceptableStale = ActiveExpireCycle.acceptableStalePercent - effort
        let hz = Int64(max(1, min(500, config.hz)))
        let timeLimit = max(1, budgetPercent * 1_000_000 / hz / 100)  // microseconds
        let start = clock.nowMicroseconds

        let databaseCount = databases.count
        guard databaseCount > 0 else { return }
        var databasesThisRun = ActiveExpireCycle.databasesPerRun
        if databasesThisRun > databaseCount || state.hitTimeLimit { databasesThisRun = databaseCount }
        state.hitTimeLimit = false

        var iteration = 0
        var totalSampled: Int64 = 0
        var totalExpired: Int64 = 0
        var visited = 0
        while visited < databasesThisRun && !state.hitTimeLimit {
            let db = databases[state.nextDatabase % databaseCount]
            state.nextDatabase = (state.nextDatabase + 1) % databaseCount
            visited += 1
            while true {
                iteration += 1
                guard !db.expires.isEmpty else {
                    state.forgetAverageTTL(of: db.id)
                    break
                }
                let sample = sampleAndExpire(db, keys: keysPerLoop)
                totalSampled += sample.sampled
                totalExpired += sample.expired
                if iteration & 0xF == 0 && clock.nowMicroseconds - start > timeLimit {
                    state.hitTimeLimit = true
                    stats.expireCycleTimeLimitExits += 1
                    break
                }
                if sample.sampled > 0 && sample.expired * 100 / sample.sampled <= acceptableStale { break }
            }
        }
        let current = totalSampled > 0 ? Double(totalExpired) / Double(totalSampled) : 0
        state.stalePercentage = current * 0.05 + state.stalePercentage * 0.95
    }

    /// One sampling loop over `db`: draws up to `keys` random keys with a TTL and deletes the
    /// expired ones. Returns how many were sampled and how many expired.
    private func sampleAndExpire(_ db: Database, keys: Int64) -> (sampled: Int64, expired: Int64) {
        let now = clock.nowMilliseconds
        commandTime = now
        let wanted = min(Int64(db.expires.count), keys)
        var sampled: Int64 = 0
        var expired: Int64 = 0
        var ttlSum: Int64 = 0
        var ttlSamples: Int64 = 0
        while sampled < wanted && !db.expires.isEmpty {
            let position = random.below(db.expires.count)
            let key = db.expires.key(at: position)
            let ttl = db.expires.value(at: position) - now
            sampled += 1
            if ttl <= 0 {
                db.expireNow(key)
                expired += 1
            } else {
                ttlSum &+= ttl  // wraps on far-future TTLs, as the C sum does
                ttlSamples += 1
            }
        }
        stats.expireCycleKeysSampled += sampled
        if ttlSamples > 0 {
            // A running average weighting the new sample 2%, as Redis does.
            let average = ttlSum / ttlSamples
            var estimate = expireCycle.averageTTL(of: db.id)
            if estimate == 0 { estimate = average }
            expireCycle.setAverageTTL(estimate / 50 * 49 + average / 50, of: db.id)
        }
        return (sampled, expired)
    }
}
