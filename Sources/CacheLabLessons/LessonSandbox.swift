import CacheLabEngine
import CacheLabTerminal
import Foundation

/// The throwaway world one lesson runs in: a fresh engine on a manual clock that starts at
/// a fixed instant, a fixed random seed, its own temporary data directory, and a line
/// processor printing replies as `redis-cli --no-raw` does. Nothing the student has on disk
/// is read or written; the directory is deleted when the sandbox goes away.
public final class LessonSandbox {
    /// 2023-11-14 22:13:20 UTC: every lesson starts here, so TTLs and clock lines repeat.
    public static let startMilliseconds: Int64 = 1_700_000_000_000
    public static let seed: UInt64 = 0x5EED

    /// The running engine (a new one after `:crash` or `:restart`).
    public var engine: Engine { processor.engine }
    public let processor: LineProcessor
    /// The engine's `dir`: a new temporary folder.
    public let directory: String

    /// The colon commands lessons can use: the REPL's own plus the demonstrations.
    public static var colonCommands: ColonCommandTable {
        ColonCommandTable(ColonCommandTable.standard.commands + [.fib])
    }

    public init() throws {
        directory = try Self.makeTemporaryDirectory()
        let config = Config()
        try? config.setAtStartup("dir", directory)
        // Redis allocates a 24 kB latency histogram the first time each command runs, which
        // would swamp the tiny memory limits the eviction lessons use to make a single write
        // evict. Lessons run with latency tracking off (a real Redis setting), so their memory
        // figures move only with the keys they teach about.
        try? config.setAtStartup("latency-tracking", "no")
        // Lessons restart the server with DEBUG RELOAD, which a default redis-server refuses;
        // a teacher's server would be started with this option, as the sandbox is.
        try? config.setAtStartup("enable-debug-command", "local")
        let engine = Engine(clock: .manual(startMilliseconds: Self.startMilliseconds), seed: Self.seed, config: config)
        processor = LineProcessor(
            engine: engine, session: engine.makeSession(), settings: ReplSettings(format: .tty, hints: true, allowsColor: false),
            output: OutputBuffer(fileDescriptor: nil), colonCommands: Self.colonCommands
        )
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The prompt the REPL would show now (`cachelab> `, `cachelab[1](TX)> `, `memcached> `...).
    public var prompt: String { processor.promptText }

    /// What one input line prints, exactly as the REPL would print it.
    public struct LineOutput: Sendable, Equatable {
        public var text: String
        /// CPU time the line took on this thread, in seconds (immune to other processes).
        public var cpuSeconds: Double
        /// The line ended the session (`quit`, `exit`, QUIT).
        public var exit: Bool

        /// The printed lines, without the final newline's empty tail. A carriage return before
        /// a newline (INFO prints CRLF lines) is dropped, as the lesson file cannot show it.
        public var lines: [String] {
            // "\r\n" is one Character in Swift: split on both forms of line end.
            var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.map(String.init)
            if lines.last == "" { lines.removeLast() }
            return lines
        }
    }

    /// Feeds `line` to the line processor (the REPL's own code path) and collects what it printed.
    public func run(_ line: String) -> LineOutput {
        let start = Self.threadCPUSeconds()
        let outcome = processor.process(line: Array(line.utf8))
        let elapsed = Self.threadCPUSeconds() - start
        let bytes = processor.output.take()
        return LineOutput(text: String(decoding: bytes, as: UTF8.self), cpuSeconds: elapsed, exit: outcome.exit)
    }

    static func threadCPUSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    static func makeTemporaryDirectory() throws -> String {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(base)/cachelab-lesson-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw SandboxError(message: "cannot create a temporary folder in \(base)")
        }
        return String(cString: made)
    }

    public struct SandboxError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}
