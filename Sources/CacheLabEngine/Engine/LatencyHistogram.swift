/// A latency histogram with the shape Redis uses for INFO latencystats: an HDR histogram
/// ("high dynamic range") from 1 ns to 1 s with two significant digits.
///
/// How it works. Values are grouped in buckets by their power of two; each bucket is cut into
/// 128 equal sub-buckets (256 for the first), so any value is counted with an error under 1%
/// whatever its size: 1 ns steps up to 256 ns, 2 ns steps up to 512 ns, ... A percentile is
/// read by walking the counts until the running total reaches that share of all values, and
/// answering the highest value the sub-bucket found stands for.
public struct LatencyHistogram {
    /// 2^8 = 256 sub-buckets: the smallest power of two above 2 * 10^2 (two significant digits).
    private static let subBucketCountMagnitude = 8
    private static let subBucketHalfCountMagnitude = 7
    private static let subBucketHalfCount = 128
    private static let subBucketMask: UInt64 = 255
    /// Values are clamped to 1 ns ... 1 s, as Redis does.
    static let lowest: UInt64 = 1
    static let highest: UInt64 = 1_000_000_000
    /// Buckets needed to reach `highest`: 256 << 22 is the first power above 10^9.
    private static let bucketCount = 23

    private var counts: [Int64] = []
    public private(set) var totalCount: Int64 = 0

    public init() {}

    /// Counts one latency, in nanoseconds.
    public mutating func record(_ nanoseconds: UInt64) {
        if counts.isEmpty { counts = Array(repeating: 0, count: (Self.bucketCount + 1) * Self.subBucketHalfCount) }
        let value = min(max(nanoseconds, Self.lowest), Self.highest)
        let index = Self.countsIndex(value)
        // The clamp above keeps the index inside the array, so the count is bumped without a
        // bounds check: this runs after every command.
        counts.withUnsafeMutableBufferPointer { $0[index] &+= 1 }
        totalCount &+= 1
    }

    @inline(__always) private static func bucketIndex(_ value: UInt64) -> Int {
        64 - (value | subBucketMask).leadingZeroBitCount - (subBucketHalfCountMagnitude + 1)
    }

    @inline(__always) private static func countsIndex(_ value: UInt64) -> Int {
        let bucket = bucketIndex(value)
        let subBucket = Int(value >> UInt64(bucket))
        return ((bucket + 1) << subBucketHalfCountMagnitude) + (subBucket - subBucketHalfCount)
    }

    private static func value(atIndex index: Int) -> UInt64 {
        var bucket = (index >> subBucketHalfCountMagnitude) - 1
        var subBucket = (index & (subBucketHalfCount - 1)) + subBucketHalfCount
        if bucket < 0 {
            subBucket -= subBucketHalfCount
            bucket = 0
        }
        return UInt64(subBucket) << UInt64(bucket)
    }

    /// The largest value counted in the same sub-bucket as `value`.
    private static func highestEquivalent(_ value: UInt64) -> UInt64 {
        let bucket = bucketIndex(value)
        let subBucket = Int(value >> UInt64(bucket))
        let lowestEquivalent = UInt64(subBucket) << UInt64(bucket)
        let adjustedBucket = subBucket >= (1 << subBucketCountMagnitude) ? bucket + 1 : bucket
        return lowestEquivalent + (UInt64(1) << UInt64(adjustedBucket)) - 1
    }

    /// The latency at `percentile` (0...100), in nanoseconds; 0 when nothing was recorded.
    public func value(atPercentile percentile: Double) -> UInt64 {
        guard totalCount > 0 else { return 0 }
        let wanted = max(1, Int64((min(percentile, 100) / 100) * Double(totalCount) + 0.5))
        var running: Int64 = 0
        for (index, count) in counts.enumerated() where count > 0 {
            running += count
            if running >= wanted {
                let v = Self.value(atIndex: index)
                return percentile == 0 ? v : Self.highestEquivalent(v)
            }
        }
        return 0
    }

    /// LATENCY HISTOGRAM's cumulative distribution, as Redis reads it with a logarithmic
    /// iterator from 1024 ns by powers of two: at each power of two L, the microseconds of
    /// the highest value sharing L's sub-bucket, and how many latencies are at most that.
    /// Points where the count did not grow are left out; the walk ends with the last value.
    public func cumulativeByPowersOfTwo() -> [(microseconds: Int64, count: Int64)] {
        var points: [(microseconds: Int64, count: Int64)] = []
        var index = 0
        var running: Int64 = 0
        var level: UInt64 = 1024
        while running < totalCount && level <= Self.highest * 2 {
            let bound = Self.highestEquivalent(level)
            while index < counts.count && Self.value(atIndex: index) <= bound {
                running += counts[index]
                index += 1
            }
            if running > (points.last?.count ?? 0) {
                points.append((Int64(bound / 1000), running))
            }
            level *= 2
        }
        return points
    }
}
