#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CacheLabEngine

/// `cachelab --bigkeys` and `--memkeys`: redis-cli's survey of the keyspace, for finding the
/// keys that make a cache slow or large.
///
/// It walks SCAN's cursor (with `--pattern`, only matching keys), asks each key's TYPE and
/// then its size: the length command of its type (STRLEN, LLEN, SCARD, HLEN, ZCARD, XLEN)
/// for `--bigkeys`, MEMORY USAGE for `--memkeys`. Each time a type's biggest key so far is
/// beaten it prints a progress line, then a summary: per type, the biggest key and the
/// count, total and average size. Like any SCAN, it never blocks the server for long, and
/// the key it names among equals depends on the order SCAN happens to return them in.
public enum BigKeysMode {
    /// What "big" means.
    public enum Measure: Equatable {
        /// Elements (bytes for a string): `--bigkeys`.
        case elements
        /// MEMORY USAGE, with its SAMPLES when not 0: `--memkeys`.
        case memory(samples: Int32)
    }

    /// One type's row.
    struct TypeStats {
        let name: String
        let sizeCommand: Bytes
        let unit: String
        var biggest: Int64 = 0
        var biggestKey: String?
        var count: Int64 = 0
        var total: Int64 = 0
    }

    static func freshStats() -> [TypeStats] {
        [TypeStats(name: "list", sizeCommand: "LLEN", unit: "items"),
         TypeStats(name: "hash", sizeCommand: "HLEN", unit: "fields"),
         TypeStats(name: "string", sizeCommand: "STRLEN", unit: "bytes"),
         TypeStats(name: "stream", sizeCommand: "XLEN", unit: "entries"),
         TypeStats(name: "set", sizeCommand: "SCARD", unit: "members"),
         TypeStats(name: "zset", sizeCommand: "ZCARD", unit: "members")]
    }

    /// The order the summary lists the types in. redis-cli keeps its rows in a hash table
    /// whose seed is fixed, but the table is still being rehashed after its six inserts, and
    /// each lookup of a key's type moves the rehash one step: so the order depends on how
    /// many keys were looked up, up to two.
    static func summaryOrder(afterLookups lookups: Int64) -> [String] {
        switch lookups {
        case 0: ["hash", "list", "string", "stream", "set", "zset"]
        case 1: ["string", "list", "hash", "stream", "set", "zset"]
        default: ["list", "hash", "string", "stream", "set", "zset"]
        }
    }

    public static func run(engine: Engine, session: Session, pattern: Bytes?, measure: Measure, interval: Double = 0) {
        var survey = Survey(engine: engine, session: session, measure: measure)
        survey.run(pattern: pattern, interval: interval)
    }

    private struct Survey {
        let engine: Engine
        let session: Session
        let measure: Measure
        var output = OutputBuffer(fileDescriptor: STDOUT_FILENO)
        var stats = BigKeysMode.freshStats()
        var sampled: Int64 = 0
        var lookups: Int64 = 0
        var nameBytes: Int64 = 0

        init(engine: Engine, session: Session, measure: Measure) {
            self.engine = engine
            self.session = session
            self.measure = measure
        }

        mutating func run(pattern: Bytes?, interval: Double) {
            defer { output.flush() }
            guard case .integer(let total) = execute(["DBSIZE"]) else { return }
            output.append("\n# Scanning the entire keyspace to find biggest keys as well as\n")
            output.append("# average sizes per key type.  You can use -i 0.1 to sleep 0.1 sec\n")
            output.append("# per 100 SCAN commands (not usually needed).\n\n")
            ScanMode.walk(engine: engine, session: session, pattern: pattern) { names, batch in
                // The share done is taken before each SCAN, from the keys sampled so far.
                let percent = 100 * Double(sampled) / Double(total)
                for key in names { measureKey(key, percent: percent) }
                if interval > 0 && batch % 100 == 0 {
                    output.flush()
                    ScanMode.pause(seconds: interval)
                }
            }
            writeSummary()
        }

        private mutating func measureKey(_ key: Bytes, percent: Double) {
            lookups += 1
            guard case .status(let typeName) = execute(["TYPE", key]),
                  let index = stats.firstIndex(where: { $0.name == typeName }) else { return }
            let size: Int64
            switch execute(sizeCommand(for: key, type: stats[index])) {
            case .integer(let value): size = value
            default: size = 0
            }
            stats[index].total += size
            stats[index].count += 1
            nameBytes += Int64(key.count)
            sampled += 1
            if stats[index].biggest < size {
                var quoted = OutputBuffer()
                ReplyFormatter.writeQuoted(key, into: &quoted)
                let name = String(decoding: quoted.bytes, as: UTF8.self)
                stats[index].biggestKey = name
                stats[index].biggest = size
                let padded = stats[index].name + String(repeating: " ", count: max(0, 6 - stats[index].name.count))
                output.append("[\(DoubleFormat.cFormat("%05.2f", percent))%] Biggest \(padded) found so far '\(name)' with \(size) \(unit(stats[index]))\n")
            }
            if sampled % 1_000_000 == 0 {
                output.append("[\(DoubleFormat.cFormat("%05.2f", percent))%] Sampled \(sampled) keys so far\n")
            }
            output.flushIfFull()
        }

        private func sizeCommand(for key: Bytes, type: TypeStats) -> [Bytes] {
            switch measure {
            case .elements: [type.sizeCommand, key]
            case .memory(let samples) where samples == 0: ["MEMORY", "USAGE", key]
            case .memory(let samples): ["MEMORY", "USAGE", key, "SAMPLES", Bytes(String(samples))]
            }
        }

        private func unit(_ type: TypeStats) -> String {
            measure == .elements ? type.unit : "bytes"
        }

        private mutating func writeSummary() {
            output.append("\n-------- summary -------\n\n")
            output.append("Sampled \(sampled) keys in the keyspace!\n")
            let averageName = sampled > 0 ? Double(nameBytes) / Double(sampled) : 0
            output.append("Total key length in bytes is \(nameBytes) (avg len \(DoubleFormat.cFormat("%.2f", averageName)))\n\n")
            let rows = BigKeysMode.summaryOrder(afterLookups: lookups).compactMap { name in stats.first { $0.name == name } }
            for type in rows {
                guard let key = type.biggestKey else { continue }
                let padded = String(repeating: " ", count: max(0, 6 - type.name.count)) + type.name
                output.append("Biggest \(padded) found '\(key)' has \(type.biggest) \(unit(type))\n")
            }
            output.append("\n")
            for type in rows {
                let share = sampled > 0 ? 100 * Double(type.count) / Double(sampled) : 0
                let average = type.count > 0 ? Double(type.total) / Double(type.count) : 0
                output.append("\(type.count) \(type.name)s with \(type.total) \(unit(type)) (\(DoubleFormat.cFormat("%05.2f", share))% of keys, "
                    + "avg size \(DoubleFormat.cFormat("%.2f", average)))\n")
            }
        }

        private func execute(_ argv: [Bytes]) -> Reply {
            engine.execute(argv, session: session)
        }
    }
}
