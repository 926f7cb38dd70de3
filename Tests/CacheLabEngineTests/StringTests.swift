import Testing
@testable import CacheLabEngine

/// A small harness: one engine on a manual clock, one session, commands as words.
struct StringHarness {
    let engine: Engine
    let session: Session

    /// `config`: the engine's; a test that runs FLUSHALL passes `ScratchDirectory.config()`.
    init(config: Config = Config()) {
        engine = Engine(clock: .manual(), config: config)
        session = engine.makeSession()
    }

    var db: Database { engine.databases[session.databaseIndex] }

    /// Lets DEBUG run, as `--enable-debug-command yes` does on redis-server (off by default).
    func allowDebugCommand() {
        try! engine.config.setAtStartup("enable-debug-command", "yes")
    }

    /// Runs a command given as words separated by single spaces (a trailing space adds an
    /// empty argument).
    @discardableResult
    func run(_ line: String) -> Reply {
        engine.execute(line.split(separator: " ", omittingEmptySubsequences: false).map { Bytes(String($0)) },
                       session: session)
    }

    /// Runs a command given as byte strings (for binary data and spaces).
    @discardableResult
    func run(_ argv: [Bytes]) -> Reply {
        engine.execute(argv, session: session)
    }

    /// The OBJECT ENCODING Redis would report for a string key.
    func encoding(_ key: Bytes) -> String? {
        guard case .string(let s)? = db.table[key]?.value else { return nil }
        return s.encoding
    }

    /// Stores a list under `key` directly, for WRONGTYPE checks.
    func makeList(_ key: Bytes) {
        db.set(key, .list(ListValue(["a"])))
    }

    /// The reply as RESP bytes in the session's protocol.
    func wire(_ reply: Reply) -> String {
        String(decoding: RESPEncoder(protocolVersion: session.protocolVersion).encode(reply), as: UTF8.self)
    }
}

@Suite struct StringTests {
    // MARK: Replies

    @Test func setAndGet() {
        let h = StringHarness()
        #expect(h.run("SET k v") == .ok)
        #expect(h.run("GET k") == .bulk("v"))
        #expect(h.run("GET nosuch") == .null)
        #expect(h.run(["SET", "bin", "a\u{0}b\r\n"]) == .ok)
        #expect(h.run(["GET", "bin"]) == .bulk(Bytes("a\u{0}b\r\n")))
    }

    @Test func setOptionsReplies() {
        let h = StringHarness()
        #expect(h.run("SET k v NX") == .ok)
        #expect(h.run("SET k w NX") == .null)
        #expect(h.run("SET k w NX GET") == .bulk("v"))
        #expect(h.run("GET k") == .bulk("v"))
        #expect(h.run("SET k w XX GET") == .bulk("v"))
        #expect(h.run("SET missing w XX") == .null)
        #expect(h.run("SET missing w XX GET") == .null)
        #expect(h.run("GET missing") == .null)
        #expect(h.run("SET k v NX XX") == RedisError.syntax)
        #expect(h.run("SET k v EX 1 PX 1") == RedisError.syntax)
        #expect(h.run("SET k v EX") == RedisError.syntax)
        #expect(h.run("SET k v EX 0") == .error("ERR invalid expire time in 'set' command"))
        #expect(h.run("SETEX k -1 v") == .error("ERR invalid expire time in 'setex' command"))
        #expect(h.run("PSETEX k 0 v") == .error("ERR invalid expire time in 'psetex' command"))
        #expect(h.run("SETNX k v") == .zero)
        #expect(h.run("SETNX k2 v") == .one)
    }

    @Test func optionNamesStopAtZeroByte() {
        let h = StringHarness()
        #expect(h.run(["SET", "k", "v", "nx\u{0}junk"]) == .ok)
        #expect(h.run(["SET", "k", "w", "NX\u{0}"]) == .null)
        #expect(h.run(["SET", "k", "w", "n\u{0}x"]) == RedisError.syntax)
        #expect(h.run(["EXPIRE", "k", "10", "foo\u{0}bar"]) == .error("ERR Unsupported option foo"))
    }

    @Test func setWithGetChecksTheTypeBeforeWriting() {
        let h = StringHarness()
        h.makeList("l")
        #expect(h.run("SET l v GET") == RedisError.wrongType)
        #expect(h.run("SET l v NX GET") == RedisError.wrongType)
        guard case .list? = h.db.lookupRead("l") else {
            Issue.record("SET ... GET replaced a list")
            return
        }
        // Without GET, SET replaces any type.
        #expect(h.run("SET l v") == .ok)
        #expect(h.run("GET l") == .bulk("v"))
    }

