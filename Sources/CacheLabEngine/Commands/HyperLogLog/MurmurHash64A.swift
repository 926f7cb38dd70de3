/// MurmurHash64A, Austin Appleby's 64-bit hash (public domain algorithm), as Redis uses it to
/// place HyperLogLog elements.
///
/// The input is consumed in 8-byte little-endian blocks, each one mixed (multiply, xor-shift,
/// multiply) into the running hash; the last 0-7 bytes are folded in together, and a final
/// avalanche spreads every input bit over the whole result. HyperLogLog must use exactly this
/// function with Redis's seed so that an element lands in the same register as in Redis.
enum MurmurHash64A {
    static func hash(_ data: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        let m: UInt64 = 0xc6a4_a793_5bd1_e995
        let r: UInt64 = 47
        let length = data.count
        var h = seed ^ (UInt64(length) &* m)

        let blocks = length / 8
        for i in 0..<blocks {
            var k = UInt64(littleEndian: data.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
            k &*= m
            k ^= k >> r
            k &*= m
            h ^= k
            h &*= m
        }

        let tail = blocks * 8
        let remaining = length & 7
        if remaining > 0 {
            for j in 0..<remaining {
                h ^= UInt64(data[tail + j]) << UInt64(8 * j)
            }
            h &*= m
        }

        h ^= h >> r
        h &*= m
        h ^= h >> r
        return h
    }

    static func hash(_ bytes: Bytes, seed: UInt64) -> UInt64 {
        bytes.withUnsafeBytes { hash($0, seed: seed) }
    }
}
