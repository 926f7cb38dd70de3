import Foundation
import Testing
@testable import CacheLabEngine

/// A seeded generator of corrupt AOF folders, built in memory (`MemoryAOFFolder`): valid
/// folders (a base with or without the RDB preamble, one to three incremental files of
/// commands, transactions, several databases), then one damage each: a truncated last
/// command (with `aof-load-truncated` yes and no), an earlier file cut short, flipped bits,
/// broken RESP headers, absurd lengths, an unknown command, a damaged or inconsistent
/// manifest, a missing file, a damaged RDB base.
///
/// Every case must end in one of two ways, never a crash:
/// * an error naming the folder's file and what is wrong, with the keyspace left exactly as
///   it was before the load (a sentinel key proves nothing was half-loaded);
/// * a load whose keyspace is consistent: every value survives an RDB round trip; and when
///   a truncated tail was cut off, the file was truncated to a clean end (loading it again
///   gives the same keyspace with no warning).
@Suite struct AOFCorruptionTests {
    /// 10,000 cases in the suite; a long-running check sets CACHELAB_FUZZ_CASES (and
    /// CACHELAB_FUZZ_SEED for other files).
    static let cases = FuzzSettings.cases

    /// A valid AOF folder and the manifest name.
    struct Seed {
        let files: [String: [UInt8]]
        let base: String
        let incremental: [String]
    }

    static func resp(_ commands: [[Bytes]]) -> [UInt8] {
        var out: [UInt8] = []
        for c in commands { AOFCommandForm.resp(c, into: &out) }
        return out
    }

    /// Random write commands over a few keys of every type, in databases 0 and 2, with a
    /// transaction now and then.
    static func commands(_ random: inout RandomSource, count: Int) -> [[Bytes]] {
        var out: [[Bytes]] = [["SELECT", "0"]]
        func key(_ prefix: String) -> Bytes { Bytes("\(prefix)\(random.below(4))") }
        func value() -> Bytes { random.below(3) == 0 ? Bytes(integer: Int64(random.below(1000))) : Bytes("v\(random.below(50))") }
        var inMulti = false
        for _ in 0..<count {
            switch random.below(14) {
            case 0: out.append(["SET", key("s"), value()])
            case 1: out.append(["SET", key("s"), value(), "PXAT", Bytes(integer: 1_800_000_000_000 + Int64(random.below(1000)))])
            case 2: out.append(["RPUSH", key("l"), value(), value()])
            case 3: out.append(["LPOP", key("l")])
            case 4: out.append(["HSET", key("h"), value(), value()])
            case 5: out.append(["SADD", key("t"), value(), value()])
            case 6: out.append(["ZADD", key("z"), Bytes(integer: Int64(random.below(100))), value()])
            case 7: out.append(["INCR", key("n")])
            case 8: out.append(["DEL", key(["s", "l", "h", "t", "z"][random.below(5)])])
            case 9: out.append(["XADD", key("x"), "*", "f", value()])
            case 10: out.append(["SELECT", random.below(2) == 0 ? "0" : "2"])
            case 11: out.append(["PEXPIREAT", key("h"), Bytes(integer: 1_900_000_000_000)])
            case 12:
                if !inMulti { out.append(["MULTI"]); inMulti = true }
            default:
                if inMulti { out.append(["EXEC"]); inMulti = false }
            }
        }
        if inMulti { out.append(["EXEC"]) }
        return out
    }

