import Testing
@testable import CacheLabTerminal

/// Hints as redis-cli 7.0 computes them (checked against the real redis-cli under tmux).
@Suite struct HintsTests {
    private let setSyntax = "key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]"

    @Test func commandNameAloneShowsAllArguments() {
        #expect(Hints.hint(for: "set") == " " + setSyntax)
        #expect(Hints.hint(for: "SET ") == setSyntax)
        #expect(Hints.hint(for: "get") == " key")
    }

    @Test func typedArgumentsAreDropped() {
        #expect(Hints.hint(for: "set k") == " value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]")
        #expect(Hints.hint(for: "set k ") == "value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]")
        #expect(Hints.hint(for: "set k v ") == "[NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]")
        // Optional arguments are never dropped: redis-cli stops at the first '['.
        #expect(Hints.hint(for: "set k v nx ex 10 ") == "[NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]")
        #expect(Hints.hint(for: "get k ") == "")
        #expect(Hints.hint(for: "get k") == " ")
    }

    @Test func subcommandsMatchTheLongestPrefix() {
        #expect(Hints.hint(for: "config get") == " parameter [parameter ...]")
        #expect(Hints.hint(for: "CONFIG SET maxmemory ") == "value [parameter value ...]")
        #expect(Hints.hint(for: "config ") == "")
        #expect(Hints.hint(for: "config bogus") == " ")
    }

    @Test func noHintWithoutAKnownCommand() {
        #expect(Hints.hint(for: "") == nil)
        #expect(Hints.hint(for: "   ") == nil)
        #expect(Hints.hint(for: "nosuchcommand") == nil)
        #expect(Hints.hint(for: "se") == nil)
        #expect(Hints.hint(for: "set \"unbalanced") == nil)
    }

    @Test func quotedArgumentsCountAsOne() {
        #expect(Hints.hint(for: "set \"a b\" ") == "value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]")
    }
}
