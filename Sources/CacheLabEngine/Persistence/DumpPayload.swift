/// The serialized value that DUMP returns and RESTORE reads back: one value in the RDB format,
/// without its key, sealed with the format version and a checksum.
///
///     <type byte> <value>          exactly as the value sits in an RDB file (RDBWriter),
///                                  with the key that would sit between them left out
///     <RDB version: 2 bytes LE>    10 for Redis 7.0; RESTORE refuses a newer one
///     <CRC-64: 8 bytes LE>         of every byte before it, as in the RDB trailer (CRC64)
///
/// Because it is the file format, a payload moves between servers of different versions and
/// between CacheLab and Redis: a DUMP from one RESTOREs into the other, byte for byte the same
/// value (the differential tests check both directions). It carries no TTL and no access bits;
/// RESTORE takes those as arguments.
///
/// Redis checks the footer first (too short, newer version, or wrong checksum: one error for
/// all three), then decodes the type and value and ignores any bytes left between the value
/// and the footer. A CRC-64 that starts from 0 is unchanged by leading zero bytes, so a payload
/// with an extra 0x00 in front still passes the check and decodes as an empty string, on
/// Redis as here.
public enum DumpPayload {
    /// The RDB version written into, and the newest accepted in, a payload.
    public static let rdbVersion: UInt16 = 10

    /// Why a payload was refused, with the error RESTORE answers for it.
    public enum Failure: Error, Equatable {
        /// Shorter than its footer, from a newer RDB version, or failing its checksum.
        case versionOrChecksum
        /// The footer is good but the value does not decode (or decodes to an empty collection).
        case badFormat

        /// RESTORE's answer.
        public var reply: Reply {
            switch self {
            case .versionOrChecksum: .error("ERR DUMP payload version or checksum are wrong")
            case .badFormat: .error("ERR Bad data format")
            }
        }
    }

    /// The payload of `value`. `limits` pick the compact layouts as a save would; with
    /// `compression` (rdbcompression), strings over 20 bytes are LZF-compressed when it helps.
    public static func encode(_ value: Value, limits: KeyspaceSnapshot.EncodingLimits, compression: Bool) -> [UInt8] {
        var payload: [UInt8] = []
        let context = KeyspaceSnapshot(databases: [], takenAt: 0, limits: limits)
        var writer = RDBWriter(snapshot: context, options: .init(compression: compression, checksum: false)) {
            payload.append(contentsOf: $0)
        }
        writer.omitsKeys = true
        writer.splitsLongLists = false
        // The in-memory sink cannot fail, and a value alone has no key to write.
        try? writer.writeKeyValue(Bytes(), value)
        try? writer.flush()
        var sealed = RDBBuffer()
        sealed.bytes = payload
        sealed.appendLittleEndian(rdbVersion)
        sealed.appendLittleEndian(CRC64.checksum(sealed.bytes))
        return sealed.bytes
    }

    /// The value in `payload`, decoded with the encoding thresholds of `options`.
    public static func decode(_ payload: [UInt8], options: RDBReader.Options) throws(Failure) -> Value {
        try verifyFooter(payload)
        var state = RDBReader.State(cursor: RDBCursor(payload), options: options)
        do {
            // readValue refuses a type byte that is no value type.
            guard let value = try state.readValue(type: try state.cursor.readByte(), at: 0) else { throw Failure.badFormat }
            return value
        } catch {
            throw .badFormat
        }
    }

    /// Checks the version and checksum at the end of `payload`.
    static func verifyFooter(_ payload: [UInt8]) throws(Failure) {
        guard payload.count >= 10 else { throw .versionOrChecksum }
        var footer = RDBCursor(payload, offset: payload.count - 10)
        guard let version = try? footer.readLittleEndian(UInt16.self), version <= rdbVersion,
              let stored = try? footer.readLittleEndian(UInt64.self) else { throw .versionOrChecksum }
        var crc = CRC64()
        payload.withUnsafeBytes { crc.update(UnsafeRawBufferPointer(rebasing: $0[..<(payload.count - 8)])) }
        guard stored == crc.value else { throw .versionOrChecksum }
    }
}
