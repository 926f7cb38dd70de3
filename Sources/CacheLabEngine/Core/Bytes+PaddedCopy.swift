extension Bytes {
    /// Bytes of spare room a `copy(toPadded:)` may write past the string's end.
    public static let copyPadding = 16

    /// Copies the bytes to `destination`, which must have room for `count + Bytes.copyPadding`
    /// bytes, and returns how many were copied (`count`); the bytes after them are garbage.
    ///
    /// Why the padding: a short string lives in the 16 bytes of the value itself, and storing
    /// those 16 bytes whole is two plain stores, where copying exactly `count` of them is a
    /// call to `memcpy` that costs more than the rest of the copy. Whoever copies many short
    /// strings into one buffer (`BulkStrings`) writes each at the end of the last, over that
    /// one's garbage, and keeps the padding once, at the end of the buffer.
    @inlinable @inline(__always)
    public func copy(toPadded destination: UnsafeMutableRawPointer) -> Int {
        switch storage {
        case .inline(let words):
            // The words as they lie in memory (a tuple's fields in order): bytes 0...13 the
            // string, byte 14 its length, which lands in the padding.
            destination.storeBytes(of: words, as: InlineWords.self)
            return Int(words.3)
        case .heap(let array):
            return array.withUnsafeBytes { source in
                destination.copyMemory(from: source.baseAddress!, byteCount: source.count)
                return source.count
            }
        }
    }

    /// `copy(toPadded:)` for the string stored at `source`, reading a short one as the two
    /// words of raw memory it occupies: two loads and two stores, where taking the value out
    /// of its enum first costs as much again in shifts and masks.
    ///
    /// This relies on how Swift lays out `Bytes`: an enum keeps its case's payload at the
    /// start of its memory, so an inline string's bytes are the value's first 14 bytes and its
    /// length is the 15th (`BytesLayoutTests` checks it).
    @inlinable @inline(__always)
    public static func copy(at source: UnsafePointer<Bytes>, toPadded destination: UnsafeMutableRawPointer) -> Int {
        copyIfInline(at: source, toPadded: destination) ?? source.pointee.copy(toPadded: destination)
    }

    /// `copy(at:toPadded:)` for a short string only: nil, and nothing written, when the string
    /// at `source` is longer than `inlineCapacity`.
    @inlinable @inline(__always)
    public static func copyIfInline(at source: UnsafePointer<Bytes>, toPadded destination: UnsafeMutableRawPointer) -> Int? {
        guard case .inline = source.pointee.storage else { return nil }
        let raw = UnsafeRawPointer(source)
        destination.storeBytes(of: raw.load(as: UInt64.self), as: UInt64.self)
        destination.storeBytes(of: raw.load(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8, as: UInt64.self)
        return Int(raw.load(fromByteOffset: 14, as: UInt8.self))
    }
}
