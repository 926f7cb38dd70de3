import Foundation

/// DEBUG SLEEP seconds: stops the server for that long, decimals allowed. Redis uses it to
/// make a slow command on purpose; here it is the way to see the latency monitor and the slow
/// log at work: `CONFIG SET latency-monitor-threshold 100`, `DEBUG SLEEP 0.25`, then LATENCY
/// LATEST, LATENCY GRAPH command or SLOWLOG GET.
///
/// Redis reads the number with C's `strtod` and no check: a leading number is taken and the
/// rest ignored, anything else counts as 0, and a time that is not positive (negative, NaN,
/// infinite) does not sleep at all; every case answers OK. The time passes on the engine's
/// clock (a test's manual clock moves on at once), and it counts in the command's duration,
/// as Redis's does. Ctrl-C ends it early in the REPL.
extension PersistenceCommands {
    static func debugSleep(_ c: CommandContext) throws(Reply) -> Reply {
        let seconds = c[2].array.withUnsafeBufferPointer { bytes in
            // strtod needs a C string: the argument up to its first NUL, as Redis sees it.
            let text = String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            return strtod(text, nil)
        }
        let microseconds = seconds * 1_000_000
        guard microseconds.isFinite, microseconds >= 1000, microseconds < 9.2e18 else { return .ok }
        if !c.engine.letTimePass(milliseconds: Int64(microseconds) / 1000) { throw Engine.interruptedError }
        return .ok
    }
}