    @Test func everyStringCommandRefusesAnotherType() {
        let h = StringHarness()
        h.makeList("l")
        let commands = [
            "GET l", "GETSET l v", "GETDEL l", "GETEX l", "GETEX l EX 0", "GETEX l PERSIST",
            "STRLEN l", "APPEND l x", "SETRANGE l 0 x", "SETRANGE l 0 ", "GETRANGE l 0 1",
            "SUBSTR l 0 1", "INCR l", "DECR l", "INCRBY l 1", "DECRBY l 1", "INCRBYFLOAT l 1",
            "INCRBYFLOAT l x", "SET l v GET", "SET l v XX GET",
        ]
        for command in commands {
            #expect(h.run(command) == RedisError.wrongType, Comment(rawValue: command))
        }
        // Errors that Redis checks before the type.
        #expect(h.run("GETRANGE l a 1") == RedisError.notInteger)
        #expect(h.run("INCRBY l x") == RedisError.notInteger)
        #expect(h.run("DECRBY l -9223372036854775808") == .error("ERR decrement would overflow"))
        #expect(h.run("SETRANGE l -1 x") == .error("ERR offset is out of range"))
        #expect(h.run("GETEX l FOO") == RedisError.syntax)
        #expect(h.run("SET l v EX 0 GET") == .error("ERR invalid expire time in 'set' command"))
        // MGET answers null for it, SETNX and MSETNX see it as existing.
        #expect(h.run("MGET l nosuch") == .array([.null, .null]))
        #expect(h.run("SETNX l v") == .zero)
        #expect(h.run("MSETNX l v other v") == .zero)
        #expect(h.run("GET other") == .null)
        #expect(h.run("LCS l nosuch") == .error("ERR The specified keys must contain string values"))
        #expect(h.run("LCS nosuch l FOO") == .error("ERR The specified keys must contain string values"))
        guard case .list? = h.db.lookupRead("l") else {
            Issue.record("a failed command replaced the list")
            return
        }
    }

    @Test func msetArity() {
        let h = StringHarness()
        #expect(h.run("MSET a 1 b") == .error("ERR wrong number of arguments for 'mset' command"))
        #expect(h.run("MSETNX a 1 b") == .error("ERR wrong number of arguments for 'msetnx' command"))
        #expect(h.run("MSET a 1 a 2") == .ok)
        #expect(h.run("GET a") == .bulk("2"))
        #expect(h.run("MSETNX b 1 b 2") == .one)
        #expect(h.run("GET b") == .bulk("2"))
    }

    // MARK: APPEND and SETRANGE edit in place

    @Test func appendGrowsAcrossTheInlineLimit() {
        let h = StringHarness()
        var expected: [UInt8] = []
        for i in 0..<40 {
            let piece = Bytes(integer: i)
            expected += piece.array
            #expect(h.run(["APPEND", "k", piece]) == .integer(expected.count))
        }
        #expect(h.run("GET k") == .bulk(Bytes(expected)))
        #expect(h.run("STRLEN k") == .integer(expected.count))
    }

    @Test func appendDoesNotAlterSharedCopies() {
        let h = StringHarness()
        let long = Bytes(Array(repeating: UInt8(ascii: "x"), count: 30))
        h.run(["SET", "k", long])
        let before = h.run("GET k")
        h.run("APPEND k yyyy")
        #expect(before == .bulk(long))
        #expect(h.run("GET k") == .bulk(long + "yyyy"))
        #expect(long.count == 30)
    }

    @Test func setrangePadsWithZeroBytes() {
        let h = StringHarness()
        #expect(h.run("SETRANGE k 3 ab") == .integer(5))
        #expect(h.run("GET k") == .bulk(Bytes([0, 0, 0, 97, 98])))
        #expect(h.run("SETRANGE k 0 ") == .integer(5))
        #expect(h.run("SETRANGE k 1 Z") == .integer(5))
        #expect(h.run("GET k") == .bulk(Bytes([0, 90, 0, 97, 98])))
        #expect(h.run("SETRANGE k 20 end") == .integer(23))
        let expected: [UInt8] = [0, 90, 0, 97, 98] + Array(repeating: 0, count: 15) + Array("end".utf8)
        #expect(h.run("GET k") == .bulk(Bytes(expected)))
        #expect(h.run("SETRANGE k 536870910 abc") == .error("ERR string exceeds maximum allowed size (proto-max-bulk-len)"))
        #expect(h.run("SETRANGE new 9223372036854775807 a") == .error("ERR string exceeds maximum allowed size (proto-max-bulk-len)"))
        #expect(h.run("SETRANGE new2 5 ") == .zero)
        #expect(h.run("GET new2") == .null)
    }

