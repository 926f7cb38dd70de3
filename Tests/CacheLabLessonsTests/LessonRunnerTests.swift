import Foundation
import Testing
@testable import CacheLabLessons
import CacheLabTerminal

/// A terminal that types scripted lines and records what is written.
final class ScriptedTerminal: LessonTerminal {
    var inputs: [String]
    var written = ""
    var prompts: [String] = []

    init(_ inputs: [String]) { self.inputs = inputs }

    func readLine(prompt: String) -> LineEditor.ReadResult {
        prompts.append(prompt)
        written += prompt
        guard !inputs.isEmpty else { return .endOfInput }
        let line = inputs.removeFirst()
        written += line + "\n"
        return .line(Array(line.utf8))
    }

    func write(_ text: String) { written += text }
}

struct NoPacer: DemoPacer {
    final class Counter: @unchecked Sendable { var characters = 0; var pauses = 0 }
    let counter = Counter()
    func afterCharacter() { counter.characters += 1 }
    func betweenSteps() -> Bool { counter.pauses += 1; return true }
}

@Suite struct LessonRunnerTests {
    static func lesson(_ body: String, number: Int = 90) throws -> Lesson {
        try LessonParser.parse("---\ntitle: Crafted\nminutes: 1\n---\n" + body, fileName: "\(number)-crafted.md")
    }

    static let good = """
        Intro.

        ```cachelab
        cachelab> SET k v EX 100
        OK
        cachelab> TTL k
        (integer) 100
        ```

        ```cachelab
        cachelab> :clock +100s
        [...] (unix ms 1700000100000), manual clock
        cachelab> GET k
        (nil)
        ```
        """

    @Test func aMatchingLessonPasses() throws {
        let report = try ScriptRunner.run(try Self.lesson(Self.good))
        #expect(report.passed, "\(report.transcript)")
        #expect(report.commands == 4)
        #expect(report.transcript.contains("cachelab> TTL k\n(integer) 100\n"))
    }

    @Test func aDeliberateMismatchFailsWithAClearExplanation() throws {
        let lesson = try Self.lesson("""
            ```cachelab
            cachelab> SET k v EX 100
            OK
            cachelab> TTL k
            (integer) 99
            cachelab> LPUSH k x
            (integer) 1
            ```
            """)
        let report = try ScriptRunner.run(lesson, fileName: "90-crafted.md")
        #expect(!report.passed)
        #expect(report.failures == 2)
        #expect(report.transcript.contains("!! 90-crafted.md:8: line 1 of the output differs:\n  expected: (integer) 99\n  got:      (integer) 100\n"))
        #expect(report.transcript.contains("got:      (error) WRONGTYPE Operation against a key holding the wrong kind of value"))
    }

    @Test func aPromptOtherThanTheLessonsIsReported() throws {
        let lesson = try Self.lesson("""
            ```cachelab
            cachelab> SELECT 1
            OK
            cachelab> PING
            PONG
            ```
            """)
        let report = try ScriptRunner.run(lesson)
        #expect(report.failures == 1)
        #expect(report.transcript.contains("expected the prompt cachelab> before this command, but the REPL showed cachelab[1]>"))
    }

    @Test func timingComparisons() throws {
        let lesson = try Self.lesson("""
            ```cachelab
            cachelab> :fib naive 27
            fib(27) = 196418 (naive recursion, 635621 calls)
            took [...]
            @time slow
            cachelab> :fib iterative 27
            fib(27) = 196418 (iteration, 27 steps)
            took [...]
            @time fast
            @compare slow > 10x fast
            ```
            """)
        let report = try ScriptRunner.run(lesson)
        #expect(report.passed, "\(report.transcript)")
        #expect(report.transcript.contains("(slow was about "))

        let run = try LessonRun(lesson: lesson)
        _ = run.runFree("PING")
        _ = run.apply(.time(label: "a"))
        _ = run.runFree(":fib naive 25")
        _ = run.apply(.time(label: "b"))
        let wrong = run.apply(.compare(slower: "a", factor: 10, faster: "b"))
        #expect(!wrong.passed)
        #expect(wrong.text.contains("expected a to be at least 10x slower than b"))
        #expect(!run.apply(.compare(slower: "a", factor: 10, faster: "missing")).passed)
    }

    @Test func eachRunHasItsOwnWorld() throws {
        let first = try LessonRun(lesson: try Self.lesson(Self.good))
        _ = first.runFree("SET shared 1")
        let second = try LessonRun(lesson: try Self.lesson(Self.good))
        #expect(second.runFree("GET shared").text == "(nil)\n")
        #expect(first.sandbox.directory != second.sandbox.directory)
        #expect(FileManager.default.fileExists(atPath: second.sandbox.directory))
        #expect(second.runFree("CONFIG GET dir").text.contains(second.sandbox.directory))
    }

