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
        // Swift reads "\r\n" as one character, so both line ends are named: a manifest
        // written or copied on Windows loads, as in Redis.
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
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

    /// Splitting a line into words with double or single quotes, like `sdssplitargs`:
    /// inside double quotes `\n`, `\r`, `\t`, `\xHH` and `\<char>` are escapes; a closing
    /// quote must be followed by a space or the end of the line. Nil for a malformed line.
    enum Tokenize {
        static func words(_ line: String) -> [String]? {
            let bytes = Array(line.utf8)
            var words: [String] = []
            var i = 0
            func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 }
            func hexValue(_ b: UInt8) -> UInt8? {
                switch b {
                case 48...57: return b - 48
                case 97...102: return b - 87
                case 65...70: return b - 55
                default: return nil
                }
            }
            while true {
                while i < bytes.count && isSpace(bytes[i]) { i += 1 }
                guard i < bytes.count else { return words }
                var word: [UInt8] = []
                let quote = bytes[i]
                if quote == 34 || quote == 39 {  // " or '
                    i += 1
                    var closed = false
                    while i < bytes.count {
                        let c = bytes[i]
                        i += 1
                        if c == quote { closed = true; break }
                        guard c == 92, quote == 34, i < bytes.count else { word.append(c); continue }  // backslash
                        let next = bytes[i]
                        i += 1
                        switch next {
                        case 110: word.append(10)
                        case 114: word.append(13)
                        case 116: word.append(9)
                        case 120 where i + 1 < bytes.count:  // \xHH
                            if let high = hexValue(bytes[i]), let low = hexValue(bytes[i + 1]) {
                                word.append(high << 4 | low)
                                i += 2
                            } else {
                                word.append(next)
                            }
                        default: word.append(next)
                        }
                    }
                    guard closed, i >= bytes.count || isSpace(bytes[i]) else { return nil }
                } else {
                    while i < bytes.count && !isSpace(bytes[i]) { word.append(bytes[i]); i += 1 }
                }
                words.append(String(decoding: word, as: UTF8.self))
            }
        }
    }
}
