import CacheLabEngine
import Foundation
import Testing

/// What goes into the AOF, command by command, compared with a real redis-server 7.0.15.
///
/// Each workload runs on a fresh redis-server with `appendonly yes` and on a fresh engine with
/// the AOF on; then the commands of both incremental files are read back and compared one by
/// one. Absolute times (PXAT, PEXPIREAT, XCLAIM ... TIME, `*` stream IDs) differ between the
/// two runs, so numbers that look like a current Unix time in ms are masked as `<ms>`.
/// Workloads avoid random picks (SPOP, SRANDMEMBER) unless the pick cannot vary, and
/// commands that change nothing where CacheLab still counts a change (an LTRIM that keeps
/// the whole list reaches CacheLab's AOF, harmlessly, but not Redis's).
@Suite(.serialized) struct AOFPropagationTests {
    struct Workload: CustomTestStringConvertible, Sendable {
        let name: String
        let script: String
        var testDescription: String { name }
    }

    static let workloads: [Workload] = [
        Workload(name: "strings and expiry", script: """
            SET k v EX 100
            SET k v KEEPTTL GET
            SET k2 v
            EXPIRE k2 -1
            SET k3 v
            GETEX k3 EX 100
            GETEX k3 PERSIST
            GETEX k3
            SETEX k5 100 v
            PSETEX k6 100000 v
            EXPIREAT k6 1
            SET k8 v EXAT 1
            SETNX k9 v
            SET k9 w NX GET
            SET k9 w XX GET
            MSETNX m1 1 m2 2
            INCRBYFLOAT f 1.5
            INCRBYFLOAT f 1e3
            GETDEL m1
            GETDEL nothing
            RENAME k3 k3b
            COPY k3b k3c
            MOVE k3c 1
            PERSIST nothing
            DEL nothing
            EXPIRE nothing 10
            SET e v
            PEXPIRE e 100000
            EXPIRE e 200 GT
            EXPIRE e 100 GT
            EXPIRE e 1 LT
            PERSIST e
            APPEND e more
            SETRANGE e 1 X
            INCR n
            DECRBY n 5
            SET x v PXAT 1
            SET x new
            SET y v PXAT 1
            GET y
            SET b v PXAT 99999999999999 NX
            SET c v get GET
            PFADD hll a b c
            PFCOUNT hll
            PFCOUNT hll
            CONFIG SET lazyfree-lazy-expire yes
            SET z v
            EXPIRE z -1
            SET z2 v PXAT 1
            GET z2
            CONFIG SET lazyfree-lazy-expire no
            """),
        Workload(name: "hashes, sets, sorted sets", script: """
            HSET h f 1 g 2
            HINCRBYFLOAT h f 0.25
            HINCRBYFLOAT h f 1e2
            HDEL h g nothing
            HSETNX h f 3
            SADD s a b
            SREM s a zz
            SMOVE s s2 b
            SPOP s2
            SADD s3 1 2 3
            SPOP s3 3
            SPOP s3 0
            SADD one x
            SPOP one 5
            SINTERSTORE dst s3 one
            ZADD z 1 a 2 b 3 c 4 d
            ZINCRBY z 2.5 a
            ZPOPMIN z
            ZPOPMAX z 2
            BZPOPMIN z 0
            ZADD z 1 a 2 b 3 c
            BZPOPMAX z 0
            BZMPOP 0 1 z MIN
            ZMPOP 1 z MAX COUNT 5
            ZADD z2 1 a
            ZREMRANGEBYSCORE z2 0 10
            """),
        Workload(name: "lists and blocking pops", script: """
            RPUSH l a b c d e f
            BLPOP l 0
            BRPOPLPUSH l l2 0
            BLMOVE l l2 LEFT RIGHT 0
            LMPOP 1 l2 LEFT COUNT 1
            BLMPOP 0 1 l2 RIGHT
            BRPOP l 1
            LPUSHX nothing a
            LINSERT l BEFORE e x
            LSET l 0 y
            LTRIM l 0 0
            LREM l 0 y
            """),
        Workload(name: "transactions and databases", script: """
            MULTI
            SET a 1
            INCR a
            EXEC
            MULTI
            GET a
            EXEC
            MULTI
            SET b 1 EX 100
            SELECT 2
            SET c 1
            EXEC
            SELECT 3
            SET d 1
            SWAPDB 0 3
            FLUSHDB
            SELECT 0
            FLUSHALL
            """),
        Workload(name: "streams", script: """
            XADD st 1-1 f v
            XADD st 2-1 f w
            XADD st * f x
            XADD st MAXLEN = 10 9999999999999-1 f y
            XGROUP CREATE st g 0
            XGROUP CREATE st g2 $ MKSTREAM ENTRIESREAD 3
            XGROUP CREATE nost g3 $ MKSTREAM
            XGROUP DESTROY st g2
            XSETID st 9999999999999-5
            XSETID st 9999999999999-6 ENTRIESADDED 20 MAXDELETEDID 5-5
            XDEL st 2-1 7-7
            XTRIM st MAXLEN 10
            XTRIM st MINID 0
            XTRIM st MAXLEN 3
            """),
        Workload(name: "stream consumer groups", script: """
            XADD a 1-0 f v1
            XADD a 2-0 f v2
            XADD a 3-0 f v3
            XADD a 4-0 f v4
            XADD a 5-0 f v5
            XADD a 6-0 f v6
            XADD b 1-0 f w1
            XADD b 2-0 f w2
            XADD b 3-0 f w3
            XGROUP CREATE a g 0
            XGROUP CREATE b g 0
            XGROUP CREATE b g2 $
            XREADGROUP GROUP g alice COUNT 1 STREAMS a >
            XREADGROUP GROUP g bob COUNT 2 STREAMS a b > >
            XREADGROUP GROUP g bob STREAMS a 0
            XREADGROUP GROUP g newbie STREAMS a 0
            XREADGROUP GROUP g carol NOACK COUNT 1 STREAMS a >
            XREADGROUP GROUP g bob NOACK COUNT 1 STREAMS a >
            XREADGROUP GROUP g dan NOACK STREAMS a 0
            XREADGROUP GROUP g2 eve NOACK STREAMS b >
            XREADGROUP GROUP g2 eve STREAMS b >
            XACK a g 1-0 99-0
            XACK a g 99-0
            XDEL a 2-0
            XCLAIM a g carol 0 2-0 3-0
            XCLAIM a g carol 0 3-0 JUSTID
            XCLAIM a g carol 0 3-0 LASTID 6-0 JUSTID
            XCLAIM a g carol 0 6-0 LASTID 9-0 JUSTID
            XCLAIM a g carol 999999999 3-0
            XCLAIM a g frank 0 6-0 FORCE JUSTID RETRYCOUNT 7
            XCLAIM a g frank 0 5-0 FORCE JUSTID TIME 1000
            XADD b 4-0 f w4
            XREADGROUP GROUP g bob COUNT 5 STREAMS b >
            XDEL b 2-0
            XAUTOCLAIM b g gina 0 0
            XAUTOCLAIM b g gina 0 0 JUSTID
            XAUTOCLAIM b g gina 999999999 0
            XGROUP SETID a g 1-0
            XGROUP SETID a g 2-0 ENTRIESREAD 5
            XGROUP SETID a g $
            XGROUP CREATECONSUMER a g hank
            XGROUP CREATECONSUMER a g hank
            XGROUP DELCONSUMER a g hank
            XGROUP DELCONSUMER a g frank
            XGROUP DELCONSUMER a g nobody
            MULTI
            XREADGROUP GROUP g2 ivy STREAMS b >
            XACK b g 1-0
            EXEC
            """),
        // The payload is `DUMP` of "hello" (RDB 10, with its CRC-64).
        Workload(name: "restore", script: """
            RESTORE r1 0 "\\x00\\x05hello\\x0a\\x00cr\\xdfve4 \\x0a"
            RESTORE r2 100000 "\\x00\\x05hello\\x0a\\x00cr\\xdfve4 \\x0a"
            RESTORE r3 4102444800000 "\\x00\\x05hello\\x0a\\x00cr\\xdfve4 \\x0a" ABSTTL
            RESTORE r4 1 "\\x00\\x05hello\\x0a\\x00cr\\xdfve4 \\x0a" ABSTTL
            SET r5 old
            RESTORE r5 1 "\\x00\\x05hello\\x0a\\x00cr\\xdfve4 \\x0a" ABSTTL REPLACE
            RESTORE r1 5000 "\\x00\\x05hello\\x0a\\x00cr\\xdfve4 \\x0a" replace IDLETIME 5
            RESTORE r1 0 "\\x00\\x05hello\\x0a\\x00cr\\xdfve4 \\x0a"
            RESTORE r6 0 "bad payload"
            RESTORE-ASKING r7 0 "\\x00\\x05hello\\x0a\\x00cr\\xdfve4 \\x0a"
            MULTI
            RESTORE r8 100000 "\\x00\\x05hello\\x0a\\x00cr\\xdfve4 \\x0a"
            EXEC
            """),
    ]

