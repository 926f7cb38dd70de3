import CacheLabEngine
import Testing
@testable import CacheLabTerminal

@Suite struct ColonCommandTests {
    private func processor(clock: Clock = .manual(startMilliseconds: 1_700_000_000_000)) -> LineProcessor {
        let engine = Engine(clock: clock)
        return LineProcessor(engine: engine, session: engine.makeSession(), settings: ReplSettings(format: .tty), output: OutputBuffer())
    }

    private func run(_ line: String, on repl: LineProcessor) -> String {
        repl.process(line: Array(line.utf8))
        return String(decoding: repl.output.take(), as: UTF8.self)
    }

    @Test func clockAmountsParse() {
        #expect(ClockShift.parse("+90s") == 90_000)
        #expect(ClockShift.parse("90s") == 90_000)
        #expect(ClockShift.parse("-5m") == -300_000)
        #expect(ClockShift.parse("250ms") == 250)
        #expect(ClockShift.parse("+2h") == 7_200_000)
        #expect(ClockShift.parse("1d") == 86_400_000)
        #expect(ClockShift.parse("+1D") == 86_400_000)
        #expect(ClockShift.parse("90") == nil)
        #expect(ClockShift.parse("+s") == nil)
        #expect(ClockShift.parse("1.5h") == nil)
        #expect(ClockShift.parse("1w") == nil)
        #expect(ClockShift.parse("99999999999999999d") == nil)
    }

    @Test func clockAmountsFormat() {
        #expect(ClockShift.format(milliseconds: 90_000) == "1m30s")
        #expect(ClockShift.format(milliseconds: 86_400_250) == "1d250ms")
        #expect(ClockShift.format(milliseconds: -300_000) == "-5m")
        #expect(ClockShift.format(milliseconds: 0) == "0s")
    }

    @Test func dateTimes() {
        #expect(ClockShift.dateTime(milliseconds: 1_700_000_000_123, utc: true) == "2023-11-14 22:13:20.123 UTC")
        #expect(ClockShift.dateTime(milliseconds: -1, utc: true) == "1969-12-31 23:59:59.999 UTC")
    }

    @Test func clockCommandMovesTheEngineClock() {
        let repl = processor()
        let clock = repl.engine.clock
        #expect(run(":clock", on: repl).contains("(unix ms 1700000000000), manual clock"))
        _ = run(":clock +90s", on: repl)
        #expect(clock.nowMilliseconds == 1_700_000_090_000)
        _ = run(":CLOCK -1m", on: repl)
        #expect(clock.nowMilliseconds == 1_700_000_030_000)
        #expect(run(":clock soon", on: repl).hasPrefix("usage: :clock"))
        #expect(repl.sawError)
    }

    @Test func systemClockShowsItsOffset() {
        let repl = processor(clock: .system())
        #expect(run(":clock +1h", on: repl).contains(", +1h from the system clock"))
    }

    @Test func timingPrintsDurations() {
        let repl = processor()
        #expect(run(":timing on", on: repl) == "timing is on\n")
        let output = run("ping", on: repl)
        #expect(output.hasPrefix("PONG\n(took "))
        #expect(output.hasSuffix(" ms)\n"))
        #expect(run(":timing off", on: repl) == "timing is off\n")
        #expect(run("ping", on: repl) == "PONG\n")
        #expect(run(":timing maybe", on: repl) == "usage: :timing on|off\n")
    }

    @Test func hintsPreference() {
        let repl = processor()
        _ = run(":set nohints", on: repl)
        #expect(!repl.settings.hints)
        _ = run(":set hints", on: repl)
        #expect(repl.settings.hints)
    }

