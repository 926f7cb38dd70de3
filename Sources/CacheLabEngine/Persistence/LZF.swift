/// LZF, the small and fast compressor Redis uses for long strings in RDB files.
///
/// An LZF stream is a sequence of instructions, each starting with a control byte:
///
///     000LLLLL                      copy the next L+1 bytes as they are (a literal run, 1...32)
///     LLLooooo oooooooo             copy L+2 bytes from `offset+1` bytes back in the output
///     111ooooo LLLLLLLL oooooooo    the same with a longer length: 7+L+2 bytes (up to 264)
///
/// Back references may overlap the bytes they produce ("abababab" is "ab" plus a reference one
/// step back), so copies go byte by byte. Compression finds repeats with a hash of the next
/// three bytes pointing at where they were last seen. Our compressor's choices differ from
/// liblzf's, so the compressed bytes differ from Redis's, but any LZF reader decodes both.
public enum LZF {
    /// Compresses `input`; nil when the result would not be smaller (Redis then stores the raw
    /// string).
    public static func compress(_ input: [UInt8]) -> [UInt8]? {
        let n = input.count
        guard n >= 4 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(n)
        let hashSize = 1 << 14
        var table = [Int](repeating: -1, count: hashSize)
        var literalStart = 0
        var i = 0

        func flushLiterals(upTo end: Int) {
            var start = literalStart
            while start < end {
                let run = min(32, end - start)
                out.append(UInt8(run - 1))
                out.append(contentsOf: input[start..<start + run])
                start += run
            }
        }

        while i + 2 < n {
            let triple = Int(input[i]) << 16 | Int(input[i + 1]) << 8 | Int(input[i + 2])
            let h = ((triple &* 2_654_435_761) >> 10) & (hashSize - 1)
            let candidate = table[h]
            table[h] = i
            let offset = i - candidate - 1
            if candidate >= 0, offset < 8192,
               input[candidate] == input[i], input[candidate + 1] == input[i + 1], input[candidate + 2] == input[i + 2] {
                var length = 3
                let maxLength = min(264, n - i)
                while length < maxLength && input[candidate + length] == input[i + length] { length += 1 }
                flushLiterals(upTo: i)
                let encoded = length - 2
                if encoded < 7 {
                    out.append(UInt8(encoded << 5 | offset >> 8))
                } else {
                    out.append(UInt8(7 << 5 | offset >> 8))
                    out.append(UInt8(encoded - 7))
                }
                out.append(UInt8(offset & 0xFF))
                i += length
                literalStart = i
            } else {
                i += 1
            }
            if out.count >= n { return nil }
        }
        flushLiterals(upTo: n)
        return out.count < n ? out : nil
    }

    public enum DecompressError: Error, Equatable {
        case invalid
    }

    /// Decompresses to exactly `length` bytes, or throws when the stream is malformed.
    public static func decompress(_ input: ArraySlice<UInt8>, length: Int) throws(DecompressError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(length)
        var i = input.startIndex
        while i < input.endIndex {
            let control = Int(input[i])
            i += 1
            if control < 32 {
                let run = control + 1
                guard i + run <= input.endIndex, out.count + run <= length else { throw .invalid }
                out.append(contentsOf: input[i..<i + run])
                i += run
            } else {
                var run = control >> 5
                if run == 7 {
                    guard i < input.endIndex else { throw .invalid }
                    run += Int(input[i])
                    i += 1
                }
                guard i < input.endIndex else { throw .invalid }
                let offset = ((control & 0x1F) << 8 | Int(input[i])) + 1
                i += 1
                run += 2
                guard offset <= out.count, out.count + run <= length else { throw .invalid }
                var from = out.count - offset
                for _ in 0..<run {
                    out.append(out[from])
                    from += 1
                }
            }
        }
        guard out.count == length else { throw .invalid }
        return out
    }
}
