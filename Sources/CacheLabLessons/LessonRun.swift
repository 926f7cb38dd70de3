/// One lesson being run on its sandbox: runs commands, checks them against their step,
/// records timings and evaluates `@compare`. The script, interactive and demo modes are
/// all built on it, so the three judge a step the same way.
public final class LessonRun {
    public let lesson: Lesson
    public let sandbox: LessonSandbox
    /// CPU seconds of the commands timed with `@time`, by label.
    public private(set) var timings: [String: Double] = [:]
    /// The duration of the last command run, for the next `@time`.
    private var lastCPUSeconds: Double?

    public init(lesson: Lesson) throws {
        self.lesson = lesson
        self.sandbox = try LessonSandbox()
    }

    /// What happened when a step's command was run.
    public struct CommandResult: Sendable, Equatable {
        public var output: LessonSandbox.LineOutput
        /// Set when the output differs from the step's.
        public var mismatch: Mismatch?
        /// Set when the REPL's prompt was not the one the lesson shows (e.g. another db).
        public var promptNote: String?

        public var passed: Bool { mismatch == nil && promptNote == nil }

        /// What to tell a student when it did not pass.
        public var explanation: String {
            var text = promptNote.map { $0 + "\n" } ?? ""
            if let mismatch { text += mismatch.explanation }
            return text
        }
    }

    /// Runs any line the student types, without judging it.
    public func runFree(_ line: String) -> LessonSandbox.LineOutput {
        let output = sandbox.run(line)
        lastCPUSeconds = output.cpuSeconds
        return output
    }

    /// Runs a step's command and compares its output with the step's.
    public func run(_ command: Command) -> CommandResult {
        let prompt = sandbox.prompt
        return check(command, output: runFree(command.input), promptBefore: prompt)
    }

    /// Judges output already produced by running `command` (typed by the student).
    public func check(_ command: Command, output: LessonSandbox.LineOutput, promptBefore: String) -> CommandResult {
        var note: String?
        if promptBefore != command.prompt {
            note = "the lesson expected the prompt \(command.prompt.trimmingSpaces) before this command, "
                + "but the REPL showed \(promptBefore.trimmingSpaces)"
        }
        let mismatch = OutputPattern.mismatch(expected: command.expected, actual: output.lines)
        return CommandResult(output: output, mismatch: mismatch, promptNote: note)
    }

    /// What a directive reported.
    public struct DirectiveResult: Sendable, Equatable {
        public var text: String
        public var passed: Bool
    }

    /// Applies `@time` or checks `@compare`.
    public func apply(_ directive: Directive) -> DirectiveResult {
        switch directive {
        case .time(let label):
            guard let seconds = lastCPUSeconds else {
                return DirectiveResult(text: "@time \(label): no command has run yet\n", passed: false)
            }
            timings[label] = seconds
            return DirectiveResult(text: "(timed as \(label): \(Self.describe(seconds: seconds)) of CPU time)\n", passed: true)
        case .compare(let slower, let factor, let faster):
            guard let slow = timings[slower], let fast = timings[faster] else {
                let missing = timings[slower] == nil ? slower : faster
                return DirectiveResult(text: "@compare: nothing was timed as \(missing)\n", passed: false)
            }
            let ratio = slow / max(fast, 1e-9)
            let holds = ratio >= factor
            let verdict = holds
                ? "\(slower) was about \(Self.describe(ratio: ratio)) slower than \(faster)"
                : "expected \(slower) to be at least \(Self.describe(ratio: factor)) slower than \(faster), "
                    + "but it was only \(Self.describe(ratio: ratio))"
            let text = "(\(verdict): \(Self.describe(seconds: slow)) against \(Self.describe(seconds: fast)) of CPU time)\n"
            return DirectiveResult(text: text, passed: holds)
        }
    }

    /// `0.000012` → `12 µs`, `0.0153` → `15.3 ms`, `2.5` → `2.50 s`.
    static func describe(seconds: Double) -> String {
        if seconds >= 1 { return "\(rounded(seconds, 2)) s" }
        if seconds >= 0.001 { return "\(rounded(seconds * 1000, 1)) ms" }
        return "\(Int((seconds * 1_000_000).rounded())) µs"
    }

    /// A ratio as an order of magnitude a person reads at a glance: `x12`, `x1,500`.
    static func describe(ratio: Double) -> String {
        if ratio < 10 { return "\(rounded(ratio, 1))x" }
        // Two significant digits: a timing is no more precise than that.
        var magnitude = 1.0
        while ratio / magnitude >= 100 { magnitude *= 10 }
        let value = Int((ratio / magnitude).rounded() * magnitude)
        return "\(value)x"
    }

    static func rounded(_ value: Double, _ places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        let whole = scaled / Int(scale)
        let fraction = String(scaled % Int(scale) + Int(scale)).dropFirst()
        return places == 0 ? "\(whole)" : "\(whole).\(fraction)"
    }
}