    @Test func helpListsEveryCommand() {
        let text = run(":help", on: processor())
        for name in [":help", ":clock", ":timing", ":set"] { #expect(text.contains(name)) }
    }

    @Test func unknownColonCommandsAreAnError() {
        let repl = processor()
        #expect(run(":nope", on: repl) == "unknown cachelab command ':nope', type :help for the list\n")
        #expect(repl.sawError)
    }

    @Test func colonHintsAndCompletion() {
        let table = ColonCommandTable.standard
        #expect(table.hint(for: Array(":clock".utf8)) == " [+90s]")
        #expect(table.hint(for: Array(":timing ".utf8)) == "on|off")
        #expect(table.hint(for: Array(":timing on".utf8)) == " ")
        #expect(table.hint(for: Array(":help".utf8)) == " ")
        #expect(table.hint(for: Array(":nope".utf8)) == nil)
        #expect(table.hint(for: Array("set".utf8)) == nil)
        #expect(table.completions(for: ":c") == [":clock", ":crash"])
        #expect(table.completions(for: ":") == [":help", ":clock", ":timing", ":set", ":viz", ":mode", ":restart", ":crash", ":files", ":lru_cache"])
        #expect(table.completions(for: ":clock +1").isEmpty)
    }

    @Test func moreCommandsCanBeAdded() {
        let shout = ColonCommand(name: "shout", usage: ":shout", summary: "test") { arguments, _ in
            .output(arguments.joined(separator: " ").uppercased() + "\n")
        }
        let table = ColonCommandTable(ColonCommandTable.standard.commands + [shout])
        let engine = Engine(clock: .manual())
        let repl = LineProcessor(engine: engine, session: engine.makeSession(), settings: ReplSettings(format: .tty), output: OutputBuffer(), colonCommands: table)
        #expect(run(":shout hi there", on: repl) == "HI THERE\n")
    }
}

@Suite struct RepeatPrefixTests {
    @Test func counts() {
        #expect(RepeatPrefix.parse(["3", "ping"]) == .repeated(count: 3))
        #expect(RepeatPrefix.parse(["+2", "ping"]) == .repeated(count: 2))
        #expect(RepeatPrefix.parse([" 4", "ping"]) == .repeated(count: 4))
    }

    @Test func notACount() {
        #expect(RepeatPrefix.parse(["3"]) == .none)
        #expect(RepeatPrefix.parse(["ping", "3"]) == .none)
        #expect(RepeatPrefix.parse(["3x", "ping"]) == .none)
        #expect(RepeatPrefix.parse(["0x3", "ping"]) == .none)
        #expect(RepeatPrefix.parse(["+", "ping"]) == .none)
        #expect(RepeatPrefix.parse(["  ", "ping"]) == .none)
    }

    @Test func invalidCounts() {
        #expect(RepeatPrefix.parse(["0", "ping"]) == .invalid)
        #expect(RepeatPrefix.parse(["-1", "ping"]) == .invalid)
        #expect(RepeatPrefix.parse(["", "ping"]) == .invalid)
        #expect(RepeatPrefix.parse(["99999999999999999999", "ping"]) == .invalid)
    }

    /// strtol reads a C string: the argument ends at its first NUL byte (checked on
    /// redis-cli 7.0.15, where `"\x00abc" x` prints the invalid-count message).
    @Test func endsAtTheFirstNUL() {
        #expect(RepeatPrefix.parse(["3\u{0}abc", "ping"]) == .repeated(count: 3))
        #expect(RepeatPrefix.parse(["\u{0}abc", "x"]) == .invalid)
        #expect(RepeatPrefix.parse([" \u{0}3", "x"]) == .none)
    }
}

@Suite struct PromptTests {
    @Test func mirrorsRedisCLI() {
        #expect(Prompt.text(database: 0, inTransaction: false) == "cachelab> ")
        #expect(Prompt.text(database: 2, inTransaction: false) == "cachelab[2]> ")
        #expect(Prompt.text(database: 0, inTransaction: true) == "cachelab(TX)> ")
        #expect(Prompt.text(database: 2, inTransaction: true) == "cachelab[2](TX)> ")
        let session = Engine(clock: .manual()).makeSession()
        session.databaseIndex = 5
        session.queuedCommands = []
        #expect(Prompt.text(for: session) == "cachelab[5](TX)> ")
    }
}
