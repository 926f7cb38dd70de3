import Testing
@testable import CacheLabEngine

/// Key positions from Redis's key specs, as COMMAND GETKEYS reports them (checked against a
/// real 7.0.15 server).
@Suite struct CommandKeysTests {
    func keys(_ line: [Bytes]) -> [String] {
        guard let metadata = CommandMetadata.byName[line[0].string] else { return ["<unknown>"] }
        return metadata.keyReferences(in: line).map { line[$0.position].string }
    }

    @Test func rangesAndSteps() {
        #expect(keys(["get", "a"]) == ["a"])
        #expect(keys(["mset", "a", "1", "b", "2"]) == ["a", "b"])
        #expect(keys(["mset", "a", "b", "c"]) == ["a", "c"])
        #expect(keys(["mget", "a", "b", "c"]) == ["a", "b", "c"])
        #expect(keys(["lmove", "a", "b", "left", "right"]) == ["a", "b"])
        #expect(keys(["bzpopmin", "a", "b", "0"]) == ["a", "b"])
    }

    @Test func keyCountsAndKeywords() {
        #expect(keys(["zunionstore", "d", "2", "a", "b"]) == ["d", "a", "b"])
        #expect(keys(["zunionstore", "d", "3", "a", "b"]) == [])
        #expect(keys(["eval", "x", "0"]) == [])
        #expect(keys(["eval", "x", "2", "a", "b", "c"]) == ["a", "b"])
        #expect(keys(["xread", "COUNT", "1", "STREAMS", "a", "b", "1", "2"]) == ["a", "b"])
        #expect(keys(["xread", "STREAMS", "a", "b", "1"]) == ["a"])
        #expect(keys(["georadius", "a", "1", "2", "3", "m", "STORE", "x"]) == ["a", "x"])
        #expect(keys(["georadius", "a", "1", "2", "3", "m"]) == ["a"])
    }

    @Test func commandsWithTheirOwnRules() {
        #expect(keys(["sort", "a", "BY", "x", "GET", "y"]) == ["a"])
        #expect(keys(["sort", "a", "STORE", "b", "STORE", "c"]) == ["a", "c"])
        #expect(keys(["sort_ro", "a", "BY", "x"]) == ["a"])
        #expect(keys(["migrate", "h", "1", "", "0", "5", "KEYS", "a", "b"]) == ["a", "b"])
        #expect(keys(["migrate", "h", "1", "k", "0", "5", "KEYS", "a"]) == [])
        let set = CommandMetadata.byName["set"]!
        #expect(set.keyReferences(in: ["set", "k", "v"]).first?.flags == ["OW", "update"])
        #expect(set.keyReferences(in: ["set", "k", "v", "GET"]).first?.flags == ["RW", "access", "update"])
        let bitfield = CommandMetadata.byName["bitfield"]!
        #expect(bitfield.keyReferences(in: ["bitfield", "k", "GET", "u8", "0"]).first?.flags == ["RO", "access"])
        #expect(bitfield.keyReferences(in: ["bitfield", "k", "SET", "u8", "0", "1"]).first?.flags == ["RW", "access", "update"])
    }

    @Test func channelsAreNotKeys() {
        #expect(!CommandMetadata.byName["publish"]!.hasKeyArguments)
        #expect(!CommandMetadata.byName["ping"]!.hasKeyArguments)
        #expect(CommandMetadata.byName["get"]!.hasKeyArguments)
        #expect(CommandMetadata.byName["sort_ro"]!.hasKeyArguments)
    }

    @Test func getKeysReplies() {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        #expect(engine.execute(["COMMAND", "GETKEYS", "config", "get", "x"], session: session)
            == .error("ERR The command has no key arguments"))
        #expect(engine.execute(["COMMAND", "GETKEYS", "nosuch", "x"], session: session)
            == .error("ERR Invalid command specified"))
        #expect(engine.execute(["COMMAND", "GETKEYS", "config", "nosuch"], session: session)
            == .error("ERR Invalid command specified"))
    }
}
