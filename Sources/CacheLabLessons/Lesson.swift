/// One lesson, as parsed from `Lessons/NN-name.md`.
///
/// A lesson is a title, a length in minutes and a sequence of parts: prose to read, and
/// steps to run. A step is one fenced ```` ```cachelab ```` block: the lines a student types
/// (shown after a `cachelab> ` prompt, exactly as the REPL shows them), each followed by the
/// output it should print, plus runner directives (`@time`, `@compare`) that never reach
/// the REPL. See `Lessons/README.md` for the format as authors see it.
public struct Lesson: Sendable, Equatable {
    /// The lesson's number (the `NN` of its file name, and `lesson:` in its front matter).
    public var number: Int
    /// The file name without `NN-` and `.md`, e.g. `expiry-and-cache-aside`.
    public var name: String
    public var title: String
    public var minutes: Int
    public var parts: [Part]

    public init(number: Int, name: String, title: String, minutes: Int, parts: [Part]) {
        self.number = number
        self.name = name
        self.title = title
        self.minutes = minutes
        self.parts = parts
    }

    /// Prose to read, or a step to run.
    public enum Part: Sendable, Equatable {
        /// Markdown text between steps (headings included), trimmed of blank edges.
        case prose(String)
        case step(Step)
    }

    /// The steps alone, in order.
    public var steps: [Step] {
        parts.compactMap { if case .step(let step) = $0 { step } else { nil } }
    }
}

/// One fenced block of a lesson: what to type and what it prints.
public struct Step: Sendable, Equatable {
    /// The line of the lesson file where the block starts (after the opening fence), for messages.
    public var line: Int
    public var actions: [Action]

    public init(line: Int, actions: [Action]) {
        self.line = line
        self.actions = actions
    }

    /// A line the student types, or an instruction to the runner.
    public enum Action: Sendable, Equatable {
        case command(Command)
        case directive(Directive)
    }

    /// The commands alone, in order.
    public var commands: [Command] {
        actions.compactMap { if case .command(let command) = $0 { command } else { nil } }
    }
}

/// One REPL input line with the output it expects.
public struct Command: Sendable, Equatable {
    /// The prompt shown before it in the lesson (`cachelab> `, `cachelab[1]> `, `cachelab(TX)> `).
    public var prompt: String
    /// Exactly what is typed: a Redis command, a REPL word, or a colon command.
    public var input: String
    /// The lines it prints, as `redis-cli --no-raw` would; see `OutputPattern` for wildcards.
    public var expected: [String]
    /// Its line in the lesson file.
    public var line: Int

    public init(prompt: String = "cachelab> ", input: String, expected: [String], line: Int = 0) {
        self.prompt = prompt
        self.input = input
        self.expected = expected
        self.line = line
    }
}

/// An instruction to the lesson runner, written as an `@` line inside a step.
public enum Directive: Sendable, Equatable {
    /// `@time label`: remember how long the command just before took, under `label`.
    case time(label: String)
    /// `@compare slow > 10x fast`: the command timed as `slow` took at least `factor` times
    /// as long as the one timed as `fast`. Only orders of magnitude are compared, never exact
    /// durations, so a loaded machine cannot make a lesson fail.
    case compare(slower: String, factor: Double, faster: String)
}
