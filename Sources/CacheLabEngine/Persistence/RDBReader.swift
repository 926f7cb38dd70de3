/// Reads an RDB file (versions 1 to 10) into fresh databases.
///
/// The reader walks the file as a sequence of one-byte opcodes, each followed by its payload
/// (see `RDBWriter` for the layout). Anything below 0xF5 is a value type: a key and a value
/// follow. The modifiers EXPIRETIME/EXPIRETIME_MS, IDLE and FREQ apply to the next key only.
///
/// Safety rules, because a file on disk may be damaged or hostile:
/// * every read is bounds-checked by `RDBCursor`, which reports the offset where it failed;
/// * a length is never trusted for an allocation: element counts are capped by the bytes that
///   remain (every element takes at least one byte), LZF output by what its input can expand to;
/// * keys load into new tables, handed back only when the whole file, checksum included, is
///   good, so a bad file never leaves a half-loaded keyspace.
public enum RDBReader {
    public struct Options {
        /// Number of databases (`databases`); a SELECTDB beyond it is an error.
        public var databaseCount = 16
        /// Unix milliseconds; keys that expired before it are dropped (unless `keepExpired`).
        public var now: Int64 = 0
        /// Keep already-expired keys, as Redis does for the RDB part of an AOF.
        public var keepExpired = false
        /// Check the CRC-64 trailer (unless it is 0, which means "not computed").
        public var verifyChecksum = true
        /// For turning IDLE and FREQ into the engine's access bits.
        public var lruClock: UInt32 = 0
        public var lruClockResolution: Int64 = 1000
        public var evictionKind: KeyspaceSnapshot.EvictionKind = .none
        /// The encoding thresholds loaded values are encoded by.
        public var limits = KeyspaceSnapshot.EncodingLimits()

        public init() {}
    }

    /// One database as loaded.
    public struct LoadedDatabase {
        public var table = KeyTable<Entry>()
        public var expires = KeyTable<Int64>()
        /// Positions in `table`, in file order, of the keys whose IDLE (FREQ under an LFU
        /// policy) the load applied.
        /// When such a key holds one of the shared integers, Redis sets those bits on the
        /// shared object itself (see `Engine.install`).
        public var positionsWithAccessBits: [Int] = []
    }

    public struct Result {
        /// One per database, index = database number.
        public var databases: [LoadedDatabase]
        public var version = 0
        /// AUX fields in file order.
        public var auxFields: [(name: Bytes, value: Bytes)] = []
        public var keysLoaded = 0
        public var expiredKeysSkipped = 0
        /// Things skipped on the way (functions, empty keys), as Redis logs them.
        public var warnings: [String] = []
        /// Where the RDB ended (after its checksum): an AOF with an RDB preamble goes on with
        /// commands from there.
        public var bytesRead = 0
    }

    /// A file that cannot be loaded: which file, where, and what is wrong.
    public struct LoadError: Error, CustomStringConvertible, Equatable {
        public let file: String
        public let offset: Int
        public let reason: String
        public var description: String { "Bad RDB file '\(file)' at offset \(offset): \(reason)" }
    }

    /// Loads `bytes` (the whole file); `file` names it in errors.
    public static func load(_ bytes: [UInt8], file: String, options: Options = Options()) throws(LoadError) -> Result {
        var state = State(cursor: RDBCursor(bytes), options: options)
        do {
            try state.readFile()
        } catch {
            throw LoadError(file: file, offset: error.offset, reason: error.reason)
        }
        return state.result
    }

    /// The reader's position and what it has built so far.
    struct State {
        var cursor: RDBCursor
        let options: Options
        var result: Result
        var db = 0
        var pendingExpire: Int64?
        var pendingIdle: UInt64?
        var pendingFreq: UInt8?

        init(cursor: RDBCursor, options: Options) {
            self.cursor = cursor
            self.options = options
            result = Result(databases: Array(repeating: LoadedDatabase(), count: max(1, options.databaseCount)))
        }

        func fail(_ reason: String, at offset: Int? = nil) -> RDBCursor.Failure {
            RDBCursor.Failure(reason: reason, offset: offset ?? cursor.offset)
        }

        mutating func readFile() throws(RDBCursor.Failure) {
            try readHeader()
            while true {
                let opcodeOffset = cursor.offset
                let byte = try cursor.readByte()
                if let opcode = RDBEncoding.Opcode(rawValue: byte) {
                    if opcode == .eof {
                        try readTrailer(eofOffset: opcodeOffset)
                        result.bytesRead = cursor.offset
                        return
                    }
                    try readOpcode(opcode, at: opcodeOffset)
                } else {
                    try readKey(type: byte, at: opcodeOffset)
                }
            }
        }

        mutating func readHeader() throws(RDBCursor.Failure) {
            guard cursor.remaining >= 9, Array(cursor.bytes[0..<5]) == RDBEncoding.magic else {
                throw fail("Wrong signature trying to load DB from file", at: 0)
            }
            _ = try cursor.readBytes(5)
            let digits = try cursor.readBytes(4)
            guard digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                throw fail("Wrong signature trying to load DB from file", at: 5)
            }
            let version = digits.reduce(0) { $0 * 10 + Int($1 - 48) }
            guard version >= 1 && version <= RDBEncoding.version else {
                throw fail("Can't handle RDB format version \(version)", at: 5)
            }
            result.version = version
        }

