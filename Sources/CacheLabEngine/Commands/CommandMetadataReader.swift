/// Reads the generated command table (`CommandMetadata.rawTable`) into replies.
///
/// The table is a JSON tree written by `Scripts/gen-command-table.py`: strings become bulk
/// replies, numbers integers, arrays arrays, and three one-key objects mark the other reply
/// types Redis uses in COMMAND's output: `{"s": ...}` a simple string, `{"m": [...]}` a map
/// (keys and values flattened), `{"set": [...]}` a set. The top level is an array of objects
/// `{"name", "info", "docs"}`, one per command.
///
/// Why not Foundation's `JSONSerialization`: it builds bridged `NSArray`/`NSDictionary`
/// objects that then have to be cast back one by one, which made reading this 260 kB table
/// cost over half a billion instructions, a visible pause at every start of `cachelab`. This
/// reader walks the bytes once and builds the replies directly.
struct CommandMetadataReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0

    /// Parses `text`, which must be the generator's output; malformed input is a build defect.
    static func entries(in text: String) -> [(info: Reply, docs: Reply?)] {
        var copy = text
        return copy.withUTF8 { buffer in
            var reader = CommandMetadataReader(bytes: buffer)
            return reader.readEntries()
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private mutating func readEntries() -> [(info: Reply, docs: Reply?)] {
        var entries: [(info: Reply, docs: Reply?)] = []
        expect(UInt8(ascii: "["))
        while !consumeIfPresent(UInt8(ascii: "]")) {
            if !entries.isEmpty { expect(UInt8(ascii: ",")) }
            var info = Reply.null
            var docs: Reply?
            readObject { reader, key in
                switch key {
                case "info": info = reader.readValue()
                case "docs": docs = reader.readValue()
                default: _ = reader.readValue()
                }
            }
            entries.append((info, docs))
        }
        return entries
    }

    // MARK: Values

    private mutating func readValue() -> Reply {
        skipWhitespace()
        switch peek() {
        case UInt8(ascii: "\""): return .bulk(Bytes(readString()))
        case UInt8(ascii: "["): return .array(readArray())
        case UInt8(ascii: "{"): return readMarkedObject()
        default: return .integer(readInteger())
        }
    }

    private mutating func readArray() -> [Reply] {
        var items: [Reply] = []
        expect(UInt8(ascii: "["))
        while !consumeIfPresent(UInt8(ascii: "]")) {
            if !items.isEmpty { expect(UInt8(ascii: ",")) }
            items.append(readValue())
        }
        return items
    }

    /// One of the marker objects: `{"s": text}`, `{"m": [...]}` or `{"set": [...]}`.
    private mutating func readMarkedObject() -> Reply {
        var result = Reply.null
        readObject { reader, key in
            let value = reader.readValue()
            switch (key, value) {
            case ("s", .bulk(let text)): result = .status(text.string)
            case ("m", .array(let items)): result = .map(items)
            case ("set", .array(let items)): result = .set(items)
            default: fatalError("unexpected \(key) object in the command table")
            }
        }
        return result
    }

    /// Calls `body` with each key; `body` must read the key's value.
    private mutating func readObject(_ body: (inout CommandMetadataReader, String) -> Void) {
        expect(UInt8(ascii: "{"))
        var first = true
        while !consumeIfPresent(UInt8(ascii: "}")) {
            if !first { expect(UInt8(ascii: ",")) }
            first = false
            skipWhitespace()
            let key = String(decoding: readString(), as: UTF8.self)
            expect(UInt8(ascii: ":"))
            body(&self, key)
        }
    }

    /// A string's bytes, with JSON's escapes resolved.
    private mutating func readString() -> [UInt8] {
        expect(UInt8(ascii: "\""))
        var out: [UInt8] = []
        while true {
            let byte = next()
            if byte == UInt8(ascii: "\"") { return out }
            guard byte == UInt8(ascii: "\\") else { out.append(byte); continue }
            switch next() {
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "u"): out.append(contentsOf: readUnicodeEscape())
            case let escaped: out.append(escaped) // \" \\ \/
            }
        }
    }

    /// The UTF-8 bytes of a `\uXXXX` escape (the generator never splits surrogate pairs).
    private mutating func readUnicodeEscape() -> [UInt8] {
        var code: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = Int(String(UnicodeScalar(next())), radix: 16) else {
                fatalError("bad \\u escape in the command table")
            }
            code = code << 4 | UInt32(digit)
        }
        let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
        return Array(String(Character(scalar)).utf8)
    }

    private mutating func readInteger() -> Int64 {
        let negative = consumeIfPresent(UInt8(ascii: "-"))
        var value: Int64 = 0
        var digits = 0
        while offset < bytes.count, bytes[offset] >= UInt8(ascii: "0"), bytes[offset] <= UInt8(ascii: "9") {
            value = value * 10 + Int64(bytes[offset] - UInt8(ascii: "0"))
            offset += 1
            digits += 1
        }
        if digits == 0 { fatalError("unexpected byte at offset \(offset) of the command table") }
        return negative ? -value : value
    }

    // MARK: Bytes

    private func peek() -> UInt8 {
        guard offset < bytes.count else { fatalError("the command table ends early") }
        return bytes[offset]
    }

    private mutating func next() -> UInt8 {
        let byte = peek()
        offset += 1
        return byte
    }

    private mutating func skipWhitespace() {
        while offset < bytes.count, [32, 9, 10, 13].contains(bytes[offset]) { offset += 1 }
    }

    private mutating func consumeIfPresent(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard offset < bytes.count, bytes[offset] == byte else { return false }
        offset += 1
        return true
    }

    private mutating func expect(_ byte: UInt8) {
        guard consumeIfPresent(byte) else {
            fatalError("expected '\(Character(UnicodeScalar(byte)))' at offset \(offset) of the command table")
        }
    }
}
