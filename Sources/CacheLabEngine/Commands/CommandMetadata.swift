import Foundation

/// What Redis 7.0.15 says about one command: the single source for arity checks, COMMAND INFO,
/// COMMAND DOCS, HELP, hints and completion.
///
/// The facts come from a real server (see `Scripts/gen-command-table.py`), so they cannot
/// drift from what redis-cli shows against Redis. The `info` and `docs` trees are kept as
/// replies, ready to send back exactly as Redis would.
public final class CommandMetadata: @unchecked Sendable {
    /// Lower-case name; subcommands read `parent|sub`, e.g. `config|get`.
    public let fullName: String
    /// The name the subcommand is called by (`get`), or the command's own name.
    public let name: String
    /// Redis arity: N means exactly N arguments (name included), -N means at least N.
    public let arity: Int
    public let flags: Set<String>
    public let firstKey: Int
    public let lastKey: Int
    public let keyStep: Int
    /// ACL categories such as `@string`, `@fast`.
    public let categories: [String]
    public let subcommands: [CommandMetadata]
    /// The COMMAND INFO entry, as Redis sends it.
    public let info: Reply
    /// The COMMAND DOCS entry (a map), as Redis sends it, or nil.
    public let docs: Reply?

    // Fields of the docs, for HELP and hints.
    public let summary: String
    public let since: String
    public let group: String
    public let complexity: String
    /// The argument syntax as redis-cli's help shows it: `key value [NX|XX] ...`.
    public let argumentSyntax: String
    /// The arguments as a tree, for hints that drop what was already typed.
    public let arguments: [ArgumentSpec]

    init(info: Reply, docs: Reply?) {
        guard case .array(let fields) = info, fields.count >= 10 else {
            fatalError("malformed command metadata")
        }
        self.info = info
        self.docs = docs
        fullName = fields[0].text
        name = fullName.split(separator: "|").last.map(String.init) ?? fullName
        arity = Int(fields[1].int)
        flags = Set(fields[2].elements.map(\.text))
        firstKey = Int(fields[3].int)
        lastKey = Int(fields[4].int)
        keyStep = Int(fields[5].int)
        categories = fields[6].elements.map(\.text)
        var subs: [CommandMetadata] = []
        let docsMap = docs?.mapDictionary ?? [:]
        let subDocs = docsMap["subcommands"]?.mapDictionary ?? [:]
        for sub in fields[9].elements {
            guard case .array(let subFields) = sub, let first = subFields.first else { continue }
            subs.append(CommandMetadata(info: sub, docs: subDocs[first.text]))
        }
        subcommands = subs
        summary = docsMap["summary"]?.text ?? ""
        since = docsMap["since"]?.text ?? ""
        group = docsMap["group"]?.text ?? ""
        complexity = docsMap["complexity"]?.text ?? ""
        arguments = (docsMap["arguments"]?.elements ?? []).map(ArgumentSpec.init)
        argumentSyntax = arguments.map(\.syntax).joined(separator: " ")
    }

    /// Whether the command has the flag, e.g. `write`, `readonly`, `denyoom`, `noscript`.
    public func hasFlag(_ flag: String) -> Bool { flags.contains(flag) }

    /// Checks an argument count against the arity.
    public func acceptsArgumentCount(_ argc: Int) -> Bool {
        Self.arity(arity, accepts: argc)
    }

    /// Redis's arity rule: exactly `arity` arguments (the name included), or at least
    /// `-arity` when it is negative.
    @inline(__always)
    static func arity(_ arity: Int, accepts argc: Int) -> Bool {
        arity >= 0 ? argc == arity : argc >= -arity
    }

    /// Positions of key arguments in `argv`, from first/last/step (negative last counts from
    /// the end). Commands with variable key positions (key specs) report only these.
    public func keyPositions(argc: Int) -> [Int] {
        guard firstKey > 0, keyStep > 0 else { return [] }
        let last = lastKey >= 0 ? lastKey : argc + lastKey
        guard last >= firstKey else { return [] }
        return Array(stride(from: firstKey, through: min(last, argc - 1), by: keyStep))
    }
}

/// One argument in COMMAND DOCS: a name, a type, and flags for optional and repeated parts.
public struct ArgumentSpec: Sendable {
    public let name: String
    /// key, string, integer, double, pattern, unix-time, pure-token, oneof, block.
    public let type: String
    public let token: String?
    public let isOptional: Bool
    public let isMultiple: Bool
    public let isMultipleToken: Bool
    public let children: [ArgumentSpec]

    init(_ reply: Reply) {
        let map = reply.mapDictionary
        name = map["name"]?.text ?? ""
        type = map["type"]?.text ?? ""
        token = map["token"]?.text
        let flags = Set(map["flags"]?.elements.map(\.text) ?? [])
        isOptional = flags.contains("optional")
        isMultiple = flags.contains("multiple")
        isMultipleToken = flags.contains("multiple_token")
        children = (map["arguments"]?.elements ?? []).map(ArgumentSpec.init)
    }

    /// The argument as redis-cli renders it in help and hints (after `commandArgSpec`'s rules).
    public var syntax: String {
        var body: String
        switch type {
        case "pure-token":
            body = token ?? name
        case "oneof":
            body = children.map(\.syntax).joined(separator: "|")
            if let token { body = "\(token) \(body)" }
        case "block":
            body = children.map(\.syntax).joined(separator: " ")
            if let token { body = "\(token) \(body)" }
        default:
            body = token.map { "\($0) \(name)" } ?? name
        }
        if isMultiple {
            if isMultipleToken, let token, type != "pure-token" {
                body = "\(body) [\(token) \(name) ...]"
            } else {
                body = "\(body) [\(body) ...]"
            }
        }
        return isOptional ? "[\(body)]" : body
    }
}

// MARK: - Reading the stored JSON tree

extension CommandMetadata {
    /// Every top-level command of Redis 7.0.15, parsed once per process.
    public static let all: [CommandMetadata] = {
        CommandMetadataReader.entries(in: rawTable).map { entry in
            CommandMetadata(info: entry.info, docs: entry.docs)
        }
    }()

    /// Top-level metadata by lower-case name.
    public static let byName: [String: CommandMetadata] = {
        Dictionary(uniqueKeysWithValues: all.map { ($0.fullName, $0) })
    }()
}

extension Reply {
    /// The text of a bulk or simple string.
    var text: String {
        switch self {
        case .bulk(let b): return b.string
        case .status(let s): return s
        case .integer(let i): return String(i)
        default: return ""
        }
    }

    var int: Int64 {
        if case .integer(let i) = self { return i }
        return 0
    }

    /// The elements of an array, set or map.
    var elements: [Reply] {
        switch self {
        case .array(let a), .set(let a), .map(let a): return a
        case .bulkStrings(let strings): return strings.replies
        default: return []
        }
    }

    /// A map's entries keyed by their text.
    var mapDictionary: [String: Reply] {
        guard case .map(let items) = self else { return [:] }
        var result: [String: Reply] = [:]
        var i = 0
        while i + 1 < items.count {
            result[items[i].text] = items[i + 1]
            i += 2
        }
        return result
    }
}