    // MARK: Encodings, as OBJECT ENCODING would report them in Redis

    @Test func encodingsFollowRedis() {
        let h = StringHarness()
        h.run("SET int 12345")
        #expect(h.encoding("int") == "int")
        h.run("SET neg -9223372036854775808")
        #expect(h.encoding("neg") == "int")
        h.run("SET lead 0123")
        #expect(h.encoding("lead") == "embstr")
        h.run(["SET", "e44", Bytes(Array(repeating: 97, count: 44))])
        #expect(h.encoding("e44") == "embstr")
        h.run(["SET", "r45", Bytes(Array(repeating: 97, count: 45))])
        #expect(h.encoding("r45") == "raw")

        // APPEND: a new key is stored as SET stores it; an existing one becomes raw, even
        // when nothing is appended.
        h.run("APPEND newint 123")
        #expect(h.encoding("newint") == "int")
        h.run("APPEND newstr abc")
        #expect(h.encoding("newstr") == "embstr")
        h.run(["APPEND", "int", ""])
        #expect(h.encoding("int") == "raw")
        h.run("APPEND newstr d")
        #expect(h.encoding("newstr") == "raw")

        // INCR family: always int, even from a raw string.
        #expect(h.run("INCR int") == .integer(12346))
        #expect(h.encoding("int") == "int")
        h.run("INCRBY fresh 5")
        #expect(h.encoding("fresh") == "int")

        // SETRANGE: raw, a new key included; an empty value changes nothing.
        h.run("SET sr 12")
        h.run(["SETRANGE", "sr", "0", ""])
        #expect(h.encoding("sr") == "int")
        h.run("SETRANGE sr 1 3")
        #expect(h.encoding("sr") == "raw")
        h.run("SETRANGE srnew 0 5")
        #expect(h.encoding("srnew") == "raw")

        // INCRBYFLOAT: never int, embstr up to 44 bytes.
        h.run("SET f 1.5")
        #expect(h.run("INCRBYFLOAT f 1.5") == .bulk("3"))
        #expect(h.encoding("f") == "embstr")
        h.run("INCRBYFLOAT f 1e40")
        #expect(h.encoding("f") == "embstr")
        h.run("INCRBYFLOAT f 1e50")
        #expect(h.encoding("f") == "raw")

        // Commands that store their argument re-encode it.
        h.run("GETSET f 5")
        #expect(h.encoding("f") == "int")
        h.run("MSET m1 7 m2 abc")
        #expect(h.encoding("m1") == "int")
        #expect(h.encoding("m2") == "embstr")
        h.run("SETEX sx 100 9")
        #expect(h.encoding("sx") == "int")
        // GETEX and GETDEL leave the encoding alone.
        h.run("GETEX int PERSIST")
        #expect(h.encoding("int") == "int")
    }

    @Test func stringValueEncodingRules() {
        #expect(StringValue("42").encoding == "int")
        #expect(StringValue("42", isRaw: true).encoding == "raw")
        var float = StringValue("42")
        float.allowsIntEncoding = false
        #expect(float.encoding == "embstr")
        #expect(StringValue("123456789012345678901").encoding == "embstr")
        #expect(StringValue("-0").encoding == "embstr")
        var edited = StringValue("ab")
        edited.appendInPlace("c")
        #expect(edited.isRaw && edited.bytes == "abc")
    }

    // MARK: INCRBYFLOAT

    @Test func incrbyfloatFormatsLikeRedis() {
        let h = StringHarness()
        #expect(h.run("INCRBYFLOAT f 10.5") == .bulk("10.5"))
        #expect(h.run("INCRBYFLOAT f 0.1") == .bulk("10.6"))
        #expect(h.run("INCRBYFLOAT f -10.6") == .bulk("0"))
        #expect(h.run("INCRBYFLOAT f 5.0e3") == .bulk("5000"))
        h.run("SET f 3")
        #expect(h.run("INCRBYFLOAT f 1e30") == .bulk("1000000000000000000024696061952"))
        #expect(h.run("INCRBYFLOAT g 1e-4940") == .bulk("0"))
        #expect(h.run("INCRBYFLOAT f inf") == .error("ERR increment would produce NaN or Infinity"))
        #expect(h.run("INCRBYFLOAT f nan") == RedisError.notFloat)
        #expect(h.run("INCRBYFLOAT f 1e5000") == RedisError.notFloat)
        h.run("SET h 1.18e4932")
        #expect(h.run("INCRBYFLOAT h 1.18e4932") == .error("ERR increment would produce NaN or Infinity"))
    }

