import Testing
@testable import CacheLabTerminal

/// Tab completion candidates.
@Suite struct CompletionTests {
    @Test func prefixMatchesInSortedOrder() {
        let candidates = Completion.candidates(for: "se")
        #expect(candidates.prefix(6) == ["select", "set", "setbit", "setex", "setnx", "setrange"])
        #expect(!candidates.contains("sadd"))
    }

    @Test func answersInTheCaseTyped() {
        #expect(Completion.candidates(for: "SE").first == "SELECT")
        #expect(Completion.candidates(for: "Se").first == "SELECT")
        #expect(Completion.candidates(for: "get") == ["get", "getbit", "getdel", "getex", "getrange", "getset"])
    }

    @Test func subcommandsComplete() {
        #expect(Completion.candidates(for: "config g") == ["config get"])
        #expect(Completion.candidates(for: "CONFIG G") == ["CONFIG GET"])
        #expect(Completion.candidates(for: "client no").sorted() == ["client no-evict"])
    }

    @Test func theWholeLineMustBeAPrefix() {
        #expect(Completion.candidates(for: "set k").isEmpty)
        #expect(Completion.candidates(for: "zz").isEmpty)
    }

    @Test func helpCompletesCommandsAndGroups() {
        let candidates = Completion.candidates(for: "help @st")
        #expect(candidates == ["help @stream", "help @string"])
        #expect(Completion.candidates(for: "HELP  getd") == ["HELP  getdel"])
        #expect(Completion.candidates(for: "help ").first == "help @bitmap")
    }

    @Test func emptyLineOffersEverything() {
        #expect(Completion.candidates(for: "").count == HelpTable.standard.commands.count)
    }
}
