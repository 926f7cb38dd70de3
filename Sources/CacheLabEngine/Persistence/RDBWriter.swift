/// Writes a keyspace snapshot as an RDB version 10 file, the way Redis 7.0.15 writes it.
///
/// The file, front to back:
///
///     "REDIS0010"                                  magic and version
///     FA name value  (× 5)                         AUX fields: redis-ver, redis-bits, ctime,
///                                                  used-mem, aof-base
///     for each non-empty database:
///       FE db                                      SELECTDB
///       FB keys expires                            RESIZEDB: sizes, a hint for the loader
///       for each key:
///         [FC <8-byte LE unix ms>]                 EXPIRETIME_MS, when the key has a TTL
///         [F8 <idle seconds> | F9 <LFU counter>]   under an LRU / LFU maxmemory-policy
///         <type> <key> <value>
///     FF                                           EOF
///     <8-byte LE CRC-64 of everything above>       or 8 zero bytes with rdbchecksum off
///
/// Bytes are produced into a small buffer that is handed to `sink` (a file, or memory) each
/// time it fills, and the checksum runs over each chunk on its way out, so a million keys never
/// sit twice in memory. Value layouts are in the `RDBWriter+...` files.
public struct RDBWriter {
    public struct Options: Sendable {
        /// `rdbcompression`: LZF-compress strings longer than 20 bytes when that saves space.
        public var compression = true
        /// `rdbchecksum`: end with the CRC-64 (else 8 zero bytes).
        public var checksum = true
        /// Written as AUX `aof-base` (1 in the base file of an AOF).
        public var aofBase = false
        /// Written as AUX `used-mem`.
        public var usedMemory: Int64 = 0

        public init(compression: Bool = true, checksum: Bool = true, aofBase: Bool = false, usedMemory: Int64 = 0) {
            self.compression = compression
            self.checksum = checksum
            self.aofBase = aofBase
            self.usedMemory = usedMemory
        }
    }

    var out = RDBBuffer()
    private var crc = CRC64()
    private let sink: (UnsafeRawBufferPointer) throws -> Void
    let options: Options
    let snapshot: KeyspaceSnapshot
    /// Leave keys out: a DUMP payload is one value, its type byte and its body, with no key.
    var omitsKeys = false
    /// Write a long list in two halves on two threads (see `RDBWriter+Lists.swift`): faster,
    /// but the node that ends the first half may be partly filled where Redis's is full. A
    /// DUMP, which is one value and whose bytes students compare, writes it in one pass.
    var splitsLongLists = true
    static let flushThreshold = 1 << 16

    init(snapshot: KeyspaceSnapshot, options: Options, sink: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.snapshot = snapshot
        self.options = options
        self.sink = sink
        out.bytes.reserveCapacity(Self.flushThreshold + 1024)
    }

    /// The whole file in memory.
    public static func serialize(_ snapshot: KeyspaceSnapshot, options: Options = Options()) -> [UInt8] {
        var file: [UInt8] = []
        // The in-memory sink cannot fail.
        try? write(snapshot, options: options) { file.append(contentsOf: $0) }
        return file
    }

    /// Streams the file to `sink`, chunk by chunk.
    public static func write(_ snapshot: KeyspaceSnapshot, options: Options = Options(),
                             to sink: @escaping (UnsafeRawBufferPointer) throws -> Void) throws {
        var writer = RDBWriter(snapshot: snapshot, options: options, sink: sink)
        try writer.writeFile()
    }

    mutating func writeFile() throws {
        out.append(RDBEncoding.magic)
        out.append(Array("0010".utf8))
        writeAuxFields()
        for db in snapshot.databases {
            try writeDatabase(db)
        }
        out.append(opcode: .eof)
        try flush()
        var trailer = RDBBuffer()
        trailer.appendLittleEndian(options.checksum ? crc.value : 0)
        try trailer.bytes.withUnsafeBytes { try sink($0) }
    }

    private mutating func writeAuxFields() {
        aux("redis-ver", Bytes(Engine.redisVersion))
        aux("redis-bits", Bytes(integer: 64))
        aux("ctime", Bytes(integer: snapshot.takenAt / 1000))
        aux("used-mem", Bytes(integer: options.usedMemory))
        aux("aof-base", Bytes(integer: options.aofBase ? 1 : 0))
    }