    static func makeSeeds() -> [Seed] {
        var random = RandomSource(seed: 61)
        var seeds: [Seed] = []
        for variant in 0..<8 {
            let source = Engine(clock: .manual())
            populate(source, seed: UInt64(variant + 1), keysPerDatabase: 2, sizes: [1, 4])
            var files: [String: [UInt8]] = [:]
            let base: String
            if variant % 2 == 0 {
                base = "appendonly.aof.\(variant + 1).base.rdb"
                files[base] = RDBWriter.serialize(source.snapshotKeyspace(), options: .init(aofBase: true))
            } else {
                base = "appendonly.aof.\(variant + 1).base.aof"
                var commands: [[Bytes]] = []
                for db in source.databases where db.count > 0 {
                    commands.append(["SELECT", Bytes(integer: Int64(db.id))])
                    for (p, key) in db.table.keys.enumerated() {
                        commands += AOFCommandForm.commands(key: key, value: db.table.values[p].value, expireAt: db.expires[key])
                    }
                }
                files[base] = resp(commands)
            }
            var incremental: [String] = []
            for n in 0..<(1 + variant % 3) {
                let name = "appendonly.aof.\(n + 1).incr.aof"
                files[name] = resp(commands(&random, count: 6 + random.below(12)))
                incremental.append(name)
            }
            var manifest = AOFManifest()
            manifest.base = .init(file: base, seq: Int64(variant + 1), kind: .base)
            manifest.incremental = incremental.enumerated().map { .init(file: $0.element, seq: Int64($0.offset + 1), kind: .incremental) }
            files["appendonly.aof.manifest"] = Array(manifest.text.utf8)
            seeds.append(Seed(files: files, base: base, incremental: incremental))
        }
        return seeds
    }

    /// How one case was damaged, for the checks that depend on it.
    enum Damage {
        case truncatedLast(allowed: Bool)
        case other
    }

    /// Damages a copy of `seed`'s files.
    static func damage(_ seed: Seed, _ random: inout RandomSource) -> (files: [String: [UInt8]], damage: Damage, allowTruncated: Bool) {
        var files = seed.files
        var allowTruncated = random.below(2) == 0
        let last = seed.incremental.last!
        let dataFiles = [seed.base] + seed.incremental
        func pick() -> String { dataFiles[random.below(dataFiles.count)] }
        func cut(_ name: String) {
            let bytes = files[name]!
            files[name] = Array(bytes.prefix(random.below(max(1, bytes.count))))
        }
        switch random.below(12) {
        case 0, 1:
            // A crash mid-write: the last file ends inside a command.
            cut(last)
            return (files, .truncatedLast(allowed: allowTruncated), allowTruncated)
        case 2:
            cut(seed.incremental.count > 1 ? seed.incremental[0] : seed.base)
        case 3:
            let name = pick()
            guard !(files[name]!.isEmpty) else { break }
            for _ in 0...random.below(4) {
                let at = random.below(files[name]!.count)
                files[name]![at] ^= UInt8(1 << random.below(8))
            }
        case 4:
            // A broken RESP header: a '*' or '$' line gets a bad character or a sign.
            let name = seed.incremental[random.below(seed.incremental.count)]
            let headers = files[name]!.indices.filter { files[name]![$0] == UInt8(ascii: "*") || files[name]![$0] == UInt8(ascii: "$") }
            guard let at = headers.isEmpty ? nil : headers[random.below(headers.count)] else { break }
            let junk: [UInt8] = [[UInt8(ascii: "-")], [UInt8(ascii: "x")], [UInt8(ascii: "0")], [32], [UInt8(ascii: "#")]][random.below(5)]
            files[name]!.replaceSubrange((at + 1)..<(at + 2), with: junk)
        case 5:
            // Absurd lengths: a command or an argument claiming billions of bytes.
            let name = seed.incremental[random.below(seed.incremental.count)]
            let claim: [UInt8] = random.below(2) == 0 ? Array("*99999999999\r\n".utf8) : Array("*2\r\n$99999999999\r\nSET\r\n".utf8)
            files[name]! += claim + Array("$1\r\nk\r\n".utf8)
        case 6:
            let name = seed.incremental[random.below(seed.incremental.count)]
            files[name]! += resp([[Bytes("NOSUCHCOMMAND\(random.below(9))"), "k"]])
        case 7:
            files["appendonly.aof.manifest"] = damagedManifest(seed, &random)
        case 8:
            files[pick()] = nil
        case 9:
            // The RDB base: wrong magic, version, CRC or a length byte.
            guard seed.base.hasSuffix(".rdb") else { files[seed.base]!.insert(contentsOf: Array("garbage".utf8), at: 0); break }
            var rdb = files[seed.base]!
            switch random.below(4) {
            case 0: rdb[random.below(5)] = UInt8(ascii: "X")
            case 1: rdb.replaceSubrange(5..<9, with: Array(String(format: "%04d", 11 + random.below(9000)).utf8))
            case 2: rdb[rdb.count - 1 - random.below(8)] ^= 0x5A
            default: rdb[9 + random.below(rdb.count - 18)] = 0xBF
            }
            files[seed.base] = rdb
        case 10:
            // Garbage bytes at a random place of an incremental file.
            let name = seed.incremental[random.below(seed.incremental.count)]
            let at = random.below(files[name]!.count + 1)
            files[name]!.insert(contentsOf: (0..<(1 + random.below(6))).map { _ in UInt8(random.below(256)) }, at: at)
        default:
            // An incremental file that is an RDB file, or an empty one (which is fine).
            let name = seed.incremental[random.below(seed.incremental.count)]
            files[name] = random.below(2) == 0 ? Array("REDIS0010".utf8) + [0xFF] + Array(repeating: 0, count: 8) : []
        }
        allowTruncated = allowTruncated || random.below(2) == 0
        return (files, .other, allowTruncated)
    }

