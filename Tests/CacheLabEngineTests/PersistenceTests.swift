import Foundation
import Testing
@testable import CacheLabEngine

/// A canonical, comparable picture of an engine's keyspace: db → key → (value, expire).
struct KeyspaceImage: Equatable, CustomStringConvertible {
    var keys: [Int: [Bytes: String]] = [:]

    init(_ engine: Engine) {
        for db in engine.databases where db.count > 0 {
            var picture: [Bytes: String] = [:]
            for (p, key) in db.table.keys.enumerated() {
                picture[key] = Self.describe(db.table.values[p].value) + " ttl=\(db.expires[key].map(String.init) ?? "-")"
            }
            keys[db.id] = picture
        }
    }

    static func describe(_ value: Value) -> String {
        func q(_ b: Bytes) -> String { b.array.map { String($0) }.joined(separator: ".") }
        switch value {
        case .string(let s): return "string:" + q(s.bytes)
        case .list(let l): return "list:" + l.items.map(q).joined(separator: ",")
        case .hash(let h): return "hash:" + RDBValueBridge.hashPairs(h).sorted { $0.0 < $1.0 }.map { q($0.0) + "=" + q($0.1) }.joined(separator: ",")
        case .set(let s): return "set:" + s.members.sorted().map(q).joined(separator: ",")
        case .zset(let z): return "zset:" + RDBValueBridge.sortedSetPairs(z).sorted { $0.member < $1.member }.map { q($0.member) + "=\($0.score)" }.joined(separator: ",")
        case .stream(let s): return "stream:\(s.count)"
        }
    }

    var description: String { "\(keys)" }

    /// The first key whose picture differs from `other`'s, for a failure message.
    func firstDifference(from other: KeyspaceImage) -> String {
        for (db, keys) in self.keys.sorted(by: { $0.key < $1.key }) {
            for (key, value) in keys where other.keys[db]?[key] != value {
                return "db \(db) key \(key.string.debugDescription): \(value.prefix(300)) vs \(other.keys[db]?[key]?.prefix(300) ?? "missing")"
            }
        }
        return "keys missing on this side: \(other.keys.mapValues { $0.count }) vs \(keys.mapValues { $0.count })"
    }
}

/// A sorted set built as ZADD builds it, with the default limits.
func zset(_ scores: [Bytes: Double]) -> Value {
    RDBValueBridge.makeSortedSet(scores.map { ($0.key, $0.value) }, limits: .init())!
}

/// A hash built as HSET builds it, with the default encoding limits.
func makeHash(_ pairs: [(Bytes, Bytes)]) -> Value {
    var hash = HashValue()
    for (f, v) in pairs { hash.set(f, v, limits: HashValue.Limits(Config())) }
    return .hash(hash)
}

/// Fills an engine with every type, several databases and expires, deterministically.
func populate(_ engine: Engine, seed: UInt64 = 1, keysPerDatabase: Int = 40, sizes: [Int] = [1, 3, 10, 200, 700]) {
    var random = RandomSource(seed: seed)
    let future = engine.clock.nowMilliseconds + 3_600_000
    for dbIndex in [0, 3, 15] {
        let db = engine.databases[dbIndex]
        for k in 0..<keysPerDatabase {
            let key = Bytes("key:\(dbIndex):\(k)")
            let size = sizes[random.below(sizes.count)]
            func element(_ i: Int) -> Bytes {
                switch random.below(4) {
                case 0: return Bytes(integer: Int64(random.below(100_000)) - 50_000)
                case 1: return Bytes(String(repeating: "x", count: random.below(90)) + "\(i)")
                case 2: return Bytes([UInt8](repeating: 0, count: 3) + [UInt8(i & 0xFF)])
                default: return Bytes("m\(i)")
                }
            }
            let value: Value
            switch k % 6 {
            case 0: value = .string(element(k))
            case 1: value = .list(ListValue(.init((0..<size).map { element($0) })))
            case 2: value = makeHash((0..<size).map { (Bytes("f\($0)"), element($0)) })
            case 3: value = RDBValueBridge.makeSet(Array(Set((0..<size).map { _ in Bytes(integer: Int64(random.below(1_000_000))) })), limits: .init())!
            case 4: value = RDBValueBridge.makeSet(Array(Set((0..<size).map { element($0) + Bytes("s\($0)") })), limits: .init())!
            default:
                let scores: [Double] = [0, -0.0, 1.5, -3, .infinity, -.infinity, 1e300, 12345678901234]
                value = zset(Dictionary((0..<size).map { (element($0) + Bytes("z\($0)"), scores[random.below(scores.count)]) },
                                                        uniquingKeysWith: { a, _ in a }))
            }
            db.add(key, value)
            if random.below(3) == 0 { db.setExpire(key, at: future + Int64(k)) }
        }
    }
}

