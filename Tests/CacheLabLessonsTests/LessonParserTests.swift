import Testing
@testable import CacheLabLessons

@Suite struct LessonParserTests {
    static let sample = """
        ---
        lesson: 3
        title: A sample
        minutes: 5
        ---

        # Heading

        Some prose.

        ```python
        x = 1
        cachelab> not a command: inside another fence
        ```

        ```cachelab
        cachelab> SET k v
        OK
        cachelab[1](TX)> GET k
        QUEUED

        @time fast
        cachelab> :clock +1d
        [...] (unix ms 1), manual clock
        @compare slow > 10x fast
        ```

        More prose.
        """

    @Test func parsesFrontMatterAndName() throws {
        let lesson = try LessonParser.parse(Self.sample, fileName: "03-a-sample.md")
        #expect(lesson.number == 3)
        #expect(lesson.name == "a-sample")
        #expect(lesson.title == "A sample")
        #expect(lesson.minutes == 5)
    }

    @Test func splitsProseAndSteps() throws {
        let lesson = try LessonParser.parse(Self.sample, fileName: "03-a-sample.md")
        #expect(lesson.parts.count == 3)
        guard case .prose(let first) = lesson.parts[0], case .prose(let last) = lesson.parts[2] else {
            Issue.record("expected prose around the step")
            return
        }
        #expect(first.hasPrefix("# Heading"))
        #expect(first.contains("cachelab> not a command"))
        #expect(last == "More prose.")
        let step = try #require(lesson.steps.first)
        #expect(step.actions == [
            .command(Command(prompt: "cachelab> ", input: "SET k v", expected: ["OK"], line: 17)),
            .command(Command(prompt: "cachelab[1](TX)> ", input: "GET k", expected: ["QUEUED"], line: 19)),
            .directive(.time(label: "fast")),
            .command(Command(prompt: "cachelab> ", input: ":clock +1d", expected: ["[...] (unix ms 1), manual clock"], line: 23)),
            .directive(.compare(slower: "slow", factor: 10, faster: "fast")),
        ])
    }

    @Test func promptForms() {
        #expect(LessonParser.splitPrompt("cachelab> PING")! == ("cachelab> ", "PING"))
        #expect(LessonParser.splitPrompt("cachelab[12]> PING")! == ("cachelab[12]> ", "PING"))
        #expect(LessonParser.splitPrompt("cachelab(TX)> EXEC")! == ("cachelab(TX)> ", "EXEC"))
        #expect(LessonParser.splitPrompt("cachelab[x]> PING") == nil)
        #expect(LessonParser.splitPrompt("(integer) 1") == nil)
        #expect(LessonParser.splitPrompt("cachelab>PING") == nil)
        #expect(LessonParser.splitPrompt("memcached> get k")! == ("memcached> ", "get k"))
        #expect(LessonParser.splitPrompt("memcached>get k") == nil)
    }

    @Test func rejectsBrokenLessons() {
        #expect(throws: LessonParser.Failure.self) { try LessonParser.parse("no front matter", fileName: "01-x.md") }
        #expect(throws: LessonParser.Failure.self) {
            try LessonParser.parse("---\ntitle: T\nminutes: 3\n---\n```cachelab\ncachelab> PING\n", fileName: "01-x.md")
        }
        #expect(throws: LessonParser.Failure.self) {
            try LessonParser.parse("---\ntitle: T\nminutes: 3\n---\n```cachelab\nPONG\n```\n", fileName: "01-x.md")
        }
        #expect(throws: LessonParser.Failure.self) {
            try LessonParser.parse("---\ntitle: T\nminutes: 3\n---\n```cachelab\ncachelab> PING\n@wait 3\n```\n", fileName: "01-x.md")
        }
        #expect(throws: LessonParser.Failure.self) {
            try LessonParser.parse("---\nlesson: 2\ntitle: T\nminutes: 3\n---\n", fileName: "01-x.md")
        }
        #expect(throws: LessonParser.Failure.self) {
            try LessonParser.parse("---\ntitle: T\n---\n", fileName: "01-x.md")
        }
    }

    @Test func directives() throws {
        #expect(try LessonParser.directive("@compare a > 100x b", at: 1) == .compare(slower: "a", factor: 100, faster: "b"))
        #expect(throws: LessonParser.Failure.self) { try LessonParser.directive("@compare a < 10x b", at: 1) }
        #expect(throws: LessonParser.Failure.self) { try LessonParser.directive("@time", at: 1) }
    }
}

@Suite struct OutputPatternTests {
    @Test func literalAndWildcards() {
        #expect(OutputPattern.mismatch(expected: ["OK"], actual: ["OK"]) == nil)
        #expect(OutputPattern.lineMatches("took [...]", "took 3.1 ms"))
        #expect(OutputPattern.lineMatches("[...] (unix ms 5), manual clock", "2023-11-14 (unix ms 5), manual clock"))
        #expect(!OutputPattern.lineMatches("[...] (unix ms 5), manual clock", "2023 (unix ms 6), manual clock"))
        #expect(OutputPattern.lineMatches("a[...]b[...]c", "aXXbYYc"))
        #expect(!OutputPattern.lineMatches("a[...]b[...]c", "aXXcYYb"))
        #expect(OutputPattern.mismatch(expected: ["1)", "...", "9)"], actual: ["1)", "2)", "3)", "9)"]) == nil)
        #expect(OutputPattern.mismatch(expected: ["...", "9)"], actual: ["9)"]) == nil)
    }

    @Test func explainsTheFirstDifference() throws {
        let mismatch = try #require(OutputPattern.mismatch(expected: ["1) \"a\"", "2) \"b\""], actual: ["1) \"a\"", "2) \"c\""]))
        #expect(mismatch.expectedLine == 1 && mismatch.actualLine == 1)
        #expect(mismatch.explanation.contains("line 2 of the output differs"))
        #expect(mismatch.explanation.contains("expected: 2) \"b\""))
        let short = try #require(OutputPattern.mismatch(expected: ["OK", "OK"], actual: ["OK"]))
        #expect(short.explanation.contains("stopped before"))
        let long = try #require(OutputPattern.mismatch(expected: ["OK"], actual: ["OK", "extra"]))
        #expect(long.explanation.contains("first extra line is:\n  extra"))
    }
}