    /// Approximate trims, which depend on how entries sit in nodes of 100: the AOF gets the
    /// exact threshold they ended at.
    static let streamTrims = Workload(name: "approximate stream trims", script:
        (1...400).map { "XADD big \($0)-0 f v\($0)" }.joined(separator: "\n") + """

        XADD big MAXLEN ~ 150 401-0 f v
        XTRIM big MAXLEN ~ 100 LIMIT 150
        XTRIM big MINID ~ 350-0 LIMIT 1000
        XADD big MAXLEN ~ 10 LIMIT 100 402-0 a b
        XADD big MINID ~ 390 403-0 a b
        XTRIM big MAXLEN ~ 1000
        XADD b3 MAXLEN ~ 0 9-9 a b
        """)

    @Test func approximateTrimsAreWrittenExact() throws {
        try sameCommandsAsRedis(Self.streamTrims)
    }

    @Test(arguments: workloads) func sameCommandsAsRedis(_ workload: Workload) throws {
        try RedisServerProcess.requireInstalled()
        let commands = try workload.script.split(separator: "\n").map { line in
            try #require(ScriptTokenizer.split(line.trimmingCharacters(in: .whitespaces)))
        }
        let (theirs, ours) = try Self.propagate(commands)
        let width = max(theirs.count, ours.count)
        var differences: [String] = []
        for i in 0..<width {
            let r = i < theirs.count ? theirs[i] : "(nothing)"
            let o = i < ours.count ? ours[i] : "(nothing)"
            if r != o { differences.append("#\(i): redis \(r)\n      ours  \(o)") }
        }
        let listing: String = "\n--- redis:\n" + theirs.joined(separator: "\n") + "\n--- ours:\n" + ours.joined(separator: "\n")
        let summary: String = differences.prefix(12).joined(separator: "\n")
        #expect(differences.isEmpty, "\(workload.name): AOF differs from Redis\n\(summary)\(listing)")
    }

