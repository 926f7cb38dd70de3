import Foundation

/// PFSELFTEST: Redis's self-test of its HyperLogLog, run on CacheLab's own code.
///
/// Two checks, as Redis makes them:
///
/// 1. Registers. A dense HyperLogLog packs its 16,384 registers six bits each, so most of
///    them straddle a byte boundary. In each of 1,000 rounds, every register is set to a
///    random value from 0 to 63, then all are read back: each must hold its own value,
///    untouched by its neighbours' writes.
/// 2. Estimates. Ten million distinct 8-byte elements go into a dense HyperLogLog and into one
///    that starts sparse, as PFADD makes it. At 1, 10, 100, ... elements, the sparse one must
///    still be sparse while that count is below half of hll-sparse-max-bytes, both must
///    estimate the same count, and the estimate must be within six standard errors
///    (6 × 1.04/√16384, about 4.9%) of the truth, within 1 at ten elements.
///
/// It answers OK, or an error starting with TESTFAILED that says what broke. Like Redis's, it
/// takes a while (about a second); its random choices come from the engine's seeded source.
extension HyperLogLogCommands {
    static func pfselftest(_ c: CommandContext) throws(Reply) -> Reply {
        try selfTest(random: &c.engine.random, sparseMaxBytes: HyperLogLog.sparseMaxBytes(c.engine))
        return .ok
    }

    /// The two checks; the sizes can be made smaller for a quick run.
    static func selfTest(random: inout RandomSource, sparseMaxBytes: Int,
                         registerRounds: Int = 1000, elements: Int = 10_000_000) throws(Reply) {
        try checkRegisters(rounds: registerRounds, random: &random)
        try checkEstimates(upTo: elements, sparseMaxBytes: sparseMaxBytes, seed: random.next())
    }

    /// A dense HyperLogLog with every register at 0: a new one, converted as PFADD would.
    static func emptyDense() -> [UInt8] {
        HyperLogLog.sparseToDense(HyperLogLog.empty())!
    }

    private static func checkRegisters(rounds: Int, random: inout RandomSource) throws(Reply) {
        var hll = emptyDense()
        var expected = [UInt8](repeating: 0, count: HyperLogLog.registerCount)
        for _ in 0..<rounds {
            hll.withUnsafeMutableBytes { raw in
                for i in 0..<HyperLogLog.registerCount {
                    let value = UInt8(truncatingIfNeeded: random.next()) & HyperLogLog.registerMax
                    expected[i] = value
                    HyperLogLog.setDenseRegister(i, value, in: raw)
                }
            }
            let wrong = hll.withUnsafeBytes { raw in
                (0..<HyperLogLog.registerCount).first { HyperLogLog.denseRegister($0, in: raw) != expected[$0] }
            }
            if let i = wrong {
                let found = hll.withUnsafeBytes { HyperLogLog.denseRegister(i, in: $0) }
                throw Reply.error("TESTFAILED Register \(i) should be \(expected[i]) but is \(found)")
            }
        }
    }

    private static func checkEstimates(upTo elements: Int, sparseMaxBytes: Int, seed: UInt64) throws(Reply) {
        var dense = emptyDense()
        var sparse = HyperLogLog.empty()
        let relativeError = 1.04 / Double(HyperLogLog.registerCount).squareRoot()
        var checkpoint = 1
        for j in 1...max(1, elements) {
            var element = (UInt64(j) ^ seed).littleEndian
            withUnsafeBytes(of: &element) { raw in
                _ = HyperLogLog.add(raw, to: &dense)
                _ = HyperLogLog.add(raw, to: &sparse, sparseMaxBytes: sparseMaxBytes)
            }
            guard j == checkpoint else { continue }
            if j < sparseMaxBytes / 2 && sparse[4] != HyperLogLog.Encoding.sparse.rawValue {
                throw Reply.error("TESTFAILED sparse encoding not used")
            }
            let denseCount = dense.withUnsafeBytes { HyperLogLog.count($0) }
            let sparseCount = sparse.withUnsafeBytes { HyperLogLog.count($0) }
            guard let denseCount, denseCount == sparseCount else {
                throw Reply.error("TESTFAILED dense/sparse disagree")
            }
            let error = abs(checkpoint - Int(denseCount))
            let allowed = j == 10 ? 1 : Int((relativeError * 6 * Double(checkpoint)).rounded(.up))
            if error > allowed {
                throw Reply.error("TESTFAILED Too big error. card:\(checkpoint) abserr:\(error)")
            }
            checkpoint *= 10
        }
    }
}
