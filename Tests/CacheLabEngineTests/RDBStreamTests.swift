import Testing
@testable import CacheLabEngine

/// Streams through CacheLab's own RDB writer and reader (type 19), and the checks that refuse
/// a damaged stream instead of loading one that would misbehave.
@Suite struct RDBStreamTests {
    static func run(_ engine: Engine, _ session: Session, _ words: [String]) -> Reply {
        engine.execute(words.map { Bytes($0) }, session: session)
    }

    static func streamEngine() -> (Engine, Session) {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        for i in 1...150 { _ = run(engine, session, ["XADD", "s", "*", i % 5 == 0 ? "g" : "f", "v\(i)"]) }
        _ = run(engine, session, ["XDEL", "s", "1700000000000-0", "1700000000000-7"])
        _ = run(engine, session, ["XGROUP", "CREATE", "s", "grp", "0"])
        _ = run(engine, session, ["XREADGROUP", "GROUP", "grp", "c1", "COUNT", "4", "STREAMS", "s", ">"])
        engine.clock.advance(byMilliseconds: 25)
        _ = run(engine, session, ["XREADGROUP", "GROUP", "grp", "c2", "COUNT", "2", "STREAMS", "s", ">"])
        _ = run(engine, session, ["XGROUP", "CREATECONSUMER", "s", "grp", "c3"])
        return (engine, session)
    }

    static let checks = [["XINFO", "STREAM", "s", "FULL"], ["XRANGE", "s", "-", "+"], ["XPENDING", "s", "grp", "-", "+", "10"]]

    @Test func streamsRoundTripWithGroupsAndTombstones() throws {
        let (engine, session) = Self.streamEngine()
        let file = RDBWriter.serialize(engine.snapshotKeyspace())
        let loaded = Engine(clock: .manual(startMilliseconds: 1_700_000_000_025))
        try loaded.install(try RDBReader.load(file, file: "t.rdb"), merge: false)
        let loadedSession = loaded.makeSession()
        for check in Self.checks {
            #expect(Self.run(engine, session, check) == Self.run(loaded, loadedSession, check), "\(check)")
        }
        // The loaded stream accepts new entries after its last ID.
        #expect(Self.run(loaded, loadedSession, ["XADD", "s", "1700000000000-0", "f", "v"]).isError)
    }

    @Test func consumerPendingIDOutsideTheGroupPELIsRefused() throws {
        let (engine, _) = Self.streamEngine()
        var file = RDBWriter.serialize(engine.snapshotKeyspace(), options: .init(compression: false, checksum: false))
        // c2 owns 1700000000000-5 and -6; point one of them at an ID the group PEL lacks.
        let owned = RDBWriter.rawID(StreamID(ms: 1_700_000_000_000, seq: 6))
        let positions = (0...(file.count - 16)).filter { Array(file[$0..<($0 + 16)]) == owned }
        #expect(positions.count == 2)  // once in the group PEL, once in c2's list
        file[positions[1] + 15] = 9
        #expect(throws: RDBReader.LoadError.self) { try RDBReader.load(file, file: "bad.rdb") }
    }
}

