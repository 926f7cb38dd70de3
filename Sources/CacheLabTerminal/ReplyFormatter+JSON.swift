import CacheLabEngine

/// redis-cli's `--json` and `--quoted-json` forms (`cliFormatReplyJson`): one JSON value per
/// reply. Both options also ask for RESP3 (unless `-2` is given), so that maps arrive as
/// maps and become JSON objects.
///
/// Strings become JSON strings; integers, doubles and booleans are bare; nil is `null`;
/// arrays and sets are `[...]`; maps are `{...}`, with a key that is not a string turned
/// into one. An error is `error:"<message>"`, which is how redis-cli writes it, although
/// it is not JSON.
///
/// The two differ only in how a string is written. `--json` escapes what JSON requires and
/// copies every other byte, so UTF-8 text stays readable. `--quoted-json` starts from the
/// terminal form's escaped string (`"caf\xc3\xa9"`) and doubles each backslash in it, so
/// the output is plain ASCII, and any byte, even one that is not UTF-8, survives.
extension ReplyFormatter {
    static func writeJSON(_ reply: Reply, quoted: Bool, into out: inout OutputBuffer) {
        switch reply {
        case .error(let message):
            out.append("error:")
            writeJSONString(Bytes(message.preservedBytes.prefix { $0 != 0 }), quoted: quoted, into: &out)
        case .status(let text):
            writeJSONString(Bytes(text.utf8), quoted: quoted, into: &out)
        case .bulk(let data), .verbatim(_, let data):
            writeJSONString(data, quoted: quoted, into: &out)
        case .integer, .double, .doubleText, .bigNumber:
            writeBareNumber(reply, into: &out)
        case .null, .nullArray:
            out.append("null")
        case .bool(let value):
            out.append(value ? "true" : "false")
        case .array(let items), .set(let items), .push(let items):
            writeJSONArray(items, quoted: quoted, into: &out)
        case .bulkStrings(let strings):
            writeJSONArray(strings.replies, quoted: quoted, into: &out)
        case .map(let items):
            writeJSONObject(items, quoted: quoted, into: &out)
        }
    }

    private static func writeJSONArray(_ items: [Reply], quoted: Bool, into out: inout OutputBuffer) {
        out.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            writeJSON(item, quoted: quoted, into: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// `items` alternates keys and values. A key that is a string is written as one; any
    /// other key is written as its JSON form inside quotes, unless that form already starts
    /// with a quote.
    private static func writeJSONObject(_ items: [Reply], quoted: Bool, into out: inout OutputBuffer) {
        out.append(UInt8(ascii: "{"))
        var index = 0
        while index + 1 < items.count {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            switch items[index] {
            case .error, .status, .bulk, .verbatim:
                writeJSON(items[index], quoted: quoted, into: &out)
            default:
                var key = OutputBuffer()
                writeJSON(items[index], quoted: quoted, into: &key)
                if key.bytes.first == UInt8(ascii: "\"") {
                    out.append(contentsOf: key.bytes)
                } else {
                    out.append(UInt8(ascii: "\""))
                    out.append(contentsOf: key.bytes)
                    out.append(UInt8(ascii: "\""))
                }
            }
            out.append(UInt8(ascii: ":"))
            writeJSON(items[index + 1], quoted: quoted, into: &out)
            index += 2
        }
        out.append(UInt8(ascii: "}"))
    }

    private static func writeJSONString(_ data: Bytes, quoted: Bool, into out: inout OutputBuffer) {
        guard quoted else { return writeJSONEscaped(data, into: &out) }
        var repr = OutputBuffer()
        writeQuoted(data, into: &repr)
        for byte in repr.bytes {
            if byte == UInt8(ascii: "\\") { out.append(byte) }
            out.append(byte)
        }
    }

    /// redis-cli's `escapeJsonString`: a backslash before `"` and `\`, the short escapes for
    /// newline, form feed, carriage return, tab and backspace, `\u00XX` for the other control
    /// bytes, and every other byte as it is.
    private static func writeJSONEscaped(_ data: Bytes, into out: inout OutputBuffer) {
        out.append(UInt8(ascii: "\""))
        data.withUnsafeBytes { raw in
            for byte in raw {
                switch byte {
                case UInt8(ascii: "\\"), UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), byte])
                case 0x0A: out.append("\\n")
                case 0x0C: out.append("\\f")
                case 0x0D: out.append("\\r")
                case 0x09: out.append("\\t")
                case 0x08: out.append("\\b")
                case 0x00...0x1F:
                    out.append("\\u00")
                    out.append(contentsOf: [hexDigit(byte >> 4), hexDigit(byte & 0x0F)])
                default: out.append(byte)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
