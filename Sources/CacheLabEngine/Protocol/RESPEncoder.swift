/// Encodes replies as RESP2 or RESP3 bytes, the wire format of Redis (and of its AOF files).
///
/// RESP3 adds types RESP2 lacks; for a RESP2 client Redis folds them back: a map becomes a flat
/// array of keys and values, a set an array, a double a bulk string, a boolean an integer, and
/// both nulls become `$-1` or `*-1` as the command would have sent them in RESP2.
public struct RESPEncoder {
    public let protocolVersion: Int

    public init(protocolVersion: Int = 2) {
        self.protocolVersion = protocolVersion
    }

    /// The bytes of one reply.
    public func encode(_ reply: Reply) -> [UInt8] {
        var out: [UInt8] = []
        encode(reply, into: &out)
        return out
    }

    public func encode(_ reply: Reply, into out: inout [UInt8]) {
        let resp3 = protocolVersion >= 3
        switch reply {
        case .status(let s):
            line(UInt8(ascii: "+"), s, &out)
        case .error(let e):
            // An error may quote the client's bytes, which need not be UTF-8.
            out.append(UInt8(ascii: "-"))
            out += e.preservedBytes
            out += [13, 10]
        case .integer(let i):
            line(UInt8(ascii: ":"), String(i), &out)
        case .bulk(let b):
            bulk(b, &out)
        case .null:
            if resp3 { out += Array("_\r\n".utf8) } else { out += Array("$-1\r\n".utf8) }
        case .nullArray:
            if resp3 { out += Array("_\r\n".utf8) } else { out += Array("*-1\r\n".utf8) }
        case .array(let items):
            aggregate(UInt8(ascii: "*"), items, &out)
        case .bulkStrings(let strings):
            line(UInt8(ascii: "*"), String(strings.count), &out)
            strings.withUnsafeBytes { bytes in
                for i in strings.indices { bulk(UnsafeRawBufferPointer(rebasing: bytes[strings.range(of: i)]), &out) }
            }
        case .map(let items):
            if resp3 {
                line(UInt8(ascii: "%"), String(items.count / 2), &out)
                for item in items { encode(item, into: &out) }
            } else {
                aggregate(UInt8(ascii: "*"), items, &out)
            }
        case .set(let items):
            aggregate(UInt8(ascii: resp3 ? "~" : "*"), items, &out)
        case .push(let items):
            aggregate(UInt8(ascii: resp3 ? ">" : "*"), items, &out)
        case .double(let d):
            if resp3 {
                line(UInt8(ascii: ","), DoubleFormat.reply(d), &out)
            } else {
                bulk(Bytes(DoubleFormat.reply(d)), &out)
            }
        case .doubleText(let text):
            if resp3 {
                line(UInt8(ascii: ","), text, &out)
            } else {
                bulk(Bytes(text), &out)
            }
        case .bool(let b):
            if resp3 { line(UInt8(ascii: "#"), b ? "t" : "f", &out) } else { line(UInt8(ascii: ":"), b ? "1" : "0", &out) }
        case .verbatim(let format, let text):
            if resp3 {
                let body = Bytes(format + ":") + text
                out.append(UInt8(ascii: "="))
                out += Array(String(body.count).utf8) + [13, 10]
                body.withUnsafeBytes { out.append(contentsOf: $0) }
                out += [13, 10]
            } else {
                bulk(text, &out)
            }
        case .bigNumber(let n):
            if resp3 { line(UInt8(ascii: "("), n, &out) } else { bulk(Bytes(n), &out) }
        }
    }

    private func line(_ type: UInt8, _ text: String, _ out: inout [UInt8]) {
        out.append(type)
        out += Array(text.utf8)
        out += [13, 10]
    }

    private func bulk(_ b: Bytes, _ out: inout [UInt8]) {
        b.withUnsafeBytes { bulk($0, &out) }
    }

    private func bulk(_ bytes: UnsafeRawBufferPointer, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "$"))
        out += Array(String(bytes.count).utf8)
        out += [13, 10]
        out.append(contentsOf: bytes)
        out += [13, 10]
    }

    private func aggregate(_ type: UInt8, _ items: [Reply], _ out: inout [UInt8]) {
        line(type, String(items.count), &out)
        for item in items { encode(item, into: &out) }
    }
}

extension RESPEncoder {
    /// A command as a RESP array of bulk strings: how clients send commands and how the AOF
    /// stores them.
    public static func command(_ argv: [Bytes]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "*")]
        out += Array(String(argv.count).utf8) + [13, 10]
        for arg in argv {
            out.append(UInt8(ascii: "$"))
            out += Array(String(arg.count).utf8) + [13, 10]
            arg.withUnsafeBytes { out.append(contentsOf: $0) }
            out += [13, 10]
        }
        return out
    }
}
