/// Reads RESP2 and RESP3 values from a byte buffer: replies from a server, or commands from a
/// client or an AOF file.
public struct RESPParser {
    public enum ParseError: Error, Equatable {
        /// The buffer ends inside a value: wait for more bytes (or, in a file, it was truncated).
        case incomplete
        /// The bytes are not RESP; `offset` is where the problem starts.
        case invalid(reason: String, offset: Int)
    }

    public private(set) var buffer: [UInt8]
    /// Where the next value starts.
    public private(set) var offset = 0

    public init(_ bytes: [UInt8] = []) {
        buffer = bytes
    }

    public mutating func append(_ bytes: [UInt8]) {
        if offset > 0 && offset == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            offset = 0
        }
        buffer += bytes
    }

    /// Parses the next value, advancing past it; on `.incomplete` nothing is consumed.
    public mutating func next() throws(ParseError) -> Reply {
        var cursor = offset
        let value = try parse(&cursor)
        offset = cursor
        return value
    }

    public var hasUnreadBytes: Bool { offset < buffer.count }

    private func readLine(_ cursor: inout Int) throws(ParseError) -> ArraySlice<UInt8> {
        var i = cursor
        while i + 1 < buffer.count {
            if buffer[i] == 13 && buffer[i + 1] == 10 {
                let line = buffer[cursor..<i]
                cursor = i + 2
                return line
            }
            i += 1
        }
        throw .incomplete
    }

    private func integer(_ line: ArraySlice<UInt8>, at offset: Int) throws(ParseError) -> Int64 {
        guard let value = Int64(String(decoding: line, as: UTF8.self)) else {
            throw .invalid(reason: "invalid number", offset: offset)
        }
        return value
    }

    private func parse(_ cursor: inout Int) throws(ParseError) -> Reply {
        guard cursor < buffer.count else { throw .incomplete }
        let start = cursor
        let type = buffer[cursor]
        cursor += 1
        let line = try readLine(&cursor)
        let text = { String(decoding: line, as: UTF8.self) }
        switch type {
        case UInt8(ascii: "+"): return .status(text())
        case UInt8(ascii: "-"): return .error(String(preservingBytes: line))
        case UInt8(ascii: ":"): return .integer(try integer(line, at: start))
        case UInt8(ascii: "_"): return .null
        case UInt8(ascii: "#"): return .bool(line.first == UInt8(ascii: "t"))
        case UInt8(ascii: ","):
            return .doubleText(text())
        case UInt8(ascii: "("): return .bigNumber(text())
        case UInt8(ascii: "$"), UInt8(ascii: "="), UInt8(ascii: "!"):
            let n = try integer(line, at: start)
            if n < 0 { return .null }
            guard n <= 512 * 1024 * 1024 else { throw .invalid(reason: "invalid bulk length", offset: start) }
            guard cursor + Int(n) + 2 <= buffer.count else { throw .incomplete }
            let body = Bytes(Array(buffer[cursor..<cursor + Int(n)]))
            guard buffer[cursor + Int(n)] == 13, buffer[cursor + Int(n) + 1] == 10 else {
                throw .invalid(reason: "bulk string not terminated by CRLF", offset: cursor + Int(n))
            }
            cursor += Int(n) + 2
            if type == UInt8(ascii: "=") {
                let format = body.count >= 4 ? body[0..<3].string : "txt"
                return .verbatim(format: format, text: body.count >= 4 ? body[4..<body.count] : body)
            }
            if type == UInt8(ascii: "!") { return .error(String(preservingBytes: body.array)) }
            return .bulk(body)
        case UInt8(ascii: "*"), UInt8(ascii: "~"), UInt8(ascii: ">"), UInt8(ascii: "%"):
            let n = try integer(line, at: start)
            if n < 0 { return .nullArray }
            guard n <= 1 << 31 else { throw .invalid(reason: "invalid multibulk length", offset: start) }
            let count = type == UInt8(ascii: "%") ? Int(n) * 2 : Int(n)
            var items: [Reply] = []
            items.reserveCapacity(min(count, 1024))
            for _ in 0..<count { items.append(try parse(&cursor)) }
            switch type {
            case UInt8(ascii: "~"): return .set(items)
            case UInt8(ascii: ">"): return .push(items)
            case UInt8(ascii: "%"): return .map(items)
            default: return .array(items)
            }
        default:
            throw .invalid(reason: "unexpected type byte \(type)", offset: start)
        }
    }
}