    static func damagedManifest(_ seed: Seed, _ random: inout RandomSource) -> [UInt8] {
        var lines = String(decoding: seed.files["appendonly.aof.manifest"]!, as: UTF8.self).split(separator: "\n").map(String.init)
        switch random.below(8) {
        case 0: lines[random.below(lines.count)] = "file"
        case 1: lines.append(lines[0])  // a second base
        case 2: lines[lines.count - 1] = lines[lines.count - 1].replacingOccurrences(of: "seq ", with: "seq -")
        case 3: lines[0] = lines[0].replacingOccurrences(of: "type b", with: "type q")
        case 4: lines[0] = lines[0].replacingOccurrences(of: "file ", with: "file ../")
        case 5: lines = []
        case 6: lines.append("file \"unterminated seq 9 type i")
        default:
            // Incremental files out of order.
            if lines.count > 2 { lines.swapAt(1, 2) } else { lines.append("file x.incr.aof seq 0 type i") }
        }
        var bytes = Array(lines.joined(separator: "\n").utf8)
        if random.below(4) == 0, !bytes.isEmpty { bytes[random.below(bytes.count)] = UInt8(random.below(256)) }
        return bytes
    }

    @Test func tenThousandCorruptAOFFoldersFailCleanlyOrLoadConsistently() throws {
        let seeds = Self.makeSeeds()
        var random = RandomSource(seed: 2025 &+ FuzzSettings.seed)
        var loaded = 0, refused = 0, truncatedAndLoaded = 0, truncatedAndRefused = 0
        var problems: [String] = []
        // One engine serves every case (building one costs more than a case): its keyspace
        // is reset to a lone sentinel key before each load.
        let engine = Engine(clock: .manual())
        let empty = RDBReader.Result(databases: Array(repeating: RDBReader.LoadedDatabase(), count: engine.databases.count))
        for trial in 0..<Self.cases {
            let seed = seeds[trial % seeds.count]
            let (files, damage, allowTruncated) = Self.damage(seed, &random)
            let folder = MemoryAOFFolder(path: "/fuzz/\(trial)", files: files)
            try engine.install(empty, merge: false)
            try engine.config.setAtStartup("aof-load-truncated", allowTruncated ? "yes" : "no")
            engine.databases[0].add("sentinel", .string("before"))
            let before = KeyspaceImage(engine)
            do {
                let summary = try engine.persistence.loadAppendOnlyFiles(from: folder)
                loaded += 1
                if engine.databases[0].table.position(of: "sentinel") != nil {
                    problems.append("\(trial): the keyspace before the load survived a successful load")
                }
                // Consistent: every value survives an RDB round trip.
                let image = KeyspaceImage(engine)
                let check = try RDBReader.load(RDBWriter.serialize(engine.snapshotKeyspace()), file: "check")
                if KeyspaceImage(check) != image { problems.append("\(trial): the loaded keyspace does not survive a round trip") }
                if case .truncatedLast = damage, summary?.warnings.isEmpty == false {
                    truncatedAndLoaded += 1
                    // The file was cut to a clean end: loading it again is quiet and equal.
                    try engine.config.setAtStartup("aof-load-truncated", "no")
                    let second = try engine.persistence.loadAppendOnlyFiles(from: folder)
                    if second?.warnings.isEmpty != true || KeyspaceImage(engine) != image {
                        problems.append("\(trial): the truncated file does not load again to the same keyspace")
                    }
                }
                if case .truncatedLast(allowed: false) = damage, summary?.warnings.isEmpty == false {
                    problems.append("\(trial): a truncated file loaded with aof-load-truncated no")
                }
            } catch {
                refused += 1
                let text = "\(error)"
                if KeyspaceImage(engine) != before { problems.append("\(trial): half-loaded after \(text)") }
                if !text.contains("/fuzz/\(trial)/") || text.count < 30 {
                    problems.append("\(trial): unclear error: \(text)")
                }
                if case .truncatedLast(allowed: false) = damage, text.contains("Unexpected end of file") { truncatedAndRefused += 1 }
            }
            if problems.count > 20 { break }
        }
        let listing = problems.prefix(20).joined(separator: "\n")
        #expect(problems.isEmpty, "\(problems.count) problems:\n\(listing)")
        #expect(loaded + refused == Self.cases)
        // Every kind of outcome happened.
        #expect(refused > Self.cases / 3)
        #expect(loaded > Self.cases / 10)
        #expect(truncatedAndLoaded > Self.cases / 100)
        #expect(truncatedAndRefused > Self.cases / 100)
    }

