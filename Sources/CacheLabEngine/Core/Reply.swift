/// One reply from the engine, in the vocabulary of RESP3.
///
/// Handlers build replies without knowing who asked: the redis-cli formatter prints them, the
/// RESP encoder turns them into RESP2 or RESP3 bytes (RESP2 flattens maps and sets into arrays,
/// and doubles into bulk strings), and tests compare them directly.
public enum Reply: Sendable {
    /// A simple string such as `OK` or `PONG` (`+OK`).
    case status(String)
    /// An error; the text starts with its code, as in `ERR syntax error`.
    case error(String)
    case integer(Int64)
    case bulk(Bytes)
    /// The null bulk string: `$-1` in RESP2, `_` in RESP3. redis-cli prints `(nil)`.
    case null
    /// The null array: `*-1` in RESP2, `_` in RESP3. redis-cli prints `(nil)` too.
    case nullArray
    case array([Reply])
    /// An array of bulk strings held in one buffer (see `BulkStrings`), for replies of many
    /// strings such as ZRANGE's. It is the same reply as `.array` of their `.bulk`s: encoded,
    /// formatted and compared (`==`) as that array.
    case bulkStrings(BulkStrings)
    /// A RESP3 map, as alternating keys and values (RESP2 sends the same flat array).
    case map([Reply])
    /// A RESP3 set (a plain array in RESP2).
    case set([Reply])
    /// A RESP3 double; RESP2 sends it as a bulk string formatted as Redis 7.0 does (`%.17g`).
    case double(Double)
    /// A RESP3 double whose text the command chose, for the replies Redis formats itself
    /// (`addReplyHumanLongDouble`: GEOPOS coordinates print 17 decimals, `13.36138933897018433`);
    /// a bulk string of the same text in RESP2. The RESP parser also returns doubles this way,
    /// so two replies compare equal only when their bytes do.
    case doubleText(String)
    /// A RESP3 boolean; RESP2 sends it as the integer 1 or 0.
    case bool(Bool)
    /// A RESP3 verbatim string with its three-letter format (`txt`); a bulk string in RESP2.
    case verbatim(format: String, text: Bytes)
    /// A RESP3 big number; a bulk string in RESP2.
    case bigNumber(String)
    /// An out-of-band RESP3 push message.
    case push([Reply])
}

extension Reply {
    public static let ok = Reply.status("OK")
    public static let queued = Reply.status("QUEUED")
    public static let zero = Reply.integer(0)
    public static let one = Reply.integer(1)
    public static let emptyArray = Reply.array([])

    /// A bulk reply holding the UTF-8 bytes of `text`.
    public static func bulk(_ text: String) -> Reply { .bulk(Bytes(text)) }

    /// An integer reply from an `Int`.
    public static func integer(_ value: Int) -> Reply { .integer(Int64(value)) }

    /// An array of bulk strings.
    public static func bulkArray(_ items: [Bytes]) -> Reply { .array(items.map(Reply.bulk)) }

    /// A bulk string, or null when `value` is nil.
    public static func bulkOrNull(_ value: Bytes?) -> Reply { value.map(Reply.bulk) ?? .null }

    public var isError: Bool {
        if case .error = self { return true }
        return false
    }

    /// The error text, when this is an error.
    public var errorMessage: String? {
        if case .error(let message) = self { return message }
        return nil
    }
}

/// An error reply can be thrown from a handler: `throw RedisError.notInteger`.
extension Reply: Error {}
