/// A value stored under a key: one case per Redis type.
///
/// Bitmaps, bitfields and HyperLogLogs are strings, and geo sets are sorted sets, exactly as in
/// Redis, so they need no cases of their own. Collection payloads are copy-on-write value types:
/// a snapshot for BGSAVE is a plain copy of the keyspace.
///
/// A stream's payload is larger than a short string, so that case is `indirect`: boxed on the
/// heap, keeping every entry of the keyspace, most of them strings, at 24 bytes. Sets and
/// sorted sets keep their structures behind a single reference of their own (see `SetValue`),
/// so they need no box, and writing to them allocates nothing.
public enum Value {
    case string(StringValue)
    case list(ListValue)
    case hash(HashValue)
    case set(SetValue)
    case zset(SortedSetValue)
    indirect case stream(StreamValue)

    /// The name TYPE answers.
    public var typeName: String {
        switch self {
        case .string: return "string"
        case .list: return "list"
        case .hash: return "hash"
        case .set: return "set"
        case .zset: return "zset"
        case .stream: return "stream"
        }
    }
}

/// One key's slot in the main table: the value and the bits Redis keeps in `robj.lru`.
public struct Entry {
    public var value: Value
    /// When the key was added, as a wrapping 16-bit count of insertions into its database
    /// (it fills padding: an entry stays 24 bytes). Redis chains a new key at the head of its
    /// bucket, and eviction sampling meets a chain head first (see `EvictionBucketSampling`).
    public var insertion: UInt16 = 0
    /// Redis's 24-bit LRU clock reading at last access, or, under an LFU policy, the
    /// 16-bit minutes of last decay and the 8-bit logarithmic counter.
    public var lru: UInt32

    public init(value: Value, lru: UInt32) {
        self.value = value
        self.lru = lru
    }
}

/// A string value and what Redis would record about its encoding.
///
/// Redis encodes a string as `int` when it is a canonical 64-bit integer of at most 20
/// characters, `embstr` when it is at most 44 bytes, else `raw`; but a string that was modified
/// in place (APPEND, SETRANGE, SETBIT and friends) is always `raw`. Only that last fact needs
/// storing: the rest follows from the bytes.
public struct StringValue: Sendable, Equatable {
    public var bytes: Bytes
    /// The facts below, packed in one byte beside the 16 bytes of `bytes`: separate fields
    /// would make every `Entry` of the keyspace 32 bytes instead of 24.
    private var flags: UInt8

    private static let rawFlag: UInt8 = 1
    private static let noIntEncodingFlag: UInt8 = 2
    private static let privateObjectFlag: UInt8 = 4
    private static let sdsGrownFlag: UInt8 = 8
    /// Bits 4...7: `sdsSpareClasses`.
    private static let sdsSpareShift: UInt8 = 4

    /// True once the string was modified in place, which makes Redis store it `raw`.
    public var isRaw: Bool {
        get { flags & Self.rawFlag != 0 }
        set { setFlag(Self.rawFlag, newValue) }
    }
    /// False when Redis stored the string without trying the `int` encoding, as INCRBYFLOAT
    /// stores its result: it is then `embstr` or `raw` by length even if it reads as an integer.
    public var allowsIntEncoding: Bool {
        get { flags & Self.noIntEncodingFlag == 0 }
        set { setFlag(Self.noIntEncodingFlag, !newValue) }
    }
    /// True for a duplicate Redis made with an object of its own (COPY): even a small integer
    /// is then not one of the shared integer objects (OBJECT REFCOUNT answers 1).
    public var isPrivateObject: Bool {
        get { flags & Self.privateObjectFlag != 0 }
        set { setFlag(Self.privateObjectFlag, newValue) }
    }

    /// True once Redis would have reallocated this raw string's buffer to grow it, with room
    /// to spare (see `StringValue+Sds`); false for a buffer sized for the string.
    public internal(set) var sdsIsGrown: Bool {
        get { flags & Self.sdsGrownFlag != 0 }
        set { setFlag(Self.sdsGrownFlag, newValue) }
    }
    /// For a grown buffer: how many jemalloc size classes it is above the one its current
    /// length needs (0...15).
    public internal(set) var sdsSpareClasses: Int {
        get { Int(flags >> Self.sdsSpareShift) }
        set { flags = flags & 0x0F | UInt8(min(15, max(0, newValue))) << Self.sdsSpareShift }
    }

    public init(_ bytes: Bytes, isRaw: Bool = false) {
        self.bytes = bytes
        self.flags = isRaw ? Self.rawFlag : 0
    }

    /// Equal bytes and encoding facts; the modelled buffer (`sdsIsGrown`, `sdsSpareClasses`)
    /// is bookkeeping of memory, not part of the value.
    public static func == (a: StringValue, b: StringValue) -> Bool {
        a.bytes == b.bytes && a.flags & 0x07 == b.flags & 0x07
    }

    private mutating func setFlag(_ flag: UInt8, _ on: Bool) {
        if on { flags |= flag } else { flags &= ~flag }
    }

    /// The longest string Redis stores in one allocation with its object header.
    public static let embstrLimit = 44

    /// What OBJECT ENCODING answers for this string.
    public var encoding: String {
        if isRaw { return "raw" }
        if allowsIntEncoding, bytes.count <= 20, bytes.int64Value != nil { return "int" }
        return bytes.count > Self.embstrLimit ? "raw" : "embstr"
    }
}

extension Value {
    /// A string value from bytes, encoded as a fresh SET would encode it.
    public static func string(_ bytes: Bytes) -> Value { .string(StringValue(bytes)) }
}
