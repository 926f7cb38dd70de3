#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CacheLabEngine

extension Reply {
    /// The reply as a client of protocol `version` receives it.
    ///
    /// The engine always answers in RESP3's vocabulary. redis-cli talks RESP2 unless the user
    /// sends `HELLO 3`, and over RESP2 a map arrives as a flat array, a double as a bulk
    /// string, a boolean as an integer. redis-cli prints what arrives, so the REPL formats
    /// the reply as it would have crossed the wire.
    public func asReceived(byProtocol version: Int) -> Reply {
        guard version < 3 else { return self }
        switch self {
        case .status, .error, .integer, .bulk, .null, .nullArray:
            return self
        case .array(let items), .set(let items), .map(let items), .push(let items):
            return .array(items.map { $0.asReceived(byProtocol: version) })
        case .bulkStrings:
            return self
        case .double(let value):
            return .bulk(Bytes(Reply.redisDoubleText(value)))
        case .doubleText(let text):
            return .bulk(Bytes(text))
        case .bool(let value):
            return .integer(value ? 1 : 0)
        case .verbatim(_, let text):
            return .bulk(text)
        case .bigNumber(let digits):
            return .bulk(Bytes(digits))
        }
    }

    /// A double as Redis 7.0 writes it on the wire: `%.17g`, with `inf` and `-inf` spelled out.
    public static func redisDoubleText(_ value: Double) -> String {
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        var buffer = [CChar](repeating: 0, count: 64)
        let length = withVaList([value]) { vsnprintf(&buffer, buffer.count, "%.17g", $0) }
        return String(decoding: buffer[0..<Int(max(0, length))].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