    /// `:crash` and `:restart` start a new engine on the sandbox's own folder: the lesson's
    /// files, never the student's, and the sandbox follows the new engine.
    @Test func restartsStayInTheSandbox() throws {
        let run = try LessonRun(lesson: try Self.lesson(Self.good))
        let before = run.sandbox.engine
        _ = run.runFree("CONFIG SET appendonly yes")
        _ = run.runFree("SET k v")
        let crashed = run.runFree(":crash").text
        #expect(crashed.contains("Data: \(run.sandbox.directory)/appendonlydir/appendonly.aof.manifest (1 key loaded in "))
        #expect(run.sandbox.engine !== before)
        #expect(run.runFree("CONFIG GET dir").text.contains(run.sandbox.directory))
        #expect(run.runFree(":restart").text.hasPrefix("Shut down cleanly: the dump was saved (save points are set), the AOF was synced"))
        #expect(run.runFree("GET k").text == "\"v\"\n")
        #expect(FileManager.default.fileExists(atPath: run.sandbox.directory + "/dump.rdb"))
    }

    @Test func describesDurationsAndRatios() {
        #expect(LessonRun.describe(seconds: 0.000012) == "12 µs")
        #expect(LessonRun.describe(seconds: 0.0153) == "15.3 ms")
        #expect(LessonRun.describe(seconds: 2.5) == "2.50 s")
        #expect(LessonRun.describe(ratio: 3.14) == "3.1x")
        #expect(LessonRun.describe(ratio: 1534) == "1500x")
    }
}

@Suite struct InteractiveLessonTests {
    static let lesson = try! LessonParser.parse("""
        ---
        title: Crafted
        minutes: 1
        ---
        Read this first.

        ```cachelab
        cachelab> SET a 1
        OK
        cachelab> INCR a
        (integer) 2
        cachelab> GET a
        "2"
        ```
        """, fileName: "91-crafted.md")

    static func store() -> ProgressStore {
        ProgressStore(directory: NSTemporaryDirectory() + "cachelab-progress-\(UUID().uuidString)")
    }

    @Test func typedRunHintAndFreeLines() throws {
        let terminal = ScriptedTerminal(["set a 1", "hint", "DBSIZE", "run", "GET a"])
        let store = Self.store()
        let session = try InteractiveLesson(lesson: Self.lesson, terminal: terminal, progress: store)
        #expect(try session.start())
        #expect(terminal.written.contains("Read this first."))
        #expect(terminal.written.contains("next: SET a 1\ncachelab> set a 1\nOK\n"))
        #expect(terminal.written.contains("type: INCR a\nit should print:\n  | (integer) 2\n"))
        #expect(terminal.written.contains("cachelab> DBSIZE\n(integer) 1\n(the lesson proposes: INCR a"))
        #expect(terminal.written.contains("cachelab> INCR a\n(integer) 2\n"))
        #expect(terminal.written.contains("That is the end of lesson 91"))
        #expect(store.position(of: 91) == nil)
    }

    @Test func aMismatchIsExplainedAndNextSkips() throws {
        let terminal = ScriptedTerminal(["SET a 1", "SET a 5", "INCR a", "next", "quit"])
        let store = Self.store()
        let session = try InteractiveLesson(lesson: Self.lesson, terminal: terminal, progress: store)
        #expect(try !session.start())
        // SET a 5 is not the proposed command: it simply runs, and the guide repeats its proposal.
        #expect(terminal.written.contains("cachelab> SET a 5\nOK\n(the lesson proposes: INCR a"))
        // INCR a is the proposed command, but the world changed: 6, not 2, explained.
        #expect(terminal.written.contains("line 1 of the output differs:\n  expected: (integer) 2\n  got:      (integer) 6"))
        #expect(terminal.written.contains("(skipped;"))
        #expect(terminal.written.contains("next: GET a"))
        // Items: prose, SET, INCR, GET: it stopped on GET.
        #expect(store.position(of: 91) == 3)
    }

    @Test func backAndResumeRebuildTheWorld() throws {
        let store = Self.store()
        let first = ScriptedTerminal(["run", "run", "quit"])
        _ = try InteractiveLesson(lesson: Self.lesson, terminal: first, progress: store).start()
        #expect(store.position(of: 91) == 3)

        let second = ScriptedTerminal(["y", "back", "run", "run"])
        let resumed = try InteractiveLesson(lesson: Self.lesson, terminal: second, progress: store)
        #expect(try resumed.start())
        #expect(second.written.contains("Resuming."))
        #expect(second.written.contains("back one command"))
        // After going back to INCR, the world holds a = 1 again, so INCR prints 2.
        #expect(second.written.contains("cachelab> INCR a\n(integer) 2\n"))
        #expect(second.written.contains("cachelab> GET a\n\"2\"\n"))
        #expect(store.position(of: 91) == nil)
    }