@Suite struct PersistenceTests {
    static func hex(_ s: String) -> [UInt8] {
        let digits = s.filter { !$0.isWhitespace }
        var out: [UInt8] = []
        var i = digits.startIndex
        while i < digits.endIndex {
            let j = digits.index(i, offsetBy: 2)
            out.append(UInt8(digits[i..<j], radix: 16)!)
            i = j
        }
        return out
    }

    // MARK: Codecs

    @Test func listpackMatchesRedisBytes() throws {
        var lp = Listpack.Encoder()
        for s in ["f", "v", "n", "7"] { lp.append(Bytes(s)) }
        let blob = lp.finish()
        #expect(blob == Self.hex("12 00 00 00 04 00 81 66 02 81 76 02 81 6e 02 07 01 ff"))
        #expect(try Listpack.decode(blob).map(\.bytes) == ["f", "v", "n", "7"])
    }

    @Test func listpackRoundTripsEveryEncoding() throws {
        let values: [Bytes] = ["0", "127", "128", "-1", "4095", "-4096", "4096", "32767", "-32768", "32768", "8388607",
                               "-8388608", "8388608", "2147483647", "-2147483648", "2147483648", "9223372036854775807",
                               "-9223372036854775808", "01", "+1", "-0", "", Bytes(String(repeating: "a", count: 63)),
                               Bytes(String(repeating: "b", count: 64)), Bytes(String(repeating: "c", count: 4095)),
                               Bytes(String(repeating: "d", count: 4096)), Bytes(String(repeating: "e", count: 20000))]
        var lp = Listpack.Encoder()
        for v in values { lp.append(v) }
        let blob = lp.finish()
        #expect(try Listpack.decode(blob).map(\.bytes) == values)
        var sized = Listpack.Encoder()
        for v in values {
            let before = sized.bytes.count
            sized.append(v)
            #expect(sized.bytes.count - before == Listpack.Encoder.entrySize(of: v), "\(v)")
        }
    }

    @Test func intsetMatchesRedisBytes() throws {
        #expect(IntSetCodec.encode([3, 1, 2]) == Self.hex("02000000 03000000 0100 0200 0300"))
        let wide: [Int64] = [-5, 70000, Int64.max, Int64.min]
        #expect(try IntSetCodec.decode(IntSetCodec.encode(wide)) == wide.sorted())
        #expect(throws: IntSetCodec.DecodeError.self) { try IntSetCodec.decode(Self.hex("02000000 02000000 0200 0100")) }
    }

    // MARK: Files

    @Test func loadsTheTinyReferenceFile() throws {
        let file = Self.hex("52 45 44 49 53 30 30 31 30 fe 00 fb 01 00 00 01 6b 01 76 ff bf c6 84 ba ad 6c a1 03")
        let result = try RDBReader.load(file, file: "tiny.rdb")
        #expect(result.keysLoaded == 1)
        #expect(result.databases[0].table["k"]?.value.stringBytes == "v")
        var bad = file
        bad[bad.count - 1] ^= 1
        #expect(throws: RDBReader.LoadError.self) { try RDBReader.load(bad, file: "tiny.rdb") }
    }

    @Test func writerHeaderIsWhatRedisWrites() {
        let engine = Engine(clock: .manual())
        engine.databases[0].add("str", .string("hello"))
        let file = RDBWriter.serialize(engine.snapshotKeyspace())
        #expect(Array(file.prefix(9)) == Array("REDIS0010".utf8))
        #expect(Array(file[9..<27]) == Self.hex("fa 09") + Array("redis-ver".utf8) + Self.hex("06") + Array("7.0.15".utf8))
        #expect(file.suffix(8) != [UInt8](repeating: 0, count: 8))
        let body = Self.hex("fe 00 fb 01 00 00 03") + Array("str".utf8) + [5] + Array("hello".utf8) + [0xFF]
        #expect(Array(file.dropLast(8).suffix(body.count)) == body)
    }

