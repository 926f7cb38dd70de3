import CacheLabEngine

/// redis-cli's raw form (`--raw`, `cliFormatReplyRaw`), the default when stdout is a pipe.
///
/// Values are printed bare: strings unquoted, integers as digits, nil as nothing at all.
/// The elements of an array are joined by newlines (or `-d`'s delimiter) at every depth, so
/// nesting is flattened and an empty array prints nothing. A map prints `key value` per entry. An error prints
/// its message followed by a newline, and the line end that every reply gets comes after
/// it, which is why an error in raw mode is followed by an empty line.
extension ReplyFormatter {
    static func writeRaw(_ reply: Reply, delimiter: Bytes = Bytes("\n"), into out: inout OutputBuffer) {
        switch reply {
        case .null, .nullArray:
            break
        case .error(let message):
            out.append(contentsOf: message.preservedBytes)
            out.append(0x0A)
        case .status(let text):
            out.append(text)
        case .bulk(let data), .verbatim(_, let data):
            out.append(data)
        case .bool(let value):
            out.append(value ? "(true)" : "(false)")
        case .integer, .double, .doubleText, .bigNumber:
            writeBareNumber(reply, into: &out)
        case .array(let items), .set(let items), .push(let items):
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(delimiter) }
                writeRaw(item, delimiter: delimiter, into: &out)
            }
        case .bulkStrings(let strings):
            writeRaw(.array(strings.replies), delimiter: delimiter, into: &out)
        case .map(let items):
            var i = 0
            while i < items.count {
                if i > 0 { out.append(delimiter) }
                writeRaw(items[i], delimiter: delimiter, into: &out)
                out.append(0x20)
                if i + 1 < items.count { writeRaw(items[i + 1], delimiter: delimiter, into: &out) }
                i += 2
            }
        }
    }
}