    @Test func aTruncatedLastCommandIsCutOffOrRefused() throws {
        let folder = MemoryAOFFolder(path: "/t", files: [
            "appendonly.aof.manifest": Array("file appendonly.aof.1.incr.aof seq 1 type i\n".utf8),
            "appendonly.aof.1.incr.aof": Self.resp([["SET", "a", "1"], ["SET", "b", "2"]]) + Array("*3\r\n$3\r\nSET\r\n$1\r\nc".utf8),
        ])
        let strict = Engine(clock: .manual())
        try strict.config.setAtStartup("aof-load-truncated", "no")
        #expect(throws: PersistenceManager.AOFLoadError.self) { try strict.persistence.loadAppendOnlyFiles(from: folder) }
        #expect(strict.databases[0].count == 0)
        // Refusing leaves the file alone.
        #expect(folder.files["appendonly.aof.1.incr.aof"]!.count == Self.resp([["SET", "a", "1"], ["SET", "b", "2"]]).count + 18)
        let lenient = Engine(clock: .manual())
        let summary = try #require(try lenient.persistence.loadAppendOnlyFiles(from: folder))
        #expect(summary.warnings.count == 1)
        #expect(summary.warnings[0].contains("/t/appendonly.aof.1.incr.aof"))
        #expect(lenient.databases[0].count == 2)
        #expect(folder.files["appendonly.aof.1.incr.aof"] == Self.resp([["SET", "a", "1"], ["SET", "b", "2"]]))
    }

    @Test func anUnfinishedTransactionAtTheEndIsDropped() throws {
        let folder = MemoryAOFFolder(path: "/t", files: [
            "appendonly.aof.manifest": Array("file appendonly.aof.1.incr.aof seq 1 type i\n".utf8),
            "appendonly.aof.1.incr.aof": Self.resp([["SET", "a", "1"], ["MULTI"], ["SET", "b", "2"], ["INCR", "a"]]),
        ])
        let engine = Engine(clock: .manual())
        let summary = try #require(try engine.persistence.loadAppendOnlyFiles(from: folder))
        #expect(summary.warnings.count == 1)
        #expect(KeyspaceImage(engine).keys[0] == ["a": "string:49 ttl=-"])
        #expect(folder.files["appendonly.aof.1.incr.aof"] == Self.resp([["SET", "a", "1"]]))
    }

