import Testing
@testable import CacheLabEngine

@Suite struct ConnectionTests {
    @Test func helloSwitchesProtocolAndNames() {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        let reply = engine.execute(["HELLO", "3", "SETNAME", "me"], session: session)
        #expect(session.protocolVersion == 3)
        #expect(session.name == "me")
        guard case .map(let items) = reply else { Issue.record("HELLO must answer a map"); return }
        #expect(items.count == 14)
        #expect(items[5] == .integer(3))
        #expect(items[7] == .integer(session.id))
        _ = engine.execute(["HELLO", "2"], session: session)
        #expect(session.protocolVersion == 2)
        #expect(engine.execute(["HELLO", "4"], session: session) == .error("NOPROTO unsupported protocol version"))
        #expect(session.protocolVersion == 2)
        // A bad name is refused after parsing, and nothing changes.
        _ = engine.execute(["HELLO", "3", "SETNAME", "a b"], session: session)
        #expect(session.protocolVersion == 2)
        #expect(session.name == "me")
    }

    @Test func resetLeavesTransactionAndRestoresDefaults() {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        _ = engine.execute(["HELLO", "3", "SETNAME", "x"], session: session)
        _ = engine.execute(["CLIENT", "NO-EVICT", "on"], session: session)
        session.databaseIndex = 5
        let db = engine.databases[0]
        session.watchedKeys = [(database: 0, key: "k")]
        db.watchers["k"] = [session]
        session.queuedCommands = []  // as MULTI leaves it
        #expect(engine.execute(["PING"], session: session) == .queued)
        #expect(engine.execute(["RESET"], session: session) == .status("RESET"))
        #expect(!session.isInTransaction)
        #expect(session.protocolVersion == 2)
        #expect(session.databaseIndex == 0)
        #expect(session.name == nil)
        #expect(session.watchedKeys.isEmpty)
        #expect(db.watchers["k"] == nil)
        #expect(engine.serverState.noEvictSessions.contains(session.id))
        #expect(engine.execute(["PING"], session: session) == .status("PONG"))
    }

    @Test func quitAsksTheFrontEndToClose() {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        session.queuedCommands = []
        #expect(engine.execute(["QUIT"], session: session) == .ok)
        #expect(session.wantsToClose)
    }

    @Test func timeReadsTheEngineClock() {
        let clock = Clock.manual(startMilliseconds: 1_700_000_000_123)
        let engine = Engine(clock: clock)
        let session = engine.makeSession()
        #expect(engine.execute(["TIME"], session: session) == .array([.bulk("1700000000"), .bulk("123000")]))
        clock.advance(byMicroseconds: 1_000_001)
        #expect(engine.execute(["TIME"], session: session) == .array([.bulk("1700000001"), .bulk("123001")]))
    }

    @Test func authFollowsRequirepass() {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        #expect(engine.execute(["AUTH", "x"], session: session).errorMessage?.hasPrefix("ERR AUTH <password> called without") == true)
        #expect(engine.execute(["AUTH", "default", "x"], session: session) == .ok)
        _ = engine.execute(["CONFIG", "SET", "requirepass", "secret"], session: session)
        let wrong = Reply.error("WRONGPASS invalid username-password pair or user is disabled.")
        #expect(engine.execute(["AUTH", "x"], session: session) == wrong)
        #expect(engine.execute(["AUTH", "secret"], session: session) == .ok)
        #expect(engine.execute(["AUTH", "other", "secret"], session: session) == wrong)
        #expect(engine.execute(["HELLO", "3", "AUTH", "default", "nope"], session: session) == wrong)
        #expect(session.protocolVersion == 2)
    }

    @Test func clientInfoDescribesTheSession() {
        let clock = Clock.manual()
        let engine = Engine(clock: clock)
        let session = engine.makeSession()
        _ = engine.execute(["CLIENT", "SETNAME", "learner"], session: session)
        clock.advance(byMilliseconds: 3_000)
        session.databaseIndex = 2
        guard case .verbatim(_, let text) = engine.execute(["CLIENT", "INFO"], session: session) else {
            Issue.record("CLIENT INFO must answer verbatim text")
            return
        }
        let line = text.string
        #expect(line.hasPrefix("id=\(session.id) addr="))
        #expect(line.hasSuffix(" cmd=client|info user=default redir=-1 resp=2\n"))
        #expect(line.contains(" name=learner age=3 idle=0 flags=N db=2 "))
        let fields = line.dropLast().split(separator: " ").map { $0.split(separator: "=", maxSplits: 1)[0] }
        #expect(fields == ["id", "addr", "laddr", "fd", "name", "age", "idle", "flags", "db", "sub", "psub", "ssub",
                           "multi", "qbuf", "qbuf-free", "argv-mem", "multi-mem", "rbs", "rbp", "obl", "oll", "omem",
                           "tot-mem", "events", "cmd", "user", "redir", "resp"])
        #expect(engine.execute(["CLIENT", "LIST", "ID", Bytes(integer: session.id)], session: session) != .verbatim(format: "txt", text: ""))
        #expect(engine.execute(["CLIENT", "KILL", "ID", Bytes(integer: session.id), "SKIPME", "no"], session: session) == .one)
        #expect(session.isClosedByServer && !session.wantsToClose)
    }
}