    private mutating func aux(_ name: String, _ value: Bytes) {
        out.append(opcode: .aux)
        out.appendString(Bytes(name), compress: options.compression)
        out.appendString(value, compress: options.compression)
    }

    private mutating func writeDatabase(_ db: KeyspaceSnapshot.DatabaseImage) throws {
        out.append(opcode: .selectDB)
        out.appendLength(db.id)
        out.append(opcode: .resizeDB)
        out.appendLength(db.table.count)
        out.appendLength(db.expires.count)
        let keys = db.table.keys
        let entries = db.table.values
        let hasExpires = !db.expires.isEmpty
        for i in 0..<keys.count {
            let key = keys[i]
            if hasExpires, let when = db.expires[key] {
                out.append(opcode: .expireTimeMilliseconds)
                out.appendLittleEndian(when)
            }
            writeAccessBits(entries[i].accessBits(sharedIntegerBits: snapshot.sharedIntegerBits))
            try writeKeyValue(key, entries[i].value)
            if out.bytes.count >= Self.flushThreshold { try flush() }
        }
    }

    /// IDLE (seconds since last access) under LRU policies, FREQ (the 8-bit logarithmic
    /// counter, after the decay due by now) under LFU ones, as Redis saves them to keep
    /// eviction order across restarts.
    private mutating func writeAccessBits(_ lru: UInt32) {
        switch snapshot.evictionKind {
        case .none:
            return
        case .lru:
            let idle = Engine.idleMilliseconds(lru: lru, clock: snapshot.lruClock, resolution: snapshot.lruClockResolution)
            out.append(opcode: .idle)
            out.appendLength(UInt64(idle / 1000))
        case .lfu:
            out.append(opcode: .freq)
            out.append(UInt8(Engine.lfuDecayedCounter(lru, now: snapshot.lfuMinutes, decayTime: snapshot.lfuDecayTime)))
        }
    }

    /// The type byte, the key, and the value.
    mutating func writeKeyValue(_ key: Bytes, _ value: Value) throws {
        switch value {
        case .string(let s):
            out.append(RDBEncoding.TypeCode.string.rawValue)
            writeKey(key)
            writeString(s.bytes)
        case .list(let l):
            try writeList(key, l)
        case .hash(let h):
            writeHash(key, h)
        case .set(let s):
            writeSet(key, s)
        case .zset(let z):
            writeSortedSet(key, z)
        case .stream(let s):
            writeStream(key, s)
        }
    }

    /// A key before its value, unless keys are left out (`omitsKeys`).
    mutating func writeKey(_ key: Bytes) {
        if !omitsKeys { writeString(key) }
    }

    mutating func writeString(_ s: Bytes) {
        out.appendString(s, compress: options.compression)
    }

    mutating func writeBlob(_ blob: [UInt8]) {
        out.appendBlob(blob, compress: options.compression)
    }

    /// Sends what is buffered to the sink.
    mutating func flush() throws {
        try flush(insertingLength: nil, at: 0)
    }

    /// Sends what is buffered to the sink with a length inserted at `offset`, without
    /// moving the bytes after it: for a count known only once what it counts is written.
    mutating func flush(insertingLength length: Int?, at offset: Int) throws {
        guard !out.bytes.isEmpty else { return }
        try out.bytes.withUnsafeBytes { all in
            guard let length else { return try send(all) }
            var inserted = RDBBuffer()
            inserted.appendLength(length)
            try send(UnsafeRawBufferPointer(rebasing: all[..<offset]))
            try inserted.bytes.withUnsafeBytes { try send($0) }
            try send(UnsafeRawBufferPointer(rebasing: all[offset...]))
        }
        out.bytes.removeAll(keepingCapacity: true)
    }

    mutating func send(_ chunk: UnsafeRawBufferPointer) throws {
        guard !chunk.isEmpty else { return }
        if options.checksum { crc.update(chunk) }
        try sink(chunk)
    }
}
