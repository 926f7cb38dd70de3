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

/// HELP output, in redis-cli's exact layout.
@Suite struct HelpTextTests {
    @Test func commandHelp() {
        #expect(HelpText.output(for: ["get"]) == "\r\n  \u{1b}[1mGET\u{1b}[0m \u{1b}[90mkey\u{1b}[0m\r\n  \u{1b}[33msummary:\u{1b}[0m Get the value of a key\r\n  \u{1b}[33msince:\u{1b}[0m 1.0.0\r\n  \u{1b}[33mgroup:\u{1b}[0m string\r\n\r\n")
    }

    @Test func containerListsItsSubcommands() {
        let text = HelpText.output(for: ["config"])
        #expect(text.contains("\u{1b}[1mCONFIG\u{1b}[0m \u{1b}[90m\u{1b}[0m"))
        #expect(text.contains("\u{1b}[1mCONFIG GET\u{1b}[0m \u{1b}[90mparameter [parameter ...]\u{1b}[0m"))
        #expect(HelpText.output(for: ["config", "get"]).components(separatedBy: "summary:").count == 2)
    }

    @Test func groupHelpOmitsTheGroupLine() {
        let text = HelpText.output(for: ["@connection"])
        #expect(text.contains("\u{1b}[1mPING\u{1b}[0m \u{1b}[90m[message]\u{1b}[0m"))
        #expect(!text.contains("group:"))
    }

    @Test func unknownTopicsPrintAnEmptyLine() {
        #expect(HelpText.output(for: ["nosuch"]) == "\r\n")
        #expect(HelpText.output(for: ["@nosuch"]) == "\r\n")
    }

    @Test func genericHelpNamesCacheLab() {
        #expect(HelpText.output(for: []).hasPrefix("cachelab "))
        #expect(HelpText.output(for: []).contains("\"help @<group>\""))
    }

    @Test func syntaxFollowsRedisCLIRules() {
        let entry = HelpTable.standard.entries.first { $0.full == "ZADD" }
        #expect(entry?.params == "key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]")
        let sort = HelpTable.standard.entries.first { $0.full == "SORT" }
        #expect(sort?.params.contains("[GET pattern [GET pattern ...]]") == true)
        let migrate = HelpTable.standard.entries.first { $0.full == "MIGRATE" }
        #expect(migrate?.params.hasPrefix("host port key|\"\" destination-db timeout") == true)
    }
}
