/// jemalloc's size classes: what an allocation of n bytes really costs.
///
/// Redis counts memory with `zmalloc`, which adds the *usable* size of each allocation — the
/// size class jemalloc rounded the request up to. The classes are 8, then multiples of 16 up to
/// 128, then four classes per doubling:
///
///     8 16 32 48 64 80 96 112 128 | 160 192 224 256 | 320 384 448 512 | 640 768 896 1024 | ...
///
/// So a 24-byte dictEntry costs 32 bytes, and a 100-byte string with its 3-byte header and
/// terminator (104 bytes) costs 112.
public enum Jemalloc {
    /// The usable size of an allocation of `n` bytes (0 for none).
    @inline(__always)
    public static func usableSize(_ n: Int) -> Int {
        if n <= 0 { return 0 }
        if n <= 8 { return 8 }
        if n <= 128 { return (n + 15) & ~15 }
        // Four classes between 2^k and 2^(k+1): a step of 2^(k-2).
        let k = Int.bitWidth - 1 - (n - 1).leadingZeroBitCount
        let step = 1 << (k - 2)
        return (n + step - 1) & ~(step - 1)
    }

    /// The index of the size class an allocation of `n` bytes (n >= 1) falls in: 0 for 8,
    /// 1...8 for 16...128, then four per doubling (9 for 160, 12 for 256, 13 for 320, ...).
    public static func classIndex(_ n: Int) -> Int {
        if n <= 8 { return 0 }
        if n <= 128 { return (n + 15) >> 4 }
        let k = Int.bitWidth - 1 - (n - 1).leadingZeroBitCount
        let step = 1 << (k - 2)
        return 8 + (k - 7) * 4 + (n - (1 << k) + step - 1) / step
    }

    /// The size of class `index` (the inverse of `classIndex`).
    public static func classSize(_ index: Int) -> Int {
        if index == 0 { return 8 }
        if index <= 8 { return index << 4 }
        let k = 7 + (index - 9) / 4
        return (1 << k) + ((index - 9) % 4 + 1) << (k - 2)
    }
}
