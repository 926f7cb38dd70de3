import CacheLabEngine

/// redis-cli's terminal form (`cliFormatReplyTTY`).
///
/// Arrays are numbered `1) `, the numbers right-aligned to the width of the largest one. A
/// nested array starts on its parent's line and its following elements are indented by the
/// parent's number width plus two, so the columns line up however deep the nesting goes:
///
///     1) 1) "a"
///        2) "b"
///
/// RESP3 maps number their entries with `#` and print `key => value`; sets use `~`.
extension ReplyFormatter {
    static func writeTTY(_ reply: Reply, prefix: [UInt8], into out: inout OutputBuffer) {
        switch reply {
        case .error(let message):
            out.append("(error) ")
            out.append(contentsOf: message.preservedBytes)
            out.append(0x0A)
        case .status(let text):
            out.append(text)
            out.append(0x0A)
        case .integer(let value):
            out.append("(integer) ")
            out.append(decimal: value)
            out.append(0x0A)
        case .double(let value):
            out.append("(double) ")
            out.append(Reply.redisDoubleText(value))
            out.append(0x0A)
        case .doubleText(let text):
            out.append("(double) ")
            out.append(text)
            out.append(0x0A)
        case .bulk(let data):
            writeQuoted(data, into: &out)
            out.append(0x0A)
        case .verbatim(_, let text):
            out.append(text)
            out.append(0x0A)
        case .null, .nullArray:
            out.append("(nil)\n")
        case .bool(let value):
            out.append(value ? "(true)\n" : "(false)\n")
        case .bigNumber(let digits):
            // redis-cli 7.0 stops with "Unknown reply type: 13" here; later versions print this.
            out.append("(big number) ")
            out.append(digits)
            out.append(0x0A)
        case .array(let items):
            writeAggregate(items, separator: UInt8(ascii: ")"), empty: "(empty array)\n", prefix: prefix, into: &out)
        case .bulkStrings(let strings):
            writeAggregate(strings.replies, separator: UInt8(ascii: ")"), empty: "(empty array)\n", prefix: prefix, into: &out)
        case .set(let items):
            writeAggregate(items, separator: UInt8(ascii: "~"), empty: "(empty set)\n", prefix: prefix, into: &out)
        case .push(let items):
            writeAggregate(items, separator: UInt8(ascii: ")"), empty: "(empty push)\n", prefix: prefix, into: &out)
        case .map(let items):
            writeAggregate(items, separator: UInt8(ascii: "#"), empty: "(empty hash)\n", prefix: prefix, into: &out)
        }
    }

    private static func writeAggregate(
        _ items: [Reply], separator: UInt8, empty: String, prefix: [UInt8], into out: inout OutputBuffer
    ) {
        guard !items.isEmpty else {
            out.append(empty)
            return
        }
        let isMap = separator == UInt8(ascii: "#")
        let entries = isMap ? items.count / 2 : items.count
        let width = decimalWidth(entries)
        let childPrefix = prefix + [UInt8](repeating: 0x20, count: width + 2)

        var i = 0
        while i < items.count {
            let number = (isMap ? i / 2 : i) + 1
            // The first element sits on the line where the parent already printed a number.
            if i > 0 { out.append(contentsOf: prefix) }
            for _ in 0..<(width - decimalWidth(number)) { out.append(0x20) }
            out.append(decimal: Int64(number))
            out.append(separator)
            out.append(0x20)
            writeTTY(items[i], prefix: childPrefix, into: &out)
            if isMap {
                i += 1
                out.removeLastByte()  // the key's newline
                out.append(" => ")
                let value = i < items.count ? items[i] : .null
                if isMultiline(value) {
                    // A multi-line value starts on its own line so its numbers stay aligned.
                    out.append(0x0A)
                    out.append(contentsOf: childPrefix)
                }
                writeTTY(value, prefix: childPrefix, into: &out)
            }
            i += 1
        }
    }

    /// Whether the TTY form of `reply` takes more than one line (`cliIsMultilineValueTTY`).
    static func isMultiline(_ reply: Reply) -> Bool {
        switch reply {
        case .bulkStrings(let strings):
            return strings.count > 1
        case .array(let items), .set(let items), .push(let items):
            if items.count > 1 { return true }
            return items.first.map(isMultiline) ?? false
        case .map(let items):
            if items.count > 2 { return true }
            return items.count == 2 ? isMultiline(items[1]) : false
        default:
            return false
        }
    }

    static func decimalWidth(_ value: Int) -> Int {
        var width = 1
        var rest = value / 10
        while rest > 0 {
            width += 1
            rest /= 10
        }
        return width
    }

    /// A bulk string in double quotes with redis-cli's escapes (`sdscatrepr`): `\n \r \t \a \b`,
    /// `\"` and `\\`, and `\xHH` for every other byte outside printable ASCII, including
    /// each byte of a UTF-8 character.
    public static func writeQuoted(_ data: Bytes, into out: inout OutputBuffer) {
        out.append(UInt8(ascii: "\""))
        data.withUnsafeBytes { raw in
            for byte in raw {
                switch byte {
                case UInt8(ascii: "\\"), UInt8(ascii: "\""):
                    out.append(UInt8(ascii: "\\"))
                    out.append(byte)
                case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case 0x07: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "a")])
                case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
                case 0x20...0x7E:
                    out.append(byte)
                default:
                    out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "x"), hexDigit(byte >> 4), hexDigit(byte & 0x0F)])
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    @inline(__always) static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