    /// Runs `commands` on both sides; returns the masked commands of each incremental AOF.
    static func propagate(_ commands: [[Bytes]]) throws -> (redis: [String], ours: [String]) {
        let server = try RedisServerProcess(extraArguments: ["--appendonly", "yes", "--appendfsync", "always",
                                                             "--enable-debug-command", "yes"])
        defer { server.stop() }
        let client = try RESPClient(port: server.port)
        // Keys expire only when touched, on both sides (the engine runs no cron here): the
        // DEL of an expired key then comes at the same place.
        _ = try client.call(["DEBUG", "SET-ACTIVE-EXPIRE", "0"])
        let dir = server.directory.appendingPathComponent("cachelab").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let config = Config()
        try config.setAtStartup("dir", dir)
        try config.setAtStartup("appendonly", "yes")
        try config.setAtStartup("appendfsync", "always")
        let engine = Engine(clock: .system(), config: config)
        _ = try engine.persistence.loadAtStartup()
        let session = engine.makeSession()
        for argv in commands {
            _ = try client.call(argv)
            _ = engine.execute(argv, session: session)
        }
        engine.persistence.stopAppendOnly()
        let theirs = try incrementalCommands(in: server.directory.appendingPathComponent("appendonlydir").path)
        let ours = try incrementalCommands(in: dir + "/appendonlydir")
        return (theirs.map(mask), ours.map(mask))
    }

    /// The commands of the last incremental file named by the manifest of an AOF folder.
    static func incrementalCommands(in folder: String) throws -> [[Bytes]] {
        let manifest = try AOFManifest.parse(try String(contentsOfFile: folder + "/appendonly.aof.manifest", encoding: .utf8))
        let file = try #require(manifest.incremental.last).file
        let bytes = try #require(FileManager.default.contents(atPath: folder + "/" + file))
        var parser = AOFFileReader(bytes: Array(bytes))
        var out: [[Bytes]] = []
        while let argv = try parser.next() { out.append(argv) }
        return out
    }

    /// One command as text, with current Unix times in ms (and stream IDs made of one) masked.
    static func mask(_ argv: [Bytes]) -> String {
        argv.map { arg -> String in
            let text = arg.string
            let digits = text.split(separator: "-", maxSplits: 1)
            if let first = digits.first, let ms = Int64(first), ms > 1_500_000_000_000, ms < 4_000_000_000_000 {
                return digits.count == 2 ? "<ms>-" + digits[1] : "<ms>"
            }
            return text.contains(" ") || text.isEmpty ? "\"\(text)\"" : text
        }.joined(separator: " ")
    }
}

/// Reads RESP command arrays out of an AOF file, for the tests.
struct AOFFileReader {
    let bytes: [UInt8]
    var offset = 0

    struct Failure: Error, CustomStringConvertible { let description: String }

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func line() throws -> String {
        var end = offset
        while end + 1 < bytes.count && !(bytes[end] == 13 && bytes[end + 1] == 10) { end += 1 }
        guard end + 1 < bytes.count else { throw Failure(description: "no CRLF after offset \(offset)") }
        defer { offset = end + 2 }
        return String(decoding: bytes[offset..<end], as: UTF8.self)
    }

    mutating func next() throws -> [Bytes]? {
        guard offset < bytes.count else { return nil }
        let header = try line()
        guard header.hasPrefix("*"), let count = Int(header.dropFirst()) else { throw Failure(description: "bad header \(header)") }
        var argv: [Bytes] = []
        for _ in 0..<count {
            let size = try line()
            guard size.hasPrefix("$"), let n = Int(size.dropFirst()), offset + n + 2 <= bytes.count else {
                throw Failure(description: "bad bulk header \(size)")
            }
            argv.append(Bytes(Array(bytes[offset..<(offset + n)])))
            offset += n + 2
        }
        return argv
    }
}
