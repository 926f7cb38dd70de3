import Testing
@testable import CacheLabTerminal

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