    @Test func theReplayAcceptsExactTrimsWithALimit() throws {
        // Redis propagates an approximate trim as `= <threshold>` and keeps its LIMIT; only
        // the AOF's replay accepts that (a client gets a syntax error), ignoring the limit.
        var commands: [[Bytes]] = (1...30).map { ["XADD", "s", Bytes("\($0)-0"), "f", "v"] }
        commands.append(["XTRIM", "s", "MAXLEN", "=", "5", "LIMIT", "2"])
        commands.append(["XADD", "s", "MAXLEN", "=", "3", "LIMIT", "1", "31-0", "f", "v"])
        let folder = MemoryAOFFolder(path: "/x", files: [
            "appendonly.aof.manifest": Array("file appendonly.aof.1.incr.aof seq 1 type i\n".utf8),
            "appendonly.aof.1.incr.aof": Self.resp(commands),
        ])
        let engine = Engine(clock: .manual())
        _ = try engine.persistence.loadAppendOnlyFiles(from: folder)
        let session = engine.makeSession()
        #expect(engine.execute(["XLEN", "s"], session: session) == .integer(3))
        #expect(engine.execute(["XTRIM", "s", "MAXLEN", "=", "1", "LIMIT", "1"], session: session)
                == .error("ERR syntax error, LIMIT cannot be used without the special ~ option"))
    }

    @Test func errorsNameTheFileAndTheProblem() throws {
        func error(_ files: [String: String]) -> String {
            let folder = MemoryAOFFolder(path: "/e", files: files.mapValues { Array($0.utf8) })
            let engine = Engine(clock: .manual())
            do {
                _ = try engine.persistence.loadAppendOnlyFiles(from: folder)
                return "loaded"
            } catch {
                return "\(error)"
            }
        }
        let manifest = "file appendonly.aof.1.incr.aof seq 1 type i\n"
        #expect(error(["appendonly.aof.manifest": manifest, "appendonly.aof.1.incr.aof": "*1\r\n$4\r\nNOPE\r\n"])
                == "Unknown command 'NOPE' reading the append only file /e/appendonly.aof.1.incr.aof at offset 0")
        #expect(error(["appendonly.aof.manifest": manifest, "appendonly.aof.1.incr.aof": "*1\r\n$4\r\nPING\r\nxyz"])
                == "Bad file format reading the append only file /e/appendonly.aof.1.incr.aof at offset 14")
        #expect(error(["appendonly.aof.manifest": manifest])
                == "The AOF file /e/appendonly.aof.1.incr.aof named in the manifest /e/appendonly.aof.manifest does not exist")
        #expect(error(["appendonly.aof.manifest": "file a seq 1 type i\nfile b seq 1 type i\n"])
                == "Bad AOF manifest /e/appendonly.aof.manifest at line 2: Found a non-monotonic sequence number")
        #expect(error(["appendonly.aof.manifest": "file ../a seq 1 type b\n"])
                == "Bad AOF manifest /e/appendonly.aof.manifest at line 1: File can't be a path, just a filename")
        #expect(error(["appendonly.aof.manifest": ""]).hasPrefix("Bad AOF manifest /e/appendonly.aof.manifest"))
        #expect(error(["appendonly.aof.manifest": "file a.rdb seq 1 type b\n", "a.rdb": "REDIS0011"])
                .hasPrefix("Bad RDB file '/e/a.rdb' at offset"))
        // A blocking command in the AOF does not block the load.
        #expect(error(["appendonly.aof.manifest": manifest, "appendonly.aof.1.incr.aof": "*3\r\n$5\r\nBLPOP\r\n$1\r\nl\r\n$1\r\n5\r\n"]) == "loaded")
    }
}

extension KeyspaceImage {
    /// The image of a loaded RDB file, as if installed in an engine.
    init(_ result: RDBReader.Result) {
        for (index, db) in result.databases.enumerated() where db.table.count > 0 {
            var picture: [Bytes: String] = [:]
            for (p, key) in db.table.keys.enumerated() {
                picture[key] = Self.describe(db.table.values[p].value) + " ttl=\(db.expires[key].map(String.init) ?? "-")"
            }
            keys[index] = picture
        }
    }
}

/// How many corrupt files the fuzz tests try: 10,000 each by default.
enum FuzzSettings {
    static let cases = Int(ProcessInfo.processInfo.environment["CACHELAB_FUZZ_CASES"] ?? "") ?? 10_000
    static let seed = UInt64(ProcessInfo.processInfo.environment["CACHELAB_FUZZ_SEED"] ?? "") ?? 0
}
