import CacheLabEngine

/// What redis-server makes of the bytes a client sends (`processInputBuffer`), for `--pipe`,
/// whose input goes to the server as it is, not through redis-cli's line reader.
///
/// A request that starts with `*` is in the protocol's multibulk form: `*<count>\r\n`, then
/// `count` arguments, each `$<length>\r\n<bytes>\r\n`. Anything else is an inline command:
/// one line, split into words as redis-cli splits a typed line, and a blank line is no
/// command at all. A multibulk count of zero or less is also no command.
///
/// The server reads header lines with C's `strchr`, so a NUL byte ends its search, and it
/// skips the two bytes after a bulk without looking at them. A malformed request is a
/// protocol error: the server answers it and closes the connection.
enum RequestStream {
    /// The longest inline request, or count line, the server waits for (`PROTO_INLINE_MAX_SIZE`).
    static let inlineMaxSize = 64 * 1024

    enum Next: Equatable {
        /// A whole command.
        case command([Bytes])
        /// A request that holds no command (a blank line, `*0`), consumed.
        case nothing
        /// The request is not all there yet.
        case incomplete
        /// The request is malformed: the error the server replies before closing.
        case protocolError(Reply)
    }

    /// Reads the request at `position` in `buffer`, and moves `position` past it unless it
    /// is incomplete. `maxBulkLength` is `proto-max-bulk-len`.
    static func next(in buffer: UnsafeRawBufferPointer, at position: inout Int, maxBulkLength: Int) -> Next {
        guard position < buffer.count else { return .incomplete }
        return buffer[position] == UInt8(ascii: "*")
            ? multibulk(in: buffer, at: &position, maxBulkLength: maxBulkLength)
            : inline(in: buffer, at: &position)
    }

    private static func inline(in buffer: UnsafeRawBufferPointer, at position: inout Int) -> Next {
        guard var end = find(UInt8(ascii: "\n"), in: buffer, from: position) else {
            return buffer.count - position > inlineMaxSize ? error("too big inline request") : .incomplete
        }
        let next = end + 1
        if end > position && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        guard let argv = Tokenizer.split(UnsafeRawBufferPointer(rebasing: buffer[position..<end])) else {
            return error("unbalanced quotes in request")
        }
        position = next
        return argv.isEmpty ? .nothing : .command(argv)
    }

    private static func multibulk(in buffer: UnsafeRawBufferPointer, at position: inout Int, maxBulkLength: Int) -> Next {
        var cursor = position
        let count: Int64
        switch headerNumber(in: buffer, at: &cursor, tooBig: "too big mbulk count string") {
        case .number(let n):
            guard let n, n <= Int64(Int32.max) else { return error("invalid multibulk length") }
            count = n
        case .stop(let next):
            return next
        }
        guard count > 0 else {
            position = cursor
            return .nothing
        }
        var argv: [Bytes] = []
        argv.reserveCapacity(Int(min(count, 1024)))
        for _ in 0..<count {
            guard cursor < buffer.count else { return .incomplete }
            let marker = buffer[cursor]
            let length: Int
            var afterHeader = cursor
            switch headerNumber(in: buffer, at: &afterHeader, tooBig: "too big bulk count string") {
            case .stop(let next):
                return next
            case .number(let n):
                guard marker == UInt8(ascii: "$") else { return expectedDollar(got: marker) }
                guard let n, n >= 0, n <= Int64(maxBulkLength) else { return error("invalid bulk length") }
                length = Int(n)
            }
            guard buffer.count - afterHeader >= length + 2 else { return .incomplete }
            argv.append(Bytes(UnsafeRawBufferPointer(rebasing: buffer[afterHeader..<afterHeader + length])))
            cursor = afterHeader + length + 2
        }
        position = cursor
        return .command(argv)
    }

    private enum Header {
        /// The number after the line's first byte (nil when it is not one), the cursor past
        /// the line's `\r\n`.
        case number(Int64?)
        /// The line is not all there (or is too long).
        case stop(Next)
    }

    /// A `*<n>` or `$<n>` line at `cursor`: the server wants its `\r` and one more byte, and
    /// reads the digits between the first byte and the `\r` as `string2ll` does.
    private static func headerNumber(in buffer: UnsafeRawBufferPointer, at cursor: inout Int, tooBig: String) -> Header {
        guard let carriageReturn = find(UInt8(ascii: "\r"), in: buffer, from: cursor) else {
            return .stop(buffer.count - cursor > inlineMaxSize ? error(tooBig) : .incomplete)
        }
        guard carriageReturn + 2 <= buffer.count else { return .stop(.incomplete) }
        let digits = Bytes(UnsafeRawBufferPointer(rebasing: buffer[(cursor + 1)..<max(cursor + 1, carriageReturn)]))
        cursor = carriageReturn + 2
        return .number(digits.int64Value)
    }

    /// C's `strchr` from `start`: the index of `byte`, or nil when a NUL or the end comes first.
    private static func find(_ byte: UInt8, in buffer: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var index = start
        while index < buffer.count {
            let current = buffer[index]
            if current == byte { return index }
            if current == 0 { return nil }
            index += 1
        }
        return nil
    }

    private static func error(_ reason: String) -> Next {
        .protocolError(.error("ERR Protocol error: \(reason)"))
    }

    /// Redis formats the byte it found into the message, with a line break made a space.
    private static func expectedDollar(got byte: UInt8) -> Next {
        let shown = byte == 0x0D || byte == 0x0A ? UInt8(ascii: " ") : byte
        let message = Array("ERR Protocol error: expected '$', got '".utf8) + [shown] + Array("'".utf8)
        return .protocolError(.error(String(preservingBytes: message)))
    }
}
