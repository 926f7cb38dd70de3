import Testing
@testable import CacheLabEngine

/// Expiry on a manual clock: keys expire exactly when the clock says, with no sleeping.
@Suite struct ExpiryTests {
    /// The manual clock starts here (Unix ms).
    static let start: Int64 = 1_700_000_000_000

    @Test func keySetWithEXLivesUntilItsLastMillisecond() {
        let h = StringHarness()
        #expect(h.run("SET k v EX 10") == .ok)
        h.engine.clock.advance(byMilliseconds: 9_999)
        #expect(h.run("GET k") == .bulk("v"))
        #expect(h.run("PTTL k") == .integer(1))
        #expect(h.run("TTL k") == .integer(0))
        h.engine.clock.advance(byMilliseconds: 1)
        #expect(h.run("GET k") == .null)
        #expect(h.run("TTL k") == .integer(-2))
        #expect(h.db.count == 0)
        #expect(h.db.volatileCount == 0)
        #expect(h.engine.stats.expiredKeys == 1)
    }

    @Test func relativeForms() {
        let h = StringHarness()
        h.run("SET px v PX 1500")
        h.run("SETEX ex 3 v")
        h.run("PSETEX pex 250 v")
        #expect(h.run("PTTL px") == .integer(1500))
        #expect(h.run("TTL px") == .integer(2))
        #expect(h.run("PEXPIRETIME px") == .integer(Self.start + 1500))
        #expect(h.run("EXPIRETIME px") == .integer((Self.start + 1500 + 500) / 1000))
        #expect(h.run("PTTL ex") == .integer(3000))
        #expect(h.run("PTTL pex") == .integer(250))
        h.engine.clock.advance(byMilliseconds: 1)
        #expect(h.run("TTL px") == .integer(1))
        h.engine.clock.advance(byMilliseconds: 249)
        #expect(h.run("GET pex") == .null)
        #expect(h.run("GET px") == .bulk("v"))
    }

    @Test func absoluteFormsPXATAndEXAT() {
        let h = StringHarness()
        let at = Self.start + 5_500
        h.run("SET a v PXAT \(at)")
        h.run("SET b v EXAT \(at / 1000)")
        #expect(h.run("PEXPIRETIME a") == .integer(at))
        #expect(h.run("PEXPIRETIME b") == .integer(Self.start + 5_000))
        h.engine.clock.advance(byMilliseconds: 4_999)
        #expect(h.run("GET b") == .bulk("v"))
        h.engine.clock.advance(byMilliseconds: 1)
        #expect(h.run("GET b") == .null)
        #expect(h.run("GET a") == .bulk("v"))
        h.engine.clock.advance(byMilliseconds: 500)
        #expect(h.run("GET a") == .null)
        // A past PXAT stores the key, which expires at its next lookup.
        #expect(h.run("SET past v PXAT 1") == .ok)
        #expect(h.db.count == 1)
        #expect(h.run("GET past") == .null)
        #expect(h.db.count == 0)
    }

    @Test func expireTimeOverflowIsMeasuredFromNow() {
        let h = StringHarness()
        let room = Int64.max - Self.start
        #expect(h.run("SET k v PX \(room)") == .ok)
        #expect(h.run("PEXPIRETIME k") == .integer(Int64.max))
        #expect(h.run("SET k v PX \(room + 1)") == .error("ERR invalid expire time in 'set' command"))
        #expect(h.run("GETEX k PX \(room + 1)") == .error("ERR invalid expire time in 'getex' command"))
        #expect(h.run("PEXPIRE k \(room)") == .one)
        #expect(h.run("PEXPIRE k \(room + 1)") == .error("ERR invalid expire time in 'pexpire' command"))
        #expect(h.run("EXPIRETIME k") == .integer(9_223_372_036_854_776))
    }

    @Test func ttlWithoutExpireAndMissingKey() {
        let h = StringHarness()
        h.run("SET k v")
        #expect(h.run("TTL k") == .integer(-1))
        #expect(h.run("PTTL k") == .integer(-1))
        #expect(h.run("EXPIRETIME k") == .integer(-1))
        #expect(h.run("PEXPIRETIME k") == .integer(-1))
        #expect(h.run("TTL nosuch") == .integer(-2))
        #expect(h.run("PTTL nosuch") == .integer(-2))
        #expect(h.run("EXPIRETIME nosuch") == .integer(-2))
        #expect(h.run("PEXPIRETIME nosuch") == .integer(-2))
    }

    @Test func getexSetsAndRemovesTheExpireTime() {
        let h = StringHarness()
        h.run("SET k v EX 100")
        #expect(h.run("GETEX k PERSIST") == .bulk("v"))
        #expect(h.run("TTL k") == .integer(-1))
        #expect(h.db.volatileCount == 0)
        #expect(h.run("GETEX k EX 5") == .bulk("v"))
        #expect(h.run("PTTL k") == .integer(5_000))
        #expect(h.run("GETEX k PXAT \(Self.start + 7)") == .bulk("v"))
        #expect(h.run("PTTL k") == .integer(7))
        #expect(h.run("GETEX k") == .bulk("v"))
        #expect(h.run("PTTL k") == .integer(7))
        // An absolute time that has passed (now included) deletes the key at once.
        #expect(h.run("GETEX k PXAT \(Self.start)") == .bulk("v"))
        #expect(h.db.count == 0)
        #expect(h.engine.stats.expiredKeys == 0)
    }

