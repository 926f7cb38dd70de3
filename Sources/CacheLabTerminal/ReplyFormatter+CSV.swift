import CacheLabEngine

/// redis-cli's `--csv` form (`cliFormatReplyCSV`): one line per reply, for spreadsheets and
/// shell pipelines.
///
/// Strings (and status replies) are quoted with the same escapes as the terminal form;
/// integers and doubles are bare; nil is `NULL`; booleans are `true` and `false`. CSV has
/// no nesting, so arrays, sets and maps at any depth are flattened into one comma-separated
/// row, and an error becomes `ERROR,"<message>"`.
extension ReplyFormatter {
    static func writeCSV(_ reply: Reply, into out: inout OutputBuffer) {
        switch reply {
        case .error(let message):
            out.append("ERROR,")
            // redis-cli measures the message with strlen: it ends at a NUL byte.
            writeQuoted(Bytes(message.preservedBytes.prefix { $0 != 0 }), into: &out)
        case .status(let text):
            writeQuoted(Bytes(text.utf8), into: &out)
        case .bulk(let data), .verbatim(_, let data):
            writeQuoted(data, into: &out)
        case .integer, .double, .doubleText, .bigNumber:
            writeBareNumber(reply, into: &out)
        case .null, .nullArray:
            out.append("NULL")
        case .bool(let value):
            out.append(value ? "true" : "false")
        case .array(let items), .set(let items), .push(let items), .map(let items):
            writeCSVRow(items, into: &out)
        case .bulkStrings(let strings):
            writeCSVRow(strings.replies, into: &out)
        }
    }

    private static func writeCSVRow(_ items: [Reply], into out: inout OutputBuffer) {
        for (index, item) in items.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            writeCSV(item, into: &out)
        }
    }
}