    @Test func incrbyfloatReadsAtMost5119Bytes() {
        let h = StringHarness()
        let longest = Bytes("1." + String(repeating: "0", count: 5117))
        let tooLong = Bytes("1." + String(repeating: "0", count: 5118))
        #expect(h.run(["INCRBYFLOAT", "f", longest]) == .bulk("1"))
        #expect(h.run(["INCRBYFLOAT", "f", tooLong]) == RedisError.notFloat)
        h.run(["SET", "g", longest])
        #expect(h.run("INCRBYFLOAT g 1") == .bulk("2"))
        h.run(["SET", "g", tooLong])
        #expect(h.run("INCRBYFLOAT g 1") == RedisError.notFloat)
    }

    // MARK: Statistics and WATCH

    @Test func readsCountHitsAndMisses() {
        let h = StringHarness()
        h.run("SET k v")
        h.run("GET k")
        h.run("GET nosuch")
        h.run("MGET k nosuch nosuch2")
        h.run("STRLEN k")
        h.run("INCR counter")
        h.run("APPEND k x")
        #expect(h.engine.stats.keyspaceHits == 3)
        #expect(h.engine.stats.keyspaceMisses == 3)
    }

    @Test func writesSignalWatchers() {
        let h = StringHarness()
        let watcher = h.engine.makeSession()
        h.run("SET k 1")
        let writes = [
            "SET k 2", "APPEND k 3", "SETRANGE k 0 4", "INCR k", "INCRBYFLOAT k 1", "GETSET k 5",
            "SETEX k 10 6", "GETEX k PERSIST", "MSET k 7", "GETDEL k", "SETNX k 8", "EXPIRE k 100",
            "PERSIST k", "PEXPIRE k -1",
        ]
        for command in writes {
            watcher.transactionIsDirty = false
            h.db.watchers["k"] = [watcher]
            h.run(command)
            #expect(watcher.transactionIsDirty, Comment(rawValue: command))
        }
        // A command that changes nothing signals nothing.
        h.run("SET k v")
        for command in ["GET k", "SET k w NX", "PERSIST k", "GETEX k PERSIST", "SETRANGE k 0 ", "STRLEN k"] {
            watcher.transactionIsDirty = false
            h.run(command)
            #expect(!watcher.transactionIsDirty, Comment(rawValue: command))
        }
    }

    // MARK: LCS

    @Test func lcsRepliesInBothProtocols() {
        let h = StringHarness()
        h.run("SET a ohmytext")
        h.run("SET b mynewtext")
        #expect(h.run("LCS a b") == .bulk("mytext"))
        #expect(h.run("LCS a b LEN") == .integer(6))
        let idx = h.run("LCS a b IDX WITHMATCHLEN")
        #expect(h.wire(idx) == "*4\r\n$7\r\nmatches\r\n*2\r\n*3\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n:4\r\n*3\r\n*2\r\n:2\r\n:3\r\n*2\r\n:0\r\n:1\r\n:2\r\n$3\r\nlen\r\n:6\r\n")
        h.session.protocolVersion = 3
        // The bytes a real Redis 7.0.15 sends after HELLO 3.
        #expect(h.wire(idx) == "%2\r\n$7\r\nmatches\r\n*2\r\n*3\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n:4\r\n*3\r\n*2\r\n:2\r\n:3\r\n*2\r\n:0\r\n:1\r\n:2\r\n$3\r\nlen\r\n:6\r\n")
        #expect(h.wire(h.run("LCS a b IDX MINMATCHLEN 3")) == "%2\r\n$7\r\nmatches\r\n*1\r\n*2\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n$3\r\nlen\r\n:6\r\n")
        #expect(h.wire(h.run("LCS a nokey IDX")) == "%2\r\n$7\r\nmatches\r\n*0\r\n$3\r\nlen\r\n:0\r\n")
        #expect(h.wire(h.run("GET nokey")) == "_\r\n")
        #expect(h.wire(h.run("MGET a nokey")) == "*2\r\n$8\r\nohmytext\r\n_\r\n")
        #expect(h.wire(h.run("SET a y NX")) == "_\r\n")
    }

    @Test func lcsRefusesAHugeTable() {
        let h = StringHarness()
        let side = Bytes(Array(repeating: UInt8(ascii: "a"), count: 12_000))
        h.run(["SET", "x", side])
        h.run(["SET", "y", side])
        #expect(h.run("LCS x y") == .error("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len"))
        #expect(h.run("LCS x y LEN IDX") == .error("ERR If you want both the length and indexes, please just use IDX."))
    }
}
