import CacheLabEngine

/// One of CacheLab's own REPL commands. They start with a colon, like redis-cli's `:set`,
/// so they can never collide with a Redis command.
///
/// A command is a name, a line of help and a function. To add one (`:viz`, `:mode`...), write
/// it as a `static let` in an extension of `ColonCommand` in its own file and list it in
/// `ColonCommandTable.standard`.
public struct ColonCommand: Sendable {
    public let name: String
    /// The synopsis `:help` prints, e.g. `:clock [+90s]`.
    public let usage: String
    public let summary: String
    /// Runs the command with the words after its name.
    public let run: @Sendable (_ arguments: [String], _ repl: LineProcessor) -> ColonResult

    public init(
        name: String, usage: String, summary: String,
        run: @escaping @Sendable (_ arguments: [String], _ repl: LineProcessor) -> ColonResult
    ) {
        self.name = name
        self.usage = usage
        self.summary = summary
        self.run = run
    }
}

/// What a colon command prints: text on success, a message on failure (which counts as an
/// error for `-e`).
public enum ColonResult: Equatable, Sendable {
    case output(String)
    case failure(String)
}

/// The colon commands the REPL knows, looked up by name.
public struct ColonCommandTable: Sendable {
    public let commands: [ColonCommand]

    public init(_ commands: [ColonCommand]) {
        self.commands = commands
    }

    /// Every built-in colon command, in the order `:help` lists them.
    public static var standard: ColonCommandTable {
        ColonCommandTable([.help, .clock, .timing, .set, .viz, .mode, .restart, .crash, .files, .lruCache])
    }

    public func command(named name: String) -> ColonCommand? {
        let lower = name.lowercased()
        return commands.first { $0.name == lower }
    }

    /// Runs a colon line already split into words (`[":clock", "+90s"]`).
    public func run(_ words: [String], repl: LineProcessor) -> ColonResult {
        guard let first = words.first else { return .failure("empty command\n") }
        let name = String(first.dropFirst())
        guard let command = command(named: name) else {
            return .failure("unknown cachelab command '\(first)', type :help for the list\n")
        }
        return command.run(Array(words.dropFirst()), repl)
    }

    /// The grey hint for a colon line, like a Redis command's: the usage after the name, once
    /// the name is typed in full, shortened by the words typed after it.
    public func hint(for line: [UInt8]) -> String? {
        guard line.first == UInt8(ascii: ":"), let words = Tokenizer.split(line), let first = words.first,
              let command = command(named: String(first.string.dropFirst())) else { return nil }
        var params = Substring(command.usage.drop { $0 != " " }.dropFirst())
        var toRemove = words.count - 1
        while toRemove > 0, let c = params.first, c != "[" {
            if c == " " { toRemove -= 1 }
            params = params.dropFirst()
        }
        let endsWithSpace = line.last.map(Tokenizer.isCSpace) ?? false
        return endsWithSpace ? String(params) : " " + params
    }

    /// Tab candidates for a colon line: the command names it starts.
    public func completions(for line: String) -> [String] {
        guard line.hasPrefix(":"), !line.contains(" ") else { return [] }
        let typed = line.dropFirst().lowercased()
        return commands.map(\.name).filter { $0.hasPrefix(typed) }.map { ":" + $0 }
    }

    /// The text of `:help`.
    public var helpText: String {
        let width = commands.map(\.usage.count).max() ?? 0
        var text = "CacheLab's own commands (Redis commands and `help` work as in redis-cli):\n"
        for command in commands {
            let padding = String(repeating: " ", count: width - command.usage.count)
            text += "  \(command.usage)\(padding)  \(command.summary)\n"
        }
        return text
    }
}

// MARK: - The built-in commands

extension ColonCommand {
    public static let help = ColonCommand(
        name: "help", usage: ":help", summary: "list these commands"
    ) { _, repl in
        .output(repl.colonCommands.helpText)
    }

    public static let timing = ColonCommand(
        name: "timing", usage: ":timing on|off", summary: "print how long each command takes"
    ) { arguments, repl in
        switch arguments.first?.lowercased() {
        case "on"?:
            repl.settings.showTiming = true
        case "off"?:
            repl.settings.showTiming = false
        case nil:
            break
        default:
            return .failure("usage: :timing on|off\n")
        }
        return .output("timing is \(repl.settings.showTiming ? "on" : "off")\n")
    }

    /// redis-cli's own preference command, kept for muscle memory.
    public static let set = ColonCommand(
        name: "set", usage: ":set hints|nohints", summary: "show or hide the grey argument hints"
    ) { arguments, repl in
        switch arguments.first?.lowercased() {
        case "hints"?:
            repl.settings.hints = true
            return .output("")
        case "nohints"?:
            repl.settings.hints = false
            return .output("")
        case let other?:
            return .failure("unknown cachelab preference '\(other)'\n")
        case nil:
            return .failure("usage: :set hints|nohints\n")
        }
    }
}
