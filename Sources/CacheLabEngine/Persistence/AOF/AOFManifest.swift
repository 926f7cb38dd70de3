/// The manifest of a Redis 7 multi-part AOF: which files make up the log, in order.
///
///     file appendonly.aof.1.base.rdb seq 1 type b
///     file appendonly.aof.1.incr.aof seq 1 type i
///
/// One line per file: key/value pairs in any order (`file`, `seq`, `type` are required,
/// unknown keys are ignored, `#` starts a comment line). Type `b` is the base (an RDB file
/// when its name ends in `.rdb`, else commands), `h` a history file waiting to be deleted,
/// `i` an incremental file of commands. There is at most one base, and incremental files
/// follow in increasing `seq` order: the loader replays the base, then each incr file.
public struct AOFManifest: Equatable, Sendable {
    public struct Item: Equatable, Sendable {
        public enum Kind: String, Sendable { case base = "b", history = "h", incremental = "i" }
        public var file: String
        public var seq: Int64
        public var kind: Kind
    }

    public var base: Item?
    public var history: [Item] = []
    public var incremental: [Item] = []

    public init() {}

    /// The manifest text, base first, then history, then incremental files.
    public var text: String {
        var out = ""
        for item in (base.map { [$0] } ?? []) + history + incremental {
            out += "file \(Self.quoted(item.file)) seq \(item.seq) type \(item.kind.rawValue)\n"
        }
        return out
    }

    static func quoted(_ name: String) -> String {
        guard name.contains(where: { $0 == " " || $0 == "\"" || $0 == "'" || $0 == "\\" || $0.asciiValue.map { $0 < 32 } ?? false }) else { return name }
        var out = "\""
        for c in name.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    public struct ParseError: Error, CustomStringConvertible {
        public let line: Int
        public let text: String
        public let reason: String
        public var description: String {
            "Bad AOF manifest at line \(line) ('\(text)'): \(reason)"
        }
    }

    /// Parses a manifest as Redis does, refusing anything it would refuse.
    public static func parse(_ text: String) throws(ParseError) -> AOFManifest {
        var manifest = AOFManifest()
        var number = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : String(rawLine)
            if line.isEmpty || line.hasPrefix("#") { continue }
            func fail(_ reason: String) -> ParseError { ParseError(line: number, text: line, reason: reason) }
            guard let words = Tokenize.words(line), words.count >= 6, words.count % 2 == 0 else {
                throw fail("Invalid AOF manifest file format")
            }
            var file: String?, seq: Int64?, kind: Item.Kind?
            for i in stride(from: 0, to: words.count, by: 2) {
                switch words[i] {
                case "file": file = words[i + 1]
                case "seq": seq = Int64(words[i + 1])
                case "type": kind = Item.Kind(rawValue: words[i + 1])
                default: break
                }
            }
            guard let file, let seq, seq > 0, let kind else { throw fail("Invalid AOF manifest file format") }
            guard !file.contains("/") else { throw fail("File can't be a path, just a filename") }
            let item = Item(file: file, seq: seq, kind: kind)
            switch kind {
            case .base:
                guard manifest.base == nil else { throw fail("Found duplicate base file information") }
                manifest.base = item
            case .history:
                manifest.history.append(item)
            case .incremental:
                if let last = manifest.incremental.last, last.seq >= seq { throw fail("Found a non-monotonic sequence number") }
                manifest.incremental.append(item)
            }
        }
        guard manifest.base != nil || !manifest.incremental.isEmpty else {
            throw ParseError(line: number, text: "", reason: "Found an empty AOF manifest")
        }
        return manifest
    }

    /// Splitting a line into words with double or single quotes, like `sdssplitargs`.
    enum Tokenize {
        static func words(_ line: String) -> [String]? {
            var words: [String] = []
            var chars = Array(line.unicodeScalars)[...]
            while true {
                while let c = chars.first, c == " " || c == "\t" { chars.removeFirst() }
                guard let first = chars.first else { return words }
                var word = String.UnicodeScalarView()
                if first == "\"" || first == "'" {
                    chars.removeFirst()
                    var closed = false
                    while let c = chars.popFirst() {
                        if c == first { closed = true; break }
                        if c == "\\" && first == "\"", let next = chars.popFirst() {
                            switch next {
                            case "n": word.append("\n")
                            case "r": word.append("\r")
                            case "t": word.append("\t")
                            default: word.append(next)
                            }
                        } else {
                            word.append(c)
                        }
                    }
                    guard closed else { return nil }
                    if let c = chars.first, c != " " && c != "\t" { return nil }
                } else {
                    while let c = chars.first, c != " " && c != "\t" { word.append(c); chars.removeFirst() }
                }
                words.append(String(word))
            }
        }
    }
}
