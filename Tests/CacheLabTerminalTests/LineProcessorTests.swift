import CacheLabEngine
import Testing
@testable import CacheLabTerminal

/// The read-eval-print rules shared by piped and interactive input, run in-process.
@Suite struct LineProcessorTests {
    private func run(_ lines: [String], format: OutputFormat = .tty) -> (output: String, exited: Bool, sawError: Bool) {
        let engine = Engine(clock: .manual())
        let repl = LineProcessor(engine: engine, session: engine.makeSession(), settings: ReplSettings(format: format), output: OutputBuffer())
        var exited = false
        for line in lines where !exited {
            exited = repl.process(line: Array(line.utf8)).exit
        }
        return (String(decoding: repl.output.take(), as: UTF8.self), exited, repl.sawError)
    }

    @Test func blankAndEmptyLinesPrintNothing() {
        #expect(run(["", "   ", "\t"]).output == "")
    }

    @Test func invalidQuotes() {
        #expect(run(["echo \"open"]).output == "Invalid argument(s)\n")
    }

    @Test func repeatPrefix() {
        #expect(run(["3 ping"]).output == "PONG\nPONG\nPONG\n")
        #expect(run(["0 ping"]).output == "Invalid redis-cli repeat command option value.\n")
        #expect(run(["2 echo hi"], format: .raw).output == "hi\nhi\n")
        // A lone number is a command, not a count.
        #expect(run(["3"]).output.hasPrefix("(error) ERR unknown command '3'"))
    }

    @Test func quitAndExitStopWithoutOutput() {
        let result = run(["ping", "QUIT", "ping"])
        #expect(result.output == "PONG\n")
        #expect(result.exited)
        #expect(run(["exit"]).exited)
    }

    @Test func errorsAreNoticed() {
        #expect(!run(["ping"]).sawError)
        #expect(run(["ping a b"]).sawError)
    }

    @Test func helpAndQuestionMark() {
        #expect(run(["help get"]).output == HelpText.output(for: ["get"]))
        #expect(run(["? get"]).output == HelpText.output(for: ["get"]))
        #expect(run(["2 help get"]).output == HelpText.output(for: ["get"]))
    }

    @Test func redisCLIBuiltins() {
        #expect(run(["restart"]).output == "Use 'restart' only in Lua debugging mode.\n")
        #expect(run(["clear"]).output == "\u{1b}[H\u{1b}[2J")
    }

    @Test func nulEndsALine() {
        #expect(run(["ping\u{0}ignored"]).output == "PONG\n")
        #expect(run(["\u{0}ping"]).output == "")
    }

    @Test func slowRepliesShowTheirTime() {
        #expect(LineProcessor.redisCLIElapsed(microseconds: 523_000) == "(0.52s)\n")
        #expect(LineProcessor.redisCLIElapsed(microseconds: 12_345_678) == "(12.35s)\n")
        #expect(LineProcessor.timingLine(microseconds: 42) == "(took 0.042 ms)\n")
        #expect(LineProcessor.timingLine(microseconds: 1_500_000) == "(took 1500.000 ms)\n")
    }
}

@Suite struct OutputBufferTests {
    @Test func decimals() {
        var out = OutputBuffer()
        for value: Int64 in [0, 7, -7, 1234567890, Int64.max, Int64.min] {
            out.append(decimal: value)
            out.append(0x20)
        }
        #expect(String(decoding: out.bytes, as: UTF8.self) == "0 7 -7 1234567890 9223372036854775807 -9223372036854775808 ")
    }
}
