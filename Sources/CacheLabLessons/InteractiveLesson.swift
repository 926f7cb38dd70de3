import CacheLabEngine
import CacheLabTerminal

/// What the interactive and demo runners need from a terminal; tests script it.
public protocol LessonTerminal: AnyObject {
    /// Reads one line after `prompt`.
    func readLine(prompt: String) -> LineEditor.ReadResult
    /// Prints text as is.
    func write(_ text: String)
}

/// `cachelab lesson N`: the lesson as a real REPL with a guide beside it.
///
/// The lesson is flattened into items — prose, commands, directives. Prose is shown a screen
/// at a time; then the next command is proposed and the student types it, or anything else
/// (every line goes to the same line processor as in the REPL). A line equal to the proposed
/// command is checked against the step; other lines just run. The guide's own words:
/// `next` (skip the proposed command), `back` (return to the previous one), `hint` (show the
/// command and what it prints), `run` (type it for me), `quit`.
///
/// `back` and resuming rebuild the lesson's world: a fresh sandbox replays every command
/// before the position, so the engine holds exactly what the lesson expects there.
public final class InteractiveLesson {
    public enum Item: Sendable, Equatable {
        case prose(String)
        case command(Command)
        case directive(Directive)
    }

    public let lesson: Lesson
    public let items: [Item]
    let terminal: LessonTerminal
    let progress: ProgressStore?
    /// Lines of prose shown before pausing.
    let screenLines: Int
    public private(set) var run: LessonRun
    /// The item shown next.
    public private(set) var position = 0

    public init(lesson: Lesson, terminal: LessonTerminal, progress: ProgressStore?, screenLines: Int = 22) throws {
        self.lesson = lesson
        self.terminal = terminal
        self.progress = progress
        self.screenLines = max(3, screenLines)
        self.run = try LessonRun(lesson: lesson)
        var items: [Item] = []
        for part in lesson.parts {
            switch part {
            case .prose(let text): items.append(.prose(text))
            case .step(let step):
                for action in step.actions {
                    switch action {
                    case .command(let command): items.append(.command(command))
                    case .directive(let directive): items.append(.directive(directive))
                    }
                }
            }
        }
        self.items = items
    }

    /// Runs the lesson until its end or `quit`; returns whether it reached the end.
    @discardableResult
    public func start() throws -> Bool {
        terminal.write("Lesson \(lesson.number): \(lesson.title) (about \(lesson.minutes) minutes)\n")
        terminal.write("Type the proposed commands, or anything else. Guide words: next, back, hint, run, quit.\n\n")
        if let saved = progress?.position(of: lesson.number), saved > 0, saved < items.count {
            switch terminal.readLine(prompt: "You stopped here before. Resume where you were? [Y/n] ") {
            case .line(let answer) where String(decoding: answer, as: UTF8.self).trimmingSpaces.lowercased().hasPrefix("n"):
                break
            case .endOfInput:
                return false
            default:
                try rebuild(upTo: saved)
                terminal.write("Resuming.\n\n")
            }
        }
        while position < items.count {
            switch items[position] {
            case .prose(let text):
                guard page(text) else { return stop() }
                position += 1
            case .directive(let directive):
                terminal.write(run.apply(directive).text)
                position += 1
            case .command(let command):
                guard try propose(command) else { return stop() }
            }
        }
        progress?.save(lesson: lesson.number, position: nil)
        terminal.write("\nThat is the end of lesson \(lesson.number). `cachelab lesson` lists the others.\n")
        return true
    }

    private func stop() -> Bool {
        progress?.save(lesson: lesson.number, position: position)
        terminal.write("\nStopped; `cachelab lesson \(lesson.number)` offers to resume here.\n")
        return false
    }

    /// Shows prose a screen at a time; false when the student quits.
    private func page(_ text: String) -> Bool {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var index = 0
        while index < lines.count {
            let end = min(lines.count, index + screenLines)
            terminal.write(lines[index..<end].joined(separator: "\n") + "\n")
            index = end
            guard index < lines.count else { break }
            switch terminal.readLine(prompt: "-- more: Enter to go on, s to skip the rest, q to stop -- ") {
            case .endOfInput: return false
            case .interrupted: continue
            case .line(let bytes):
                let answer = String(decoding: bytes, as: UTF8.self).trimmingSpaces.lowercased()
                if answer == "q" || answer == "quit" { return false }
                if answer == "s" { index = lines.count }
            }
        }
        terminal.write("\n")
        return true
    }

    /// Proposes `command` and handles lines until the position moves; false to stop the lesson.
    private func propose(_ command: Command) throws -> Bool {
        terminal.write("next: \(command.input)\n")
        while true {
            let prompt = run.sandbox.prompt
            switch terminal.readLine(prompt: prompt) {
            case .interrupted:
                continue
            case .endOfInput:
                return false
            case .line(let bytes):
                let line = String(decoding: bytes, as: UTF8.self)
                switch line.trimmingSpaces.lowercased() {
                case "quit", "exit":
                    return false
                case "next":
                    terminal.write("(skipped; the lesson's world now lacks that command, so later outputs may differ)\n\n")
                    position += 1
                    return true
                case "back":
                    try goBack()
                    return true
                case "hint":
                    terminal.write("type: \(command.input)\nit should print:\n" + Mismatch.indented(command.expected))
                case "run":
                    terminal.write(prompt + command.input + "\n")
                    if judge(command, line: command.input, prompt: prompt) { return true }
                case "":
                    continue
                default:
                    if Self.sameCommand(line, command.input) {
                        if judge(command, line: line, prompt: prompt) { return true }
                    } else {
                        let output = run.runFree(line)
                        terminal.write(output.text)
                        if output.exit { return false }
                        terminal.write("(the lesson proposes: \(command.input) — type it, or run, hint, next)\n")
                    }
                }
            }
        }
    }

    /// Runs the proposed command as typed and reports; true when it passed and the lesson moved on.
    private func judge(_ command: Command, line: String, prompt: String) -> Bool {
        let output = run.runFree(line)
        terminal.write(output.text)
        let result = run.check(command, output: output, promptBefore: prompt)
        if result.passed {
            position += 1
            terminal.write("\n")
            return true
        }
        terminal.write("(not what the lesson expected: " + result.explanation
            + "try again, or type next to go on anyway)\n")
        return false
    }

    /// Back to the command before the current one, with the world as it was there.
    private func goBack() throws {
        var target = position - 1
        while target >= 0 {
            if case .command = items[target] { break }
            target -= 1
        }
        guard target >= 0 else {
            terminal.write("(this is the first command of the lesson)\n")
            return
        }
        try rebuild(upTo: target)
        terminal.write("(back one command; the engine holds what it held then)\n")
    }

    /// A fresh sandbox with every command and directive before `target` replayed silently.
    func rebuild(upTo target: Int) throws {
        run = try LessonRun(lesson: lesson)
        for item in items[..<target] {
            switch item {
            case .command(let command): _ = run.run(command)
            case .directive(let directive): _ = run.apply(directive)
            case .prose: break
            }
        }
        position = target
    }

    /// Whether a typed line is the proposed command: the same line, or the same words with the
    /// command name in any case. (A memcached data block, such as a JSON value, is not made of
    /// redis-cli words: it must be typed exactly.)
    static func sameCommand(_ typed: String, _ proposed: String) -> Bool {
        if typed == proposed { return true }
        guard let a = Tokenizer.split(typed), let b = Tokenizer.split(proposed), a.count == b.count, !a.isEmpty else {
            return false
        }
        return a[0].equalsIgnoringCase(b[0].string) && a.dropFirst().elementsEqual(b.dropFirst())
    }
}
