import Testing
@testable import CacheLabTerminal

/// Tab completion candidates.
@Suite struct CompletionTests {
    @Test func prefixMatchesInSortedOrder() {
        let candidates = Completion.candidates(for: "se")
        #expect(candidates.prefix(6) == ["SELECT", "SET", "SETBIT", "SETEX", "SETNX", "SETRANGE"])
        #expect(!candidates.contains("SADD"))
    }

    /// redis-cli answers in upper case, whatever the case typed.
    @Test func answersInUpperCaseWhateverTheCaseTyped() {
        #expect(Completion.candidates(for: "SE").first == "SELECT")
        #expect(Completion.candidates(for: "Se").first == "SELECT")
        #expect(Completion.candidates(for: "get") == ["GET", "GETBIT", "GETDEL", "GETEX", "GETRANGE", "GETSET"])
    }

    @Test func subcommandsComplete() {
        #expect(Completion.candidates(for: "config g") == ["CONFIG GET"])
        #expect(Completion.candidates(for: "CONFIG G") == ["CONFIG GET"])
        #expect(Completion.candidates(for: "client no").sorted() == ["CLIENT NO-EVICT"])
    }

    @Test func theWholeLineMustBeAPrefix() {
        #expect(Completion.candidates(for: "set k").isEmpty)
        #expect(Completion.candidates(for: "zz").isEmpty)
    }

    @Test func helpCompletesCommandsAndGroups() {
        let candidates = Completion.candidates(for: "help @st")
        #expect(candidates == ["help @stream", "help @string"])
        // What precedes the name is kept as typed.
        #expect(Completion.candidates(for: "HELP  getd") == ["HELP  GETDEL"])
        #expect(Completion.candidates(for: "help getd") == ["help GETDEL"])
        #expect(Completion.candidates(for: "help ").first == "help @bitmap")
    }

    @Test func emptyLineOffersEverything() {
        #expect(Completion.candidates(for: "").count == HelpTable.standard.commands.count)
    }
}
