import CacheLabEngine

/// How replies are printed: redis-cli's output modes.
public enum OutputFormat: Sendable, Equatable {
    /// `cliFormatReplyTTY`: typed and quoted, `(integer) 1`, `"value"`, numbered arrays.
    case tty
    /// `cliFormatReplyRaw` (`--raw`): bare values one per line, for scripts.
    case raw
    /// `cliFormatReplyCSV` (`--csv`): one comma-separated line per reply.
    case csv
    /// `cliFormatReplyJson` (`--json`): one JSON value per reply.
    case json
    /// `--quoted-json`: JSON whose strings are ASCII-safe.
    case quotedJSON
}

/// Turns engine replies into the bytes redis-cli 7.0 prints for them.
///
/// The rules live in the `+TTY`, `+Raw`, `+CSV` and `+JSON` extensions; this type picks
/// between them and applies redis-cli's per-command exception: commands whose reply is a
/// text report (INFO, CLIENT LIST, ...) are printed as raw text in every mode, so their
/// lines are readable.
public struct ReplyFormatter: Sendable {
    public var format: OutputFormat
    /// What separates the elements of an array in raw form (redis-cli's `-d`).
    public var elementDelimiter: Bytes
    /// What follows each reply in raw form (redis-cli's `-D`).
    public var replyDelimiter: Bytes

    public init(format: OutputFormat, elementDelimiter: Bytes = Bytes("\n"), replyDelimiter: Bytes = Bytes("\n")) {
        self.format = format
        self.elementDelimiter = elementDelimiter
        self.replyDelimiter = replyDelimiter
    }

    /// Appends the printed form of `reply` (already in the shape the client receives).
    /// `rawStrings` is redis-cli's `output_raw`: true for the report commands above.
    public func write(_ reply: Reply, rawStrings: Bool = false, into out: inout OutputBuffer) {
        if rawStrings {
            Self.writeRaw(reply, delimiter: elementDelimiter, into: &out)
            return
        }
        switch format {
        case .tty:
            Self.writeTTY(reply, prefix: [], into: &out)
        case .raw:
            Self.writeRaw(reply, delimiter: elementDelimiter, into: &out)
            out.append(replyDelimiter)
        case .csv:
            Self.writeCSV(reply, into: &out)
            out.append(0x0A)
        case .json, .quotedJSON:
            Self.writeJSON(reply, quoted: format == .quotedJSON, into: &out)
            out.append(0x0A)
        }
    }

    /// A number as every form but the terminal's prints it: bare digits, a double in the
    /// text the server sends for it in RESP3.
    static func writeBareNumber(_ reply: Reply, into out: inout OutputBuffer) {
        switch reply {
        case .integer(let value): out.append(decimal: value)
        case .double(let value): out.append(Reply.redisDoubleText(value))
        case .doubleText(let text): out.append(text)
        case .bigNumber(let digits): out.append(digits)
        default: break  // only the four number cases are passed here
        }
    }

    /// The printed form as a string, for tests and messages.
    public func render(_ reply: Reply, rawStrings: Bool = false) -> String {
        var out = OutputBuffer()
        write(reply, rawStrings: rawStrings, into: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// Whether redis-cli prints this command's reply as raw text whatever the output mode
    /// (its `output_raw` list in `cliSendCommand`).
    public static func printsRawStrings(_ argv: [Bytes]) -> Bool {
        guard let first = argv.first, first.count >= 4, first.count <= 7 else { return false }
        switch asciiLower(first[0]) {
        case UInt8(ascii: "i"), UInt8(ascii: "l"), UInt8(ascii: "d"), UInt8(ascii: "m"),
             UInt8(ascii: "c"), UInt8(ascii: "p"):
            break
        default:
            return false
        }
        let command = first.lowercased
        let argc = argv.count
        func arg(_ i: Int) -> Bytes { argv[i].lowercased }
        switch command {
        case "info", "lolwut":
            return true
        case "debug":
            return argc >= 2 && ["htstats", "htstats-key", "client-eviction"].contains(arg(1))
        case "memory":
            return argc >= 2 && ["malloc-stats", "doctor"].contains(arg(1))
        case "cluster":
            return argc == 2 && ["nodes", "info"].contains(arg(1))
        case "client":
            return argc >= 2 && ["list", "info"].contains(arg(1))
        case "latency":
            return (argc == 3 && arg(1) == "graph") || (argc == 2 && arg(1) == "doctor")
        case "proxy":
            return argc >= 2 && arg(1) == "info"
        default:
            return false
        }
    }
}
