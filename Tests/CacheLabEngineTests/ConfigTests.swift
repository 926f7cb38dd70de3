import Testing
@testable import CacheLabEngine

@Suite struct ConfigTests {
    @Test func tableListsRedisParametersOnce() {
        let names = ConfigParameter.all.flatMap { [$0.name] + $0.aliases }
        #expect(Set(names).count == names.count)
        // Redis 7.0.15's CONFIG GET * lists 192 names (aliases included); CacheLab adds hidden knobs.
        let visible = ConfigParameter.all.filter { !$0.isHidden }.flatMap { [$0.name] + $0.aliases }
        #expect(visible.count == 192)
        #expect(names.allSatisfy { $0 == $0.lowercased() })
    }

    @Test func everyDefaultIsAcceptedByItsOwnValidator() throws {
        for parameter in ConfigParameter.all {
            let value = Bytes(parameter.defaultValue)
            let normalized = try parameter.normalize(value, current: value)
            #expect(normalized == value, "\(parameter.name): default \(parameter.defaultValue) reads back as \(normalized)")
        }
    }

    @Test func typedPropertiesStartAtTheTableDefaults() {
        let config = Config()
        #expect(config.hashMaxListpackEntries == 512)
        #expect(config.zsetMaxListpackEntries == 128)
        #expect(config.setMaxIntsetEntries == 512)
        #expect(config.hz == 10)
        #expect(config.databases == 16)
        #expect(config.maxmemoryPolicy == "noeviction")
        #expect(config.lruClockResolutionMilliseconds == 1000)
        #expect(config.requirePassword == nil)
        #expect(config.latencyPercentiles == [50, 99, 99.9])
    }

    @Test func aliasesResolveToTheirParameter() throws {
        for (alias, name) in [("hash-max-ziplist-entries", "hash-max-listpack-entries"), ("slaveof", "replicaof"),
                              ("lua-time-limit", "busy-reply-threshold"), ("SLAVE-PRIORITY", "replica-priority"),
                              ("list-max-ziplist-size", "list-max-listpack-size")] {
            let entry = try #require(Config.entry(named: Bytes(alias)))
            #expect(entry.parameter.name == name)
            #expect(entry.spelling == alias.lowercased())
        }
        let config = Config()
        try config.set([(name: "zset-max-ziplist-entries", value: "99")])
        #expect(config.zsetMaxListpackEntries == 99)
        #expect(config.value(of: "zset-max-listpack-entries") == "99")
    }

    static let memoryCases: [(String, UInt64)] = [
        ("0", 0), ("", 0), ("k", 0), ("12", 12), ("1b", 1), ("1B", 1), ("1k", 1000), ("1K", 1000),
        ("1kb", 1024), ("1Kb", 1024), ("2m", 2_000_000), ("2mb", 2 * 1024 * 1024), ("3g", 3_000_000_000),
        ("3GB", 3 * 1024 * 1024 * 1024), ("007", 7), ("99999999999999999999", UInt64.max),
    ]

    @Test(arguments: memoryCases)
    func memoryUnits(_ text: String, _ expected: UInt64) {
        #expect(ConfigSyntax.memory(Bytes(text)) == expected)
    }

    @Test(arguments: ["-1", "+1", " 1", "1 ", "1.5k", "1kbb", "0x10", "1e3", "abc", "1 kb"])
    func memoryRejects(_ text: String) {
        #expect(ConfigSyntax.memory(Bytes(text)) == nil)
    }

