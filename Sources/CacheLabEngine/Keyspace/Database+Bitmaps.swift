/// In-place access to string values, for the commands that edit a string where it lies:
/// SETBIT, BITFIELD, and the HyperLogLog commands (PFADD, PFMERGE, and PFCOUNT's cache).
///
/// These commands work on a key's *position* in the table rather than on a copy of its value:
/// a copy of a 12 KB HyperLogLog or of a large bitmap would share its byte array with the
/// table, and the first write would then copy the whole array (copy-on-write). Editing through
/// `editStringBytes(at:_:)` keeps exactly one reference to the array, so a write touches only
/// the bytes it changes.
///
/// None of these helpers signal WATCHers: each command knows whether it changed anything, and
/// calls `signalModified` itself, as Redis calls `signalModifiedKey` only on a real change.
extension Database {
    /// The position of a live `key` for a read, with the side effects of `lookupRead`: a
    /// keyspace hit or miss is counted and the key's access bits are refreshed.
    func locateForRead(_ key: Bytes) -> Int? {
        guard let p = livePosition(of: key) else {
            engine.stats.keyspaceMisses += 1
            return nil
        }
        engine.stats.keyspaceHits += 1
        touch(at: p)
        return p
    }

    /// The position of a live `key` for a write, with the side effects of `lookupWrite`: the
    /// key's access bits are refreshed, nothing is counted.
    func locateForWrite(_ key: Bytes) -> Int? {
        guard let p = livePosition(of: key) else { return nil }
        touch(at: p)
        return p
    }

    /// Whether the value at `position` is a string (bitmaps and HyperLogLogs are strings).
    func holdsString(at position: Int) -> Bool {
        if case .string = table.values[position].value { return true }
        return false
    }

    /// Calls `body` with the bytes of the string at `position`, without copying them.
    /// The value must be a string.
    func readStringBytes<R>(at position: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        guard case .string(let string) = table.values[position].value else {
            preconditionFailure("readStringBytes on a value that is not a string")
        }
        return string.bytes.withUnsafeBytes(body)
    }

    /// Lets `body` change the bytes of the string at `position` in place, and marks the string
    /// `raw`, as Redis does for every string it modifies in place. The value must be a string.
    ///
    /// The trick that avoids a copy: the value is taken out of the table and a cheap empty
    /// string is parked in its slot, and the byte array is taken out of its `Bytes` in the same
    /// way; the array is then referenced only by the local variable, so Swift mutates it
    /// without copying. Everything is put back afterwards.
    /// The change in size is accounted in used memory.
    ///
    /// The string's buffer grows as Redis's `sdsgrowzero` grows it, once, to the new length
    /// (see `StringValue+Sds`).
    func editStringBytes<R>(at position: Int, _ body: (inout [UInt8]) -> R) -> R {
        editStringBytes(at: position) { (array: inout [UInt8], buffer: inout SdsBuffer) -> R in
            let oldLength = array.count
            let result = body(&array)
            buffer.makeRoom(for: array.count - oldLength, after: oldLength)
            return result
        }
    }

    /// `editStringBytes(at:_:)` for an edit that grows the buffer its own way (a HyperLogLog
    /// makes room before each register it sets): `body` follows the buffer itself.
    func editStringBytes<R>(at position: Int, followingBuffer body: (inout [UInt8], inout SdsBuffer) -> R) -> R {
        var delta = 0
        defer { accountResized(by: delta) }
        return table.withValue(at: position) { entry in
            delta = -RedisObjectSizes.valueBytes(entry.value)
            defer { delta += RedisObjectSizes.valueBytes(entry.value) }
            return editString(&entry, body)
        }
    }

    private func editString<R>(_ entry: inout Entry, _ body: (inout [UInt8], inout SdsBuffer) -> R) -> R {
        guard case .string(var string) = entry.value else {
            preconditionFailure("editStringBytes on a value that is not a string")
        }
        entry.value = .string(StringValue(Bytes()))
        var buffer = string.sdsBufferForEditing
        var array: [UInt8]
        if case .heap(let heap) = string.bytes.storage {
            array = heap
        } else {
            array = string.bytes.array
        }
        string.bytes = Bytes()
        let result = body(&array, &buffer)
        string.bytes = Bytes(array)
        string.setSdsBuffer(buffer)
        string.isRaw = true
        entry.value = .string(string)
        return result
    }
}
