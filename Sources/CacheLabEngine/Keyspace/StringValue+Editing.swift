/// In-place edits of a string value, as APPEND and SETRANGE make them.
///
/// Redis edits such a string inside its own buffer (after making sure it owns a plain `raw`
/// copy), so repeated APPENDs cost amortised O(1) each. We do the same: the bytes are taken
/// out of their `Bytes` as a uniquely referenced array, grown or overwritten, and put back.
/// Either edit leaves the value `raw`, as OBJECT ENCODING reports it in Redis, and follows
/// how Redis grows the buffer (`StringValue+Sds`).
extension StringValue {
    /// Appends `suffix` to the string; the value becomes `raw`.
    public mutating func appendInPlace(_ suffix: Bytes) {
        let oldLength = bytes.count, buffer = sdsBufferForEditing
        bytes.editAsArray { array in
            suffix.withUnsafeBytes { array.append(contentsOf: $0) }
        }
        noteInPlaceEdit(from: oldLength, in: buffer)
        isRaw = true
        allowsIntEncoding = true
    }

    /// Writes `patch` at byte `offset`, first padding the string with zero bytes up to
    /// `offset + patch.count` if it is shorter; the value becomes `raw`.
    public mutating func writeInPlace(_ patch: Bytes, at offset: Int) {
        let oldLength = bytes.count, buffer = sdsBufferForEditing
        bytes.editAsArray { array in
            let end = offset + patch.count
            if array.count < end {
                array.append(contentsOf: repeatElement(0, count: end - array.count))
            }
            patch.withUnsafeBytes { source in
                array.withUnsafeMutableBytes { target in
                    guard let base = source.baseAddress, source.count > 0 else { return }
                    (target.baseAddress! + offset).copyMemory(from: base, byteCount: source.count)
                }
            }
        }
        noteInPlaceEdit(from: oldLength, in: buffer)
        isRaw = true
        allowsIntEncoding = true
    }
}

extension Bytes {
    /// Runs `body` on the bytes as an array and stores the result. A heap string hands its own
    /// array over (the storage is emptied first, so the array is uniquely referenced and grows
    /// in place); a short inline string is copied out. The result goes back inline when short.
    fileprivate mutating func editAsArray(_ body: (inout [UInt8]) -> Void) {
        var array: [UInt8]
        switch storage {
        case .heap(let owned):
            array = owned
            storage = .inline((0, 0, 0, 0))
        case .inline:
            array = self.array
        }
        body(&array)
        self = Bytes(array)
    }
}