    /// SAVE records the used memory of the moment in the `used-mem` AUX field, as Redis does
    /// (it logs the figure when it loads the file).
    @Test func saveWritesTheUsedMemory() throws {
        let engine = Engine(clock: .manual(), config: ScratchDirectory.config())
        let session = engine.makeSession()
        for i in 0..<100 { _ = engine.execute(["SET", Bytes("key:\(i)"), "value"], session: session) }
        let used = engine.usedMemory
        #expect(engine.execute(["SAVE"], session: session) == .ok)
        let file = try #require(try RDBFile.read(engine.persistence.settings.dumpPath))
        let aux = try RDBReader.load(file, file: "dump.rdb").auxFields
        #expect(aux.first { $0.name == "used-mem" }?.value == Bytes(integer: Int64(used)))
        #expect(used > 0)
    }

    @Test func everyTypeRoundTripsThroughTheWriterAndReader() throws {
        let engine = Engine(clock: .manual())
        populate(engine)
        let file = RDBWriter.serialize(engine.snapshotKeyspace())
        var options = RDBReader.Options()
        options.now = engine.clock.nowMilliseconds
        let result = try RDBReader.load(file, file: "mem")
        let other = Engine(clock: .manual())
        try other.install(result, merge: false)
        #expect(KeyspaceImage(other) == KeyspaceImage(engine))
        let uncompressed = RDBWriter.serialize(engine.snapshotKeyspace(), options: .init(compression: false, checksum: false))
        #expect(uncompressed.suffix(8) == [UInt8](repeating: 0, count: 8))
        try other.install(try RDBReader.load(uncompressed, file: "mem"), merge: false)
        #expect(KeyspaceImage(other) == KeyspaceImage(engine))
    }

    @Test func expiredKeysAreDroppedOnLoadUnlessKept() throws {
        let engine = Engine(clock: .manual())
        engine.databases[0].add("old", .string("v"))
        engine.databases[0].setExpire("old", at: 1000)
        engine.databases[0].add("new", .string("v"))
        let file = RDBWriter.serialize(engine.snapshotKeyspace())
        var options = RDBReader.Options()
        options.now = engine.clock.nowMilliseconds
        let dropped = try RDBReader.load(file, file: "f", options: options)
        #expect(dropped.keysLoaded == 1 && dropped.expiredKeysSkipped == 1)
        options.keepExpired = true
        #expect(try RDBReader.load(file, file: "f", options: options).keysLoaded == 2)
    }

    @Test func errorsNameTheFileTheOffsetAndTheProblem() {
        func error(_ bytes: [UInt8]) -> RDBReader.LoadError? {
            do { _ = try RDBReader.load(bytes, file: "/tmp/x.rdb"); return nil } catch { return error }
        }
        #expect(error(Array("RADIS0010".utf8))?.reason == "Wrong signature trying to load DB from file")
        #expect(error(Array("REDIS0011".utf8) + [0xFF])?.reason == "Can't handle RDB format version 11")
        let truncated = error(Array("REDIS0010".utf8) + [0x00, 0x01])
        #expect(truncated?.reason == "Unexpected EOF reading RDB file")
        #expect(truncated?.description.hasPrefix("Bad RDB file '/tmp/x.rdb' at offset") == true)
        #expect(error(Array("REDIS0010".utf8) + [0x08])?.reason == "Unknown RDB encoding type 8")
        #expect(error(Array("REDIS0010".utf8) + [0xFE, 16])?.reason.contains("more than 16 databases") == true)
        // A list claiming 2^62 elements: refused, not allocated.
        let absurd = error(Array("REDIS0010".utf8) + [0x01, 0x01, 0x6B, 0x81, 0x40, 0, 0, 0, 0, 0, 0, 0])
        #expect(absurd?.reason.hasPrefix("Length") == true)
        // An LZF string claiming 2 GB of output from 2 bytes.
        let lzf = error(Array("REDIS0010".utf8) + [0x00, 0x01, 0x6B, 0xC3, 0x02, 0x80, 0x7F, 0xFF, 0xFF, 0xFF, 0x00, 0x61])
        #expect(lzf?.reason == "Invalid LZF compressed string")
        #expect(error(Array("REDIS0010".utf8) + [0x06, 0x01, 0x6B, 0x81, 0, 0, 0, 0, 0, 0, 0, 0])?.reason.contains("module") == true)
    }

