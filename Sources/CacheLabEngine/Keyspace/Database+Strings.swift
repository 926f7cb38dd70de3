/// Lookups and in-place edits for string values, used by the Strings commands.
extension Database {
    /// The string stored at `key` for a read (hit/miss statistics, access bits), nil when the
    /// key does not exist, WRONGTYPE when it holds another type: Redis's
    /// `lookupKeyReadOrReply` followed by `checkType`.
    @inline(__always)
    public func stringForRead(_ key: Bytes, options: LookupOptions = []) throws(Reply) -> StringValue? {
        guard let value = lookupRead(key, options: options) else { return nil }
        guard case .string(let string) = value else { throw RedisError.wrongType }
        return string
    }

    /// The string stored at `key` for a write (access bits, no statistics), nil when the key
    /// does not exist, WRONGTYPE when it holds another type.
    @inline(__always)
    public func stringForWrite(_ key: Bytes) throws(Reply) -> StringValue? {
        guard let value = lookupWrite(key) else { return nil }
        guard case .string(let string) = value else { throw RedisError.wrongType }
        return string
    }

    /// The length of the string at `key`, looked up for a write; nil when the key does not
    /// exist, WRONGTYPE when it holds another type.
    ///
    /// Returning only the length (never a copy of the value) matters: a caller that goes on to
    /// edit the string in place must not hold a second reference to its bytes.
    public func stringLengthForWrite(_ key: Bytes) throws(Reply) -> Int? {
        try stringForWrite(key)?.bytes.count
    }

    /// Edits the string stored at `key` in place and signals WATCHers. The key must exist and
    /// hold a string (check with `stringLengthForWrite` first). The bytes are not copied: the
    /// value is moved out of the table for the edit, leaving a cheap placeholder behind, so the
    /// edit sees the only reference to its storage.
    public func editString<R>(_ key: Bytes, _ body: (inout StringValue) -> R) -> R {
        let result = update(key) { value -> R in
            guard case .string(var string) = value else {
                preconditionFailure("editString on a key that does not hold a string")
            }
            value = .string(StringValue(Bytes()))
            let result = body(&string)
            value = .string(string)
            return result
        }
        guard let result else { preconditionFailure("editString on a missing key") }
        return result
    }
}