    @Test func keepTTLAndWhatDropsIt() {
        let h = StringHarness()
        h.run("SET k v EX 100")
        h.run("SET k w KEEPTTL")
        #expect(h.run("PTTL k") == .integer(100_000))
        h.run("SET k x")
        #expect(h.run("TTL k") == .integer(-1))

        // Overwriting commands drop the expire time...
        for command in ["SET k 1", "GETSET k 1", "MSET k 1", "SET k 1 GET"] {
            h.run("EXPIRE k 100")
            h.run(command)
            #expect(h.run("TTL k") == .integer(-1), Comment(rawValue: command))
        }
        // ... while commands that change the value keep it.
        for command in ["INCR k", "DECRBY k 2", "INCRBYFLOAT k 0.5", "APPEND k 1", "SETRANGE k 0 9", "SET k 1 KEEPTTL"] {
            h.run("SET k 1 EX 100")
            h.run(command)
            #expect(h.run("TTL k") == .integer(100), Comment(rawValue: command))
        }
    }

    @Test func expireConditions() {
        let h = StringHarness()
        h.run("SET k v")
        #expect(h.run("EXPIRE k 100 XX") == .zero)
        #expect(h.run("EXPIRE k 100 GT") == .zero)
        #expect(h.run("EXPIRE k 100 LT") == .one)
        #expect(h.run("EXPIRE k 100 NX") == .zero)
        #expect(h.run("EXPIRE k 100 GT") == .zero)
        #expect(h.run("EXPIRE k 101 GT") == .one)
        #expect(h.run("EXPIRE k 101 LT") == .zero)
        #expect(h.run("EXPIRE k 50 LT XX") == .one)
        #expect(h.run("PTTL k") == .integer(50_000))
        #expect(h.run("EXPIRE k 100 NX XX") == .error("ERR NX and XX, GT or LT options at the same time are not compatible"))
        #expect(h.run("EXPIRE k 100 GT LT") == .error("ERR GT and LT options at the same time are not compatible"))
        #expect(h.run("EXPIRE k 100 LT FOO") == .error("ERR Unsupported option FOO"))
        #expect(h.run("EXPIRE k 9223372036854776") == .error("ERR invalid expire time in 'expire' command"))
        #expect(h.run("EXPIREAT k -9223372036854776") == .error("ERR invalid expire time in 'expireat' command"))
    }

    @Test func pastExpireTimeDeletesAtOnce() {
        let h = StringHarness()
        let watcher = h.engine.makeSession()
        for command in ["EXPIRE k 0", "PEXPIRE k -1", "EXPIREAT k 1", "PEXPIREAT k \(Self.start)"] {
            h.run("SET k v")
            h.db.watchers["k"] = [watcher]
            watcher.transactionIsDirty = false
            #expect(h.run(command) == .one, Comment(rawValue: command))
            #expect(h.db.count == 0, Comment(rawValue: command))
            #expect(watcher.transactionIsDirty, Comment(rawValue: command))
        }
        // Deleted by the command, not expired: the expired-keys counter does not move.
        #expect(h.engine.stats.expiredKeys == 0)
        // A key without a TTL fails GT even with a past time, and is kept.
        h.run("SET k v")
        #expect(h.run("EXPIRE k -1 GT") == .zero)
        #expect(h.run("GET k") == .bulk("v"))
        #expect(h.run("PEXPIREAT k \(Self.start + 1)") == .one)
        #expect(h.run("GET k") == .bulk("v"))
    }

    @Test func persist() {
        let h = StringHarness()
        h.run("SET k v EX 10")
        #expect(h.run("PERSIST k") == .one)
        #expect(h.run("PERSIST k") == .zero)
        #expect(h.run("PERSIST nosuch") == .zero)
        h.engine.clock.advance(byMilliseconds: 20_000)
        #expect(h.run("GET k") == .bulk("v"))
    }

    @Test func expiredKeyIsGoneForEveryCommand() {
        let h = StringHarness()
        let commands: [(String, Reply)] = [
            ("GET k", .null), ("STRLEN k", .zero), ("GETRANGE k 0 -1", .bulk(Bytes())),
            ("MGET k", .array([.null])), ("GETDEL k", .null), ("GETEX k", .null),
            ("TTL k", .integer(-2)), ("PERSIST k", .zero), ("EXPIRE k 100", .zero),
            ("SET k w XX", .null), ("SETNX k w", .one), ("INCR k", .one), ("APPEND k abc", .integer(3)),
            ("INCRBYFLOAT k 1.5", .bulk("1.5")), ("SETRANGE k 2 x", .integer(3)), ("GETSET k w", .null),
            ("LCS k k LEN", .zero),
        ]
        for (command, expected) in commands {
            h.run("SET k 12345 PX 10")
            h.engine.clock.advance(byMilliseconds: 10)
            #expect(h.run(command) == expected, Comment(rawValue: command))
            h.db.delete("k")
        }
    }

    @Test func readsThroughTTLDoNotTouchTheAccessBits() {
        let h = StringHarness()
        h.run("SET k v")
        let before = h.db.table[Bytes("k")]!.lru
        h.engine.clock.advance(byMilliseconds: 5_000)
        h.run("TTL k")
        #expect(h.db.table[Bytes("k")]!.lru == before)
        #expect(h.engine.stats.keyspaceHits == 1)
        h.run("GET k")
        #expect(h.db.table[Bytes("k")]!.lru != before)
    }
}
