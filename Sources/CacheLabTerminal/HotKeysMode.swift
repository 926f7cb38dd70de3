#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CacheLabEngine

/// `cachelab --hotkeys`: redis-cli's search for the most used keys, which works only under an
/// LFU `maxmemory-policy`, where each key carries an access counter (OBJECT FREQ).
///
/// It walks SCAN's cursor and keeps the 16 highest counters it has seen in a sorted pool,
/// much like the eviction pool Redis fills when it samples keys to evict: a counter that
/// beats the pool's smallest enters at its place, pushing the smallest out. Each entry
/// prints a progress line; the summary lists the pool, highest first. Under another policy
/// OBJECT FREQ fails, and so does the search, with that error.
public enum HotKeysMode {
    /// The pool's size (redis-cli's `HOTKEYS_SAMPLE`).
    static let poolSize = 16

    /// Runs the search; returns the exit status.
    public static func run(engine: Engine, session: Session, pattern: Bytes?, interval: Double = 0) -> Int32 {
        var output = OutputBuffer(fileDescriptor: STDOUT_FILENO)
        defer { output.flush() }
        guard case .integer(let total) = engine.execute(["DBSIZE"], session: session) else { return 1 }
        output.append("\n# Scanning the entire keyspace to find hot keys as well as\n")
        output.append("# average sizes per key type.  You can use -i 0.1 to sleep 0.1 sec\n")
        output.append("# per 100 SCAN commands (not usually needed).\n\n")
        var pool = Pool()
        var sampled: Int64 = 0
        var failure: [UInt8]?
        ScanMode.walk(engine: engine, session: session, pattern: pattern) { names, batch in
            guard failure == nil else { return }
            let percent = DoubleFormat.cFormat("%05.2f", 100 * Double(sampled) / Double(total))
            for name in names {
                let counter: Int64
                switch engine.execute(["OBJECT", "FREQ", name], session: session) {
                case .integer(let value): counter = value
                case .error(let message):
                    failure = Array("Error: ".utf8) + message.preservedBytes
                    return
                default: counter = 0
                }
                sampled += 1
                if sampled % 1_000_000 == 0 { output.append("[\(percent)%] Sampled \(sampled) keys so far\n") }
                if let entered = pool.offer(counter: counter, key: name) {
                    output.append("[\(percent)%] Hot key '\(entered)' found so far with counter \(counter)\n")
                }
            }
            if interval > 0 && batch % 100 == 0 {
                output.flush()
                ScanMode.pause(seconds: interval)
            }
        }
        if let failure {
            output.flush()
            OutputBuffer.writeErrorLine(failure)
            return 1
        }
        output.append("\n-------- summary -------\n\n")
        output.append("Sampled \(sampled) keys in the keyspace!\n")
        for (counter, key) in pool.entries.reversed() where counter > 0 {
            output.append("hot key found with counter: \(counter)\tkeyname: \(key)\n")
        }
        return 0
    }

    /// The 16 highest counters, smallest first; an empty slot has counter 0.
    struct Pool {
        var entries = Array(repeating: (counter: Int64(0), key: ""), count: HotKeysMode.poolSize)

        /// Puts `counter` in its place if it beats the smallest, and returns the key as
        /// printed (quoted); nil when it does not get in.
        mutating func offer(counter: Int64, key: Bytes) -> String? {
            var place = 0
            while place < entries.count && counter > entries[place].counter { place += 1 }
            guard place > 0 else { return nil }
            place -= 1
            if place > 0 && entries[place].counter != 0 {
                // Full up to here: everything below moves down one, the smallest drops out.
                entries.removeFirst()
                entries.insert((0, ""), at: place)
            }
            var quoted = OutputBuffer()
            ReplyFormatter.writeQuoted(key, into: &quoted)
            entries[place] = (counter, String(decoding: quoted.bytes, as: UTF8.self))
            return entries[place].key
        }
    }
}