    @Test func olderVersionsAndLegacyTypesLoad() throws {
        // RDB 6: EXPIRETIME in seconds, a type 1 list, a type 3 zset with text scores, a
        // ziplist list (10), a zipmap hash (9), no checksum after EOF before version 5.
        var b = RDBBuffer()
        b.append(Array("REDIS0004".utf8))
        b.append(0xFD); b.appendLittleEndian(UInt32(2_000_000_000))
        b.append(1); b.appendString("l"); b.appendLength(2); b.appendString("a"); b.appendString("b")
        b.append(3); b.appendString("z"); b.appendLength(2); b.appendString("m"); b.append(3); b.append(Array("2.5".utf8))
        b.appendString("n"); b.append(255)
        // ziplist ["x", 5]: header 10 bytes, entries, FF
        let zl: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x00, 0x01, 0x78, 0x03, 0xF6, 0xFF]
        var zlFixed = zl
        zlFixed[0] = UInt8(zl.count)
        b.append(10); b.appendString("zl"); b.appendString(Bytes(zlFixed), compress: false)
        let zipmap: [UInt8] = [1, 1, 0x66, 1, 0, 0x76, 0xFF]
        b.append(9); b.appendString("zm"); b.appendString(Bytes(zipmap), compress: false)
        b.append(0xFF)
        var options = RDBReader.Options()
        options.now = 1_700_000_000_000
        let r = try RDBReader.load(b.bytes, file: "old.rdb", options: options)
        #expect(r.keysLoaded == 4)
        #expect(r.databases[0].expires["l"] == 2_000_000_000_000)
        let image = r.databases[0].table
        #expect(KeyspaceImage.describe(image["l"]!.value) == "list:97,98")
        #expect(KeyspaceImage.describe(image["z"]!.value) == "zset:109=2.5,110=-inf")
        #expect(KeyspaceImage.describe(image["zl"]!.value) == "list:120,53")
        #expect(KeyspaceImage.describe(image["zm"]!.value) == "hash:102=118")
    }

    @Test func aNegativeZeroScoreLoadsAsZero() throws {
        // A ZSET_2 whose score is -0.0 (Redis never writes one: ZADD stores 0). Found by the
        // corrupt-file generator: a flipped sign bit gave a value that did not survive a
        // round trip.
        var b = RDBBuffer()
        b.append(Array("REDIS0010".utf8))
        b.append(5); b.appendString("z"); b.appendLength(1); b.appendString("m"); b.appendBinaryDouble(-0.0)
        b.append(0xFF)
        b.append(Array(repeating: 0, count: 8))
        let r = try RDBReader.load(b.bytes, file: "negzero.rdb")
        guard case .zset(let z) = try #require(r.databases[0].table["z"]).value else { Issue.record("not a zset"); return }
        let score = try #require(z.score(of: "m"))
        #expect(score == 0 && score.sign == .plus)
    }

    // MARK: Corrupt files

    /// Seeded corruptions of valid files: every case must end in a clean error or a load of a
    /// consistent keyspace, never a crash, a hang or an allocation the file cannot justify.
    @Test func tenThousandCorruptFilesFailCleanly() {
        let engine = Engine(clock: .manual())
        populate(engine, seed: 9, keysPerDatabase: 6, sizes: [1, 2, 5, 12])
        let bases = [
            RDBWriter.serialize(engine.snapshotKeyspace()),
            RDBWriter.serialize(engine.snapshotKeyspace(), options: .init(compression: false)),
            Self.hex("52 45 44 49 53 30 30 31 30 fe 00 fb 01 00 00 01 6b 01 76 ff bf c6 84 ba ad 6c a1 03"),
        ]
        var random = RandomSource(seed: 2024 &+ FuzzSettings.seed)
        var loaded = 0, failed = 0
        var unclear: [String] = []
        // A file that loads must give a consistent keyspace: installed, it survives a round trip.
        let check = Engine(clock: .manual())
        for trial in 0..<FuzzSettings.cases {
            var file = bases[trial % bases.count]
            switch random.below(7) {
            case 0: file = Array(file.prefix(random.below(file.count)))
            case 1:
                for _ in 0...random.below(4) { file[random.below(file.count)] ^= UInt8(1 << random.below(8)) }
            case 2: file[random.below(5)] = UInt8(random.below(256))
            case 3: file.replaceSubrange(5..<9, with: Array(String(format: "%04d", random.below(10000)).utf8))
            case 4: file[file.count - 1 - random.below(8)] ^= 0xFF
            case 5:
                // An absurd length at a random place: 0x81 and eight 0xFF bytes, or 0x80 + 4.
                let at = 9 + random.below(file.count - 9)
                file.replaceSubrange(at..<min(file.count, at + 1), with: random.below(2) == 0
                    ? [0x81, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF] : [0x80, 0xFF, 0xFF, 0xFF, 0xF0])
            default:
                let at = 9 + random.below(file.count - 9)
                file[at] = UInt8(random.below(256))
            }
            var options = RDBReader.Options()
            options.verifyChecksum = random.below(2) == 0
            do {
                let result = try RDBReader.load(file, file: "fuzz-\(trial).rdb", options: options)
                loaded += 1
                try? check.install(result, merge: false)
                let image = KeyspaceImage(check)
                do {
                    let again = try RDBReader.load(RDBWriter.serialize(check.snapshotKeyspace()), file: "again", options: options)
                    let second = KeyspaceImage(again)
                    if second != image { unclear.append("\(trial): loaded, but not consistent: " + image.firstDifference(from: second)) }
                } catch {
                    unclear.append("\(trial): loaded, but its keyspace does not load back: \(error)")
                }
            } catch {
                if error.file != "fuzz-\(trial).rdb" || error.reason.isEmpty || error.offset < 0 || error.offset > file.count {
                    unclear.append("\(trial): \(error)")
                }
                failed += 1
            }
        }
        #expect(unclear.isEmpty, "\(unclear.prefix(5))")
        #expect(loaded + failed == FuzzSettings.cases)
        #expect(failed > FuzzSettings.cases / 2)
    }

    // MARK: Commands

    /// A new, empty directory (see `ScratchDirectory`).
    static func tempDirectory() -> String {
        ScratchDirectory.make()
    }

    /// Keys keep their idle time (any policy but LFU) and their LFU counter (LFU) through a
    /// restart, as Redis reads IDLE and FREQ back from its dump.
    @Test func idleTimeAndFrequencySurviveARestart() throws {
        let dir = Self.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func engine(policy: String) throws -> (Engine, Session) {
            let config = Config()
            try config.setAtStartup("dir", dir)
            try config.setAtStartup("maxmemory-policy", policy)
            let engine = Engine(clock: .manual(), config: config)
            _ = try engine.persistence.loadAtStartup()
            return (engine, engine.makeSession())
        }
        let (lru, s1) = try engine(policy: "allkeys-lru")
        _ = lru.execute(["SET", "a", "v"], session: s1)
        lru.clock.advance(byMilliseconds: 5_000)
        _ = lru.execute(["SAVE"], session: s1)
        let (plain, s2) = try engine(policy: "noeviction")
        #expect(plain.execute(["OBJECT", "IDLETIME", "a"], session: s2) == .integer(5))

        let (lfu, s3) = try engine(policy: "allkeys-lfu")
        for _ in 0..<300 { _ = lfu.execute(["GET", "a"], session: s3) }
        let frequency = lfu.execute(["OBJECT", "FREQ", "a"], session: s3)
        #expect(frequency != .integer(5))
        _ = lfu.execute(["SAVE"], session: s3)
        let (again, s4) = try engine(policy: "allkeys-lfu")
        #expect(again.execute(["OBJECT", "FREQ", "a"], session: s4) == frequency)
    }

    /// A skiplist keeps a -0 score, as Redis's does, through its RDB and back.
    @Test func negativeZeroScoreSurvivesAReload() throws {
        let h = StringHarness()
        h.allowDebugCommand()
        let dir = Self.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try h.engine.config.setAtStartup("dir", dir)
        h.run("ZADD z " + (1...130).map { "\($0) m\($0)" }.joined(separator: " "))
        h.run("ZADD z -0 zero")
        guard case .double(let before) = h.run("ZSCORE z zero"), before.sign == .minus else { Issue.record("no -0"); return }
        #expect(h.run("DEBUG RELOAD") == .ok)
        guard case .double(let score) = h.run("ZSCORE z zero") else { Issue.record("no score"); return }
        #expect(score == 0 && score.sign == .minus)
    }

    @Test func saveAndDebugReloadRoundTrip() throws {
        let h = StringHarness()
        h.allowDebugCommand()
        let dir = Self.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try h.engine.config.setAtStartup("dir", dir)
        populate(h.engine)
        let before = KeyspaceImage(h.engine)
        #expect(h.engine.dirty > 0)
        #expect(h.run("SAVE") == .ok)
        #expect(h.engine.dirty == 0)
        #expect(h.run("LASTSAVE") == .integer(h.engine.clock.nowMilliseconds / 1000))
        #expect(FileManager.default.fileExists(atPath: dir + "/dump.rdb"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["dump.rdb"])
        h.run("SET extra 1")
        #expect(h.run("DEBUG RELOAD NOSAVE") == .ok)
        #expect(KeyspaceImage(h.engine) == before)
        h.run("SET extra 1")
        #expect(h.run("DEBUG RELOAD") == .ok)
        #expect(h.run("GET extra") == .bulk("1"))
        #expect(h.run("DEBUG RELOAD NOFLUSH") == .error("ERR Error trying to load the RDB dump, check server logs."))
        #expect(h.run("DEBUG RELOAD NOFLUSH MERGE") == .ok)
        #expect(h.run("DEBUG RELOAD FOO") == .error("ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options."))
        #expect(h.run("DEBUG NOPE") == .error("ERR unknown subcommand or wrong number of arguments for 'NOPE'. Try DEBUG HELP."))
        // DEBUG HELP lists what it offers; with an argument it is a wrong call, as in Redis.
        guard case .array(let help) = h.run("DEBUG HELP") else { Issue.record("DEBUG HELP is no array"); return }
        #expect(help.first == .status("DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"))
        #expect(help.contains(.status("LOADAOF")) && help.contains(.status("RELOAD [option ...]")))
        #expect(help.last == .status("    Prints this help."))
        #expect(h.run("DEBUG HELP x") == .error("ERR unknown subcommand or wrong number of arguments for 'HELP'. Try DEBUG HELP."))
    }

    @Test func backgroundSaveWritesTheSnapshotWhileCommandsContinue() throws {
        let h = StringHarness()
        let dir = Self.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try h.engine.config.setAtStartup("dir", dir)
        populate(h.engine)
        let atSnapshot = KeyspaceImage(h.engine)
        #expect(h.run("BGSAVE") == .status("Background saving started"))
        // Writes after the snapshot must not reach the file.
        h.run("SET after 1")
        h.engine.databases[0].update("key:0:1") { value in value = .string("changed") }
        h.engine.persistence.waitForBackgroundSave()
        #expect(h.engine.persistence.lastBackgroundSaveSucceeded)
        #expect(h.engine.dirty == 2)
        let check = StringHarness()
        try check.engine.config.setAtStartup("dir", dir)
        #expect(try check.engine.persistence.loadDump()?.keysLoaded == atSnapshot.keys.values.reduce(0) { $0 + $1.count })
        #expect(KeyspaceImage(check.engine) == atSnapshot)
        #expect(h.run("BGSAVE now") == .error("ERR syntax error"))
        #expect(h.run("BGSAVE SCHEDULE") == .status("Background saving started"))
        h.engine.persistence.waitForBackgroundSave()
    }

    @Test func savePointsTriggerABackgroundSave() throws {
        let h = StringHarness()
        let dir = Self.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try h.engine.config.setAtStartup("dir", dir)
        try h.engine.config.setAtStartup("save", "60 3")
        h.run("SET a 1")
        h.run("SET b 1")
        h.run("SET c 1")
        h.engine.clock.advance(byMilliseconds: 60_000)
        h.engine.cron()
        #expect(!h.engine.persistence.isBackgroundSaveInProgress || true)
        h.engine.persistence.waitForBackgroundSave()
        #expect(!FileManager.default.fileExists(atPath: dir + "/dump.rdb"), "60 s is not more than 60 s")
        h.engine.clock.advance(byMilliseconds: 1_000)
        h.engine.cron()
        h.engine.persistence.waitForBackgroundSave()
        #expect(FileManager.default.fileExists(atPath: dir + "/dump.rdb"))
        #expect(h.engine.dirty == 0)
        #expect(h.engine.persistence.saveCount == 1)
    }

    @Test func aFailedLoadLeavesTheKeyspaceAlone() throws {
        let h = StringHarness()
        let dir = Self.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try h.engine.config.setAtStartup("dir", dir)
        h.run("SET keep me")
        var bytes = RDBWriter.serialize({ let e = Engine(clock: .manual()); populate(e); return e.snapshotKeyspace() }())
        bytes.removeLast(40)
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/dump.rdb"))
        #expect(throws: RDBReader.LoadError.self) { try h.engine.persistence.loadDump() }
        #expect(h.run("GET keep") == .bulk("me"))
        #expect(h.engine.databases.reduce(0) { $0 + $1.count } == 1)
    }
}

extension Value {
    var stringBytes: Bytes? {
        if case .string(let s) = self { return s.bytes }
        return nil
    }
}
