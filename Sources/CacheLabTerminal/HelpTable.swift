import CacheLabEngine

/// One topic redis-cli knows about: a command, a subcommand (`CONFIG GET`), or a group
/// (`@string`). Help, hints and Tab completion all read this table.
public struct HelpEntry: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case command
        case group
    }

    public let kind: Kind
    /// The words that name the entry, upper case: `["CONFIG", "GET"]`, or `["@string"]`.
    public let words: [String]
    /// The words joined by a space: what completion inserts and help prints.
    public let full: String
    /// The argument syntax, built as redis-cli builds it from COMMAND DOCS.
    public let params: String
    public let summary: String
    /// Nil when the docs have no `since` (redis-cli then omits the line).
    public let since: String?
    public let group: String
}

/// Every command, subcommand and group of Redis 7.0.15, sorted as redis-cli sorts its help
/// entries (byte order of the full name, so `@groups` come first).
///
/// redis-cli builds this table at start-up from the server's COMMAND DOCS; CacheLab builds it
/// from the same data, captured from a real server in `CommandMetadata.all`. It lists every
/// Redis command, implemented or not, because redis-cli knows them all too.
public struct HelpTable: Sendable {
    public let entries: [HelpEntry]

    /// The table for all of Redis 7.0.15, built once per process.
    public static let standard = HelpTable(commands: CommandMetadata.all)

    public init(commands: [CommandMetadata]) {
        var entries: [HelpEntry] = []
        var groups: Set<String> = []
        for command in commands {
            entries.append(Self.entry(for: command, words: [command.name.uppercased()]))
            groups.insert(command.group)
            for sub in command.subcommands {
                entries.append(Self.entry(for: sub, words: [command.name.uppercased(), sub.name.uppercased()]))
                groups.insert(sub.group)
            }
        }
        for group in groups where !group.isEmpty {
            let name = "@" + group
            entries.append(HelpEntry(kind: .group, words: [name], full: name, params: "", summary: "", since: nil, group: ""))
        }
        self.entries = entries.sorted { $0.full.utf8.lexicographicallyPrecedes($1.full.utf8) }
    }

    private static func entry(for command: CommandMetadata, words: [String]) -> HelpEntry {
        HelpEntry(
            kind: .command,
            words: words,
            full: words.joined(separator: " "),
            params: params(command.arguments),
            summary: command.summary,
            since: command.since.isEmpty ? nil : command.since,
            group: command.group
        )
    }

    /// The command entries only.
    public var commands: [HelpEntry] { entries.filter { $0.kind == .command } }

    // MARK: Argument syntax

    /// The syntax of an argument list as redis-cli 7.0 writes it (`cliConcatArguments`).
    public static func params(_ arguments: [ArgumentSpec]) -> String {
        arguments.map(param).joined(separator: " ")
    }

    /// One argument (`cliAddArgument`): its token, then its name or its sub-arguments
    /// (`|` between the choices of a one-of, spaces inside a block), with `[... ...]` for a
    /// repeated argument and brackets around an optional one. Empty names print as `""`.
    static func param(_ argument: ArgumentSpec) -> String {
        var tokenPart = argument.token.map { $0.isEmpty ? "\"\"" : $0 } ?? ""
        let repeatPart: String
        switch argument.type {
        case "key", "string", "integer", "double", "pattern", "unix-time", "token":
            repeatPart = argument.name.isEmpty ? "\"\"" : argument.name
        case "oneof":
            repeatPart = argument.children.map(param).joined(separator: "|")
        case "block":
            repeatPart = argument.children.map(param).joined(separator: " ")
        default:
            repeatPart = ""
        }
        if !tokenPart.isEmpty && argument.type != "pure-token" { tokenPart += " " }
        var text = argument.isOptional ? "[" : ""
        text += tokenPart + repeatPart
        if argument.isMultiple {
            text += " [" + (argument.isMultipleToken ? tokenPart : "") + repeatPart + " ...]"
        }
        if argument.isOptional { text += "]" }
        return text
    }
}

/// ASCII case-insensitive comparison of argument bytes with a help word (C's `strcasecmp`).
@inline(__always) func equalsIgnoringCase(_ bytes: Bytes, _ word: String) -> Bool {
    bytes.withUnsafeBytes { raw in
        var index = 0
        for w in word.utf8 {
            guard index < raw.count, asciiLower(raw[index]) == asciiLower(w) else { return false }
            index += 1
        }
        return index == raw.count
    }
}

@inline(__always) func asciiLower(_ c: UInt8) -> UInt8 {
    (c >= 65 && c <= 90) ? c + 32 : c
}