    @Test func demoTypesEachCharacterAndPausesBetweenSteps() throws {
        let lesson = try LessonRunnerTests.lesson(LessonRunnerTests.good)
        var text = ""
        let pacer = NoPacer()
        let failures = try DemoRunner.run(lesson, write: { text += $0 }, pacer: pacer)
        #expect(failures == 0)
        #expect(pacer.counter.pauses == 1)
        #expect(pacer.counter.characters == "SET k v EX 100TTL k:clock +100sGET k".count)
        #expect(text.contains("cachelab> TTL k\n(integer) 100\n"))
    }

    @Test func memcachedStepsShowItsPromptAndTakeDataLines() throws {
        let lesson = try LessonParser.parse("""
            ---
            title: Crafted
            minutes: 1
            ---
            ```cachelab
            cachelab> :mode memcached
            memcached 1.6.18 model (-m 64, text protocol); :mode redis to return
            memcached> set u 0 0 9
            memcached> {"a":"b"}
            STORED
            memcached> get u
            VALUE u 0 9
            {"a":"b"}
            END
            ```
            """, fileName: "92-crafted.md")
        let terminal = ScriptedTerminal([":mode memcached", "set u 0 0 9", "{\"a\":\"b\"}", "run"])
        #expect(try InteractiveLesson(lesson: lesson, terminal: terminal, progress: Self.store()).start())
        #expect(terminal.prompts.filter { $0 == "memcached> " }.count == 3)
        #expect(terminal.written.contains("memcached> {\"a\":\"b\"}\nSTORED\n"))
        #expect(terminal.written.contains("memcached> get u\nVALUE u 0 9\n{\"a\":\"b\"}\nEND\n"))
        #expect(!terminal.written.contains("the lesson proposes"))
        #expect(try ScriptRunner.run(lesson).passed)
    }

    @Test func sameCommandIgnoresOnlyTheNamesCase() {
        #expect(InteractiveLesson.sameCommand("set  a 1", "SET a 1"))
        #expect(!InteractiveLesson.sameCommand("SET A 1", "SET a 1"))
        #expect(InteractiveLesson.sameCommand("GET \"a\"", "GET a"))
        #expect(InteractiveLesson.sameCommand("{\"city\":\"Lyon\"}", "{\"city\":\"Lyon\"}"))
        #expect(!InteractiveLesson.sameCommand("{\"city\":\"Paris\"}", "{\"city\":\"Lyon\"}"))
    }
}

@Suite struct AllLessonsTests {
    static let catalog: LessonCatalog = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        return try! LessonCatalog(directory: root + "/Lessons")
    }()

    @Test func everyLessonRunsWithoutAMismatch() throws {
        #expect(!Self.catalog.entries.isEmpty)
        for entry in Self.catalog.entries {
            let report = try ScriptRunner.run(entry.lesson, fileName: entry.fileName)
            #expect(report.passed, "\(entry.fileName):\n\(report.transcript)")
            #expect(report.commands > 0)
        }
    }

    /// The syllabus of the lessons issue: nine lessons, every one ready, each listed (with a
    /// link to its file) in the lessons README, which maps no seed point to a lesson still to come.
    @Test func theWholeSyllabusIsThereAndListed() throws {
        #expect(Self.catalog.entries.map(\.lesson.number) == Array(1...9))
        let readme = try String(contentsOfFile: Self.catalog.directory + "/README.md", encoding: .utf8)
        for entry in Self.catalog.entries {
            let row = "| \(entry.lesson.number) | [\(entry.lesson.title)](\(entry.fileName))"
            #expect(readme.contains(row), "README lists \(entry.fileName)")
            #expect(readme.contains(row) && readme.components(separatedBy: "\n").first { $0.hasPrefix(row) }?
                .hasSuffix("| \(entry.lesson.minutes) | ready |") == true, "README row of \(entry.fileName)")
        }
        #expect(!readme.contains("coming"))
    }

    @Test func lessonNumbersAreUniqueAndFindable() {
        let numbers = Self.catalog.entries.map(\.lesson.number)
        #expect(Set(numbers).count == numbers.count)
        for entry in Self.catalog.entries {
            #expect(Self.catalog.find(String(entry.lesson.number))?.fileName == entry.fileName)
            #expect(Self.catalog.find(entry.lesson.name)?.fileName == entry.fileName)
        }
    }
}
