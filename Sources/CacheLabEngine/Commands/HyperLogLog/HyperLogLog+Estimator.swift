import Foundation

/// The cardinality estimator of Redis 7: Otmar Ertl's "improved raw estimator" from *New
/// cardinality estimation algorithms for HyperLogLog sketches* (arXiv:1702.01284).
///
/// It only needs the histogram of the registers: C[k] = how many registers hold k. With m =
/// 16384 registers and q = 50 counted bits:
///
///     z = m * tau(1 - C[q+1] / m)
///     for k = q down to 1:  z = (z + C[k]) / 2
///     z = z + m * sigma(C[0] / m)
///     estimate = round(alpha_inf * m^2 / z),   alpha_inf = 1 / (2 ln 2)
///
/// sigma corrects for registers still at zero (small sets), tau for registers that hit the
/// maximum (astronomically large sets); both are series summed until the sum stops changing
/// in double precision. The operations below are in the same order as in Redis, so the
/// floating-point result, and therefore the rounded estimate, is the same to the last bit.
extension HyperLogLog {
    static let alphaInfinity = 0.721347520444481703680

    /// The estimated number of distinct elements from a register histogram (64 entries).
    static func estimate(_ histogram: [Int]) -> UInt64 {
        let m = Double(registerCount)
        var z = m * tau((m - Double(histogram[countedBits + 1])) / m)
        for k in stride(from: countedBits, through: 1, by: -1) {
            z += Double(histogram[k])
            z *= 0.5
        }
        z += m * sigma(Double(histogram[0]) / m)
        return UInt64((alphaInfinity * m * m / z).rounded(.toNearestOrAwayFromZero))
    }

    /// sigma(x) = x + sum over k >= 1 of x^(2^k) * 2^(k-1); infinite for x = 1 (all registers
    /// zero, which makes the estimate 0).
    static func sigma(_ x: Double) -> Double {
        if x == 1 { return .infinity }
        var x = x
        var y = 1.0
        var z = x
        var previous: Double
        repeat {
            x *= x
            previous = z
            z += x * y
            y += y
        } while previous != z
        return z
    }

    /// tau(x) = (1 - x - sum over k >= 1 of (1 - x^(2^-k))^2 * 2^-k) / 3; zero for x = 0 or 1.
    static func tau(_ x: Double) -> Double {
        if x == 0 || x == 1 { return 0 }
        var x = x
        var y = 1.0
        var z = 1 - x
        var previous: Double
        repeat {
            x = x.squareRoot()
            previous = z
            y *= 0.5
            z -= pow(1 - x, 2) * y
        } while previous != z
        return z / 3
    }

    /// The histogram of a register array holding one register per byte (a PFCOUNT merge).
    static func histogram(ofRegisters registers: [UInt8]) -> [Int] {
        var histogram = [Int](repeating: 0, count: 64)
        for value in registers { histogram[Int(value & 63)] += 1 }
        return histogram
    }

    /// The cardinality of a HyperLogLog string, computed from its registers (ignoring the
    /// cache); nil when its sparse payload is corrupted.
    static func count(_ hll: UnsafeRawBufferPointer) -> UInt64? {
        if hll[4] == Encoding.dense.rawValue { return estimate(denseHistogram(hll)) }
        let (histogram, valid) = sparseHistogram(hll)
        return valid ? estimate(histogram) : nil
    }
}