        mutating func readOpcode(_ opcode: RDBEncoding.Opcode, at offset: Int) throws(RDBCursor.Failure) {
            switch opcode {
            case .selectDB:
                let n = try cursor.readCount()
                guard n < options.databaseCount else {
                    throw fail("Data file was created with a Redis server configured to handle more than \(options.databaseCount) databases", at: offset)
                }
                db = n
            case .resizeDB:
                let keys = try cursor.readCount()
                let expires = try cursor.readCount()
                // Only a hint: never reserve more than the file could hold.
                let cap = cursor.remaining / 3
                result.databases[db].table.reserveCapacity(min(keys, cap))
                result.databases[db].expires.reserveCapacity(min(expires, cap))
            case .expireTimeMilliseconds:
                pendingExpire = Int64(bitPattern: try cursor.readLittleEndian(UInt64.self))
            case .expireTime:
                pendingExpire = Int64(Int32(bitPattern: try cursor.readLittleEndian(UInt32.self))) * 1000
            case .idle:
                pendingIdle = try cursor.readLength().value
            case .freq:
                pendingFreq = try cursor.readByte()
            case .aux:
                let name = try cursor.readString()
                let value = try cursor.readString()
                result.auxFields.append((name, value))
            case .function2:
                _ = try cursor.readString()
                result.warnings.append("Skipped a FUNCTION2 library: CacheLab has no scripting engine")
            case .function:
                _ = try cursor.readString()  // name
                _ = try cursor.readString()  // engine
                if try cursor.readCount() != 0 { _ = try cursor.readString() }  // description
                _ = try cursor.readString()  // code
                result.warnings.append("Skipped a FUNCTION (7.0-rc) library: CacheLab has no scripting engine")
            case .moduleAux:
                let id = try cursor.readLength().value
                throw fail("The RDB file contains AUX module data I can't load: no matching module '\(Self.moduleName(id))'", at: offset)
            case .eof:
                break
            }
        }

        /// The 8-byte CRC after EOF (from version 5), checked over every byte before it.
        mutating func readTrailer(eofOffset: Int) throws(RDBCursor.Failure) {
            guard result.version >= 5 else { return }
            let stored = try cursor.readLittleEndian(UInt64.self)
            guard stored != 0, options.verifyChecksum else { return }
            var crc = CRC64()
            cursor.bytes.withUnsafeBytes { crc.update(UnsafeRawBufferPointer(rebasing: $0[0...eofOffset])) }
            guard crc.value == stored else {
                throw fail("Wrong RDB checksum expected: (\(Self.hex(crc.value))) but got (\(Self.hex(stored)))", at: eofOffset + 1)
            }
        }

        mutating func readKey(type: UInt8, at offset: Int) throws(RDBCursor.Failure) {
            guard RDBEncoding.TypeCode(rawValue: type) != nil else { throw fail("Unknown RDB encoding type \(type)", at: offset) }
            let key = try cursor.readString()
            let value = try readValue(type: type, at: offset)
            let expire = pendingExpire
            let idle = pendingIdle, freq = pendingFreq
            pendingExpire = nil; pendingIdle = nil; pendingFreq = nil
            guard let value else {
                result.warnings.append("Skipped empty key '\(key.string)'")
                return
            }
            if let expire, !options.keepExpired, expire < options.now {
                result.expiredKeysSkipped += 1
                return
            }
            guard result.databases[db].table.position(of: key) == nil else {
                throw fail("Duplicated key '\(key.string)' found in RDB file", at: offset)
            }
            result.databases[db].table.insertNew(key, Entry(value: value, lru: options.accessBits(idle: idle, freq: freq)))
            // The bits the file gave, as Redis applies them: FREQ under LFU, else IDLE.
            if options.evictionKind == .lfu ? freq != nil : idle != nil {
                result.databases[db].positionsWithAccessBits.append(result.databases[db].table.count - 1)
            }
            if let expire { _ = result.databases[db].expires.set(key, expire) }
            result.keysLoaded += 1
        }

        /// A module type id's nine-character name (54 bits of 6-bit characters).
        static func moduleName(_ id: UInt64) -> String {
            let charset = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
            var bits = id >> 10
            var name = [Character](repeating: "A", count: 9)
            for j in 0..<9 {
                name[8 - j] = charset[Int(bits & 63)]
                bits >>= 6
            }
            return String(name)
        }

        static func hex(_ v: UInt64) -> String {
            String(v, radix: 16)
        }
    }
}

extension RDBReader.Options {
    /// The engine's access bits for a loaded key: carrying the FREQ counter under an LFU
    /// policy, else now moved back by IDLE (Redis's `objectSetLRUOrLFU` applies IDLE under
    /// every policy but the LFU ones, noeviction included). RESTORE's IDLETIME and FREQ
    /// follow the same rule.
    public func accessBits(idle: UInt64?, freq: UInt8?) -> UInt32 {
        let clock = lruClock
        switch evictionKind {
        case .lru, .none:
            guard let idle else { return clock }
            // Redis's arithmetic, signed and wrapping: the clock minus the idle units, moved
            // up by one clock range when negative, then cut to the 24 bits of the field. An
            // idle time longer than the clock's range so lands somewhere on the wrapped clock,
            // as it does on a real server.
            let units = Int64(bitPattern: idle) &* 1000 / Int64(max(1, lruClockResolution))
            var absolute = Int64(clock) &- units
            if absolute < 0 { absolute &+= Int64(Engine.lruClockMax) }
            return UInt32(truncatingIfNeeded: absolute) & Engine.lruClockMax
        case .lfu:
            let minutes = UInt32(truncatingIfNeeded: (now / 60_000) & 0xFFFF)
            return minutes << 8 | UInt32(freq ?? 5)
        }
    }
}
