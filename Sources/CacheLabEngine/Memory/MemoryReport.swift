/// The figures of MEMORY STATS and INFO memory, computed the way Redis's
/// `getMemoryOverheadData` does: per-database dictionary overhead counts each key's
/// dictEntry (24), robj (16) and bucket pointer (8); the dataset is what remains.
public struct MemoryReport: Sendable {
    public struct DatabaseOverhead: Sendable {
        public var id: Int
        public var mainOverhead: Int
        public var expiresOverhead: Int
    }

    public var used: Int
    public var peak: Int
    public var startup: Int
    /// Redis's functions engine caches in an empty server.
    public var functions = 200
    public var clients: Int
    public var databases: [DatabaseOverhead] = []
    public var overhead: Int
    public var keys = 0
    public var rss: Int

    public init(engine: Engine) {
        used = engine.usedMemory
        peak = max(engine.usedMemoryPeak, used)
        startup = MemoryLedger.startupBytes
        // The functions engine's caches are part of the calibrated client figure.
        clients = max(0, engine.reportedClientMemory - functions)
        var overhead = startup + clients + functions
        for db in engine.databases where db.count > 0 {
            let share = engine.memory.share(of: db.id)
            let main = db.count * (RedisObjectSizes.dictEntry + RedisObjectSizes.robj)
                + share.mainBuckets * RedisObjectSizes.bucket
            let expires = db.volatileCount * RedisObjectSizes.dictEntry + share.expireBuckets * RedisObjectSizes.bucket
            databases.append(DatabaseOverhead(id: db.id, mainOverhead: main, expiresOverhead: expires))
            overhead += main + expires
            keys += db.count
        }
        self.overhead = overhead
        rss = engine.residentSetSize ?? used
    }

    public var dataset: Int { max(0, used - overhead) }
    public var bytesPerKey: Int { keys == 0 ? 0 : (used - startup) / keys }
    public var datasetPercentage: Double {
        used > startup ? Double(dataset) * 100 / Double(used - startup) : 0
    }
    public var peakPercentage: Double { peak > 0 ? Double(used) * 100 / Double(peak) : 0 }
    public var fragmentation: Double { used > 0 ? Double(rss) / Double(used) : 0 }
}