    @Test func setIsAllOrNothing() throws {
        let config = Config()
        #expect(throws: Config.SetError.self) {
            try config.set([(name: "hz", value: "20"), (name: "maxmemory", value: "abc")])
        }
        #expect(config.hz == 10)
        #expect(config.value(of: "hz") == "10")
        try config.set([(name: "hz", value: "20"), (name: "maxmemory", value: "1mb"), (name: "maxmemory-policy", value: "ALLKEYS-LFU")])
        #expect(config.hz == 20)
        #expect(config.maxmemory == 1024 * 1024)
        #expect(config.maxmemoryPolicy == "allkeys-lfu")
        #expect(config.value(of: "maxmemory-policy") == "allkeys-lfu")
    }

    @Test func errorsNameTheParameterAsRedisDoes() {
        let config = Config()
        func error(_ pairs: [(String, String)]) -> String? {
            do {
                try config.set(pairs.map { (name: Bytes($0.0), value: Bytes($0.1)) })
                return nil
            } catch {
                return error.reply.errorMessage
            }
        }
        #expect(error([("foo", "bar")]) == "ERR Unknown option or number of arguments for CONFIG SET - 'foo'")
        #expect(error([("HZ", "x")]) == "ERR CONFIG SET failed (possibly related to argument 'hz') - argument couldn't be parsed into an integer")
        #expect(error([("hz", "1"), ("HZ", "2")]) == "ERR CONFIG SET failed (possibly related to argument 'HZ') - duplicate parameter")
        #expect(error([("Daemonize", "no")]) == "ERR CONFIG SET failed (possibly related to argument 'Daemonize') - can't set immutable config")
        #expect(error([("dir", "/")]) == "ERR CONFIG SET failed (possibly related to argument 'dir') - can't set protected config")
        #expect(error([("daemonize", "no"), ("foo", "bar")])?.contains("immutable") == true)
        #expect(error([("hash-max-ziplist-value", "-1")]) == "ERR CONFIG SET failed (possibly related to argument 'hash-max-ziplist-value') - argument must be a memory value")
        #expect(error([("hash-max-ziplist-entries", "1"), ("hash-max-listpack-entries", "2")]) == nil)
        #expect(config.hashMaxListpackEntries == 2)
    }

    @Test func startupMaySetImmutableParameters() throws {
        let config = Config()
        try config.setAtStartup("databases", "4")
        #expect(config.databases == 4)
        #expect(config.value(of: "databases") == "4")
        #expect(throws: Config.SetError.self) { try config.setAtStartup("databases", "0") }
        let engine = Engine(clock: .manual(), config: config)
        #expect(engine.databases.count == 4)
    }

    @Test func hzIsKeptWithinRedisLimits() throws {
        let config = Config()
        try config.set([(name: "hz", value: "1000")])
        #expect(config.hz == 500)
        try config.set([(name: "hz", value: "0")])
        #expect(config.hz == 1)
        #expect(config.value(of: "hz") == "1")
    }

    @Test func cacheLabKnobIsHiddenFromPatterns() throws {
        let config = Config()
        #expect(config.get(patterns: ["cachelab*"]).isEmpty)
        #expect(config.get(patterns: ["*"]).count == 192)
        let exact = config.get(patterns: ["cachelab-lru-clock-resolution-ms"])
        #expect(exact.map(\.value) == ["1000"])
        try config.set([(name: "cachelab-lru-clock-resolution-ms", value: "10")])
        #expect(config.lruClockResolutionMilliseconds == 10)
        #expect(throws: Config.SetError.self) { try config.set([(name: "cachelab-lru-clock-resolution-ms", value: "0")]) }
    }

    @Test func getDeduplicatesAndKeepsSpelling() {
        let config = Config()
        #expect(config.get(patterns: ["HZ", "hz", "h?"]).map(\.name) == ["HZ"])
        #expect(config.get(patterns: ["h?", "HZ"]).map(\.name) == ["hz"])
        #expect(Set(config.get(patterns: ["hash-max-*-entries"]).map(\.name.string))
            == ["hash-max-listpack-entries", "hash-max-ziplist-entries"])
        #expect(config.get(patterns: ["nosuch", "hz\\"]).isEmpty)
    }

    @Test func specialValuesAreNormalizedLikeRedis() throws {
        let config = Config()
        try config.set([(name: "notify-keyspace-events", value: "KEA")])
        #expect(config.value(of: "notify-keyspace-events") == "AKE")
        try config.set([(name: "notify-keyspace-events", value: "KEA$lshzxetmdn")])
        #expect(config.value(of: "notify-keyspace-events") == "AKEm")
        try config.set([(name: "client-output-buffer-limit", value: "replica 1mb 2kb 3")])
        #expect(config.value(of: "client-output-buffer-limit") == "normal 0 0 0 slave 1048576 2048 3 pubsub 33554432 8388608 60")
        try config.set([(name: "save", value: "+60 010")])
        #expect(config.value(of: "save") == "60 10")
        try config.set([(name: "latency-tracking-info-percentiles", value: "1.23456789 1e1 50")])
        #expect(config.value(of: "latency-tracking-info-percentiles") == "1.234568 10 50")
        #expect(config.latencyPercentiles == [1.234568, 10, 50])
        try config.set([(name: "shutdown-on-sigterm", value: "now NOSAVE")])
        #expect(config.value(of: "shutdown-on-sigterm") == "nosave now")
        try config.set([(name: "maxmemory-clients", value: "99999999999999999999")])
        #expect(config.value(of: "maxmemory-clients") == "1%")
        try config.set([(name: "requirepass", value: "secret")])
        #expect(config.requirePassword == "secret")
    }
}

@Suite struct ConfigDerivedTests {
    @Test func typedReadingsFollowTheText() throws {
        let config = Config()
        #expect(config.savePoints.map { [$0.seconds, $0.changes] } == [[3600, 1], [300, 100], [60, 10000]])
        #expect(!config.appendOnly)
        #expect(config.appendFsync == "everysec")
        #expect(config.snapshotFilename == "dump.rdb")
        try config.set([(name: "save", value: ""), (name: "appendonly", value: "YES"), (name: "appendfsync", value: "ALWAYS")])
        #expect(config.savePoints.isEmpty)
        #expect(config.appendOnly)
        #expect(config.appendFsync == "always")
        try config.set([(name: "notify-keyspace-events", value: "Ex")])
        #expect(config.keyspaceEvents == "xE")
    }
}
