import Testing
@testable import CacheLabEngine

/// Redis's shared objects for the integers 0...9999 carry one set of access bits for every
/// key holding them (see `SharedIntegers.swift`); each expectation was checked against
/// redis-server 7.0.15.
@Suite struct SharedIntegerTests {
    @Test func aNewKeyHoldingASmallIntegerIsAsIdleAsItsSharedObject() {
        let h = StringHarness()
        h.engine.clock.advance(byMilliseconds: 10_000)
        h.run("SET fresh 7")
        h.run("SET text seven")
        #expect(h.run("OBJECT IDLETIME fresh") == .integer(10), "idle since the engine started")
        #expect(h.run("OBJECT IDLETIME text") == .integer(0))
        #expect(h.run("OBJECT REFCOUNT fresh") == .integer(2_147_483_647))
    }

    @Test func readingAnyKeyHoldingTheIntegerStampsThemAll() {
        let h = StringHarness()
        h.run("SET a 42")
        h.run("SET b 42")
        h.run("SET c 43")
        h.engine.clock.advance(byMilliseconds: 5_000)
        h.run("GET a")
        #expect(h.run("OBJECT IDLETIME b") == .integer(0))
        #expect(h.run("OBJECT IDLETIME c") == .integer(5), "another integer, another object")
        h.run("GETSET c 0")
        #expect(h.run("OBJECT IDLETIME c") == .integer(5), "0 was never read either")
    }

    @Test func integersOutsideTheSharedRangeOrNotCanonicalHaveBitsOfTheirOwn() {
        let h = StringHarness()
        h.engine.clock.advance(byMilliseconds: 3_000)
        for value in ["10000", "-1", "007", "12a"] {
            h.run("SET k \(value)")
            #expect(h.run("OBJECT IDLETIME k") == .integer(0), "\(value)")
        }
        h.run("SET k 5")
        h.run("APPEND k 1")
        #expect(h.run("OBJECT IDLETIME k") == .integer(0), "edited in place: raw, its own object")
    }

    @Test func withAnLRUPolicyAndMaxmemoryEveryKeyHasItsOwnBits() {
        let h = StringHarness()
        h.engine.clock.advance(byMilliseconds: 4_000)
        h.run("CONFIG SET maxmemory 100mb")
        h.run("CONFIG SET maxmemory-policy allkeys-lru")
        h.run("SET k 5")
        #expect(h.run("OBJECT IDLETIME k") == .integer(0))
        #expect(h.run("OBJECT REFCOUNT k") == .integer(1))
        // A random policy shares integers again (Redis would keep the private object it
        // made meanwhile; CacheLab judges by the configuration of the moment).
        h.run("CONFIG SET maxmemory-policy allkeys-random")
        h.run("SET j 6")
        #expect(h.run("OBJECT IDLETIME j") == .integer(4))
    }

    /// Under LFU without maxmemory, integers are still shared, and their bits were stamped as
    /// an LRU clock reading at start-up: read as a counter they have long decayed to 0.
    @Test func underLFUWithoutMaxmemoryTheSharedBitsDecideTheFrequency() {
        let h = StringHarness()
        h.engine.clock.advance(byMilliseconds: 90 * 24 * 3_600_000)
        h.run("CONFIG SET maxmemory-policy allkeys-lfu")
        h.run("SET k2 5")
        h.run("SET s text")
        #expect(h.run("OBJECT FREQ s") == .integer(5))
        #expect(h.run("OBJECT FREQ k2") == .integer(0))
        h.run("GET k2")
        #expect(h.run("OBJECT FREQ k2") == .integer(1))
        h.run("SET k3 5")
        #expect(h.run("OBJECT FREQ k3") == .integer(1), "k3 holds the same object")
        // Overwriting under LFU hands the old value's bits (read once more) to the new value,
        // shared or not.
        h.run("SET k3 hello")
        #expect(h.run("OBJECT FREQ k3") == .integer(2))
        h.run("SET k3 7")
        #expect(h.run("OBJECT FREQ k3") == .integer(3))
    }
}

/// What SAVE writes beside each key: IDLE read from a shared integer's bits, FREQ decayed by
/// the minutes since its last decrement (Redis's `rdbSaveKeyValuePair` calls
/// `estimateObjectIdleTime` and `LFUDecrAndReturn` on the stored object).
@Suite struct SavedAccessBitsTests {
    /// The bytes of a dump of `h`'s keyspace.
    static func dump(_ h: StringHarness) -> [UInt8] {
        RDBWriter.serialize(h.engine.snapshotKeyspace())
    }

    /// Whether `bytes` holds `opcode`, a one-byte operand, then string key `key`.
    static func contains(_ bytes: [UInt8], opcode: UInt8, operand: UInt8, key: String) -> Bool {
        let pattern = [opcode, operand, 0x00, UInt8(key.utf8.count)] + Array(key.utf8)
        return bytes.indices.contains { i in bytes[i...].starts(with: pattern) }
    }

    @Test func idleOfASharedIntegerIsItsObjectsIdleTime() {
        let h = StringHarness()
        h.run("CONFIG SET maxmemory-policy allkeys-lru")
        h.engine.clock.advance(byMilliseconds: 10_000)
        h.run("SET shared 5")
        h.run("SET own five")
        let bytes = Self.dump(h)
        #expect(Self.contains(bytes, opcode: 0xF8, operand: 10, key: "shared"))
        #expect(Self.contains(bytes, opcode: 0xF8, operand: 0, key: "own"))
    }

    @Test func freqIsSavedDecayed() {
        let h = StringHarness()
        h.run("CONFIG SET maxmemory 100mb")
        h.run("CONFIG SET maxmemory-policy allkeys-lfu")
        h.run("SET k v")
        h.engine.clock.advance(byMilliseconds: 3 * 60_000)
        h.run("PING")  // a command fixes the time the dump is judged at, as SAVE would
        #expect(Self.contains(Self.dump(h), opcode: 0xF9, operand: 2, key: "k"), "5 less one a minute")
    }

    /// Loading a dump whose key holding a shared integer carries an IDLE sets the shared
    /// object's bits, as Redis's load does (on redis-server 7.0.15, a key holding 5 read back
    /// the same idle time after DEBUG RELOAD).
    @Test func aLoadedIdleTimeLandsOnTheSharedObject() throws {
        let dir = ScratchDirectory.make()
        let saving = StringHarness(config: try Self.lruConfig(dir))
        saving.run("SET k 5")
        saving.engine.clock.advance(byMilliseconds: 100_000)
        #expect(saving.run("OBJECT IDLETIME k") == .integer(100))
        #expect(saving.run("SAVE") == .ok)
        // A new engine started at the same moment, loading 300 s later: its own shared 5 is
        // 300 s old, the file says 100.
        let loading = StringHarness(config: try Self.lruConfig(dir))
        loading.engine.clock.advance(byMilliseconds: 300_000)
        _ = try loading.engine.persistence.loadAtStartup()
        #expect(loading.run("OBJECT IDLETIME k") == .integer(100))
    }

    static func lruConfig(_ dir: String) throws -> Config {
        let config = Config()
        try config.setAtStartup("dir", dir)
        try config.setAtStartup("save", "")
        try config.setAtStartup("maxmemory-policy", "allkeys-lru")
        return config
    }
}
