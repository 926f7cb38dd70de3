#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CacheLabEngine
import CacheLabVisualizer

/// Writes something below a command's reply (see `LineProcessor.replyFollower`).
public protocol ReplyFollower: AnyObject {
    func afterReply(into output: inout OutputBuffer)
}

/// The live eviction view behind `:viz on`: it observes the engine's eviction events while a
/// command runs and, once the reply is printed, draws the last eviction under it.
public final class LiveEvictionView: ReplyFollower {
    public var isOn = false
    public let palette: Palette
    private var pending: [EvictionReport] = []
    private weak var engine: Engine?

    /// Starts observing `engine` (observers stay registered; `isOn` gates them).
    public init(engine: Engine, palette: Palette) {
        self.engine = engine
        self.palette = palette
        engine.observe { [weak self] event in
            guard let self, self.isOn, case .keyEvicted(let report) = event else { return }
            self.pending.append(report)
        }
    }

    public func afterReply(into output: inout OutputBuffer) {
        guard !pending.isEmpty else { return }
        defer { pending.removeAll() }
        guard isOn, let engine else { return }
        output.append(EvictionFrame(palette: palette).render(pending, now: engine.commandTime))
    }
}

extension ColonCommand {
    /// `:viz on|off` (the live eviction view), `:viz lru` (the LRU comparison) and
    /// `:viz hitrate` (hit ratio against cache size, see `VizHitRateCommand`).
    public static let viz = ColonCommand(
        name: "viz", usage: ":viz on|off|lru|hitrate [args]",
        summary: "draw each eviction under its reply, the LRU comparison, or hit ratios"
    ) { arguments, repl in
        let useColor = repl.settings.format == .tty && repl.settings.allowsColor && Palette.shouldUseColor(
            isTerminal: true, noColorFlag: false, environment: ProcessEnvironment.current)
        switch arguments.first?.lowercased() {
        case "on"?:
            let view = (repl.replyFollower as? LiveEvictionView)
                ?? LiveEvictionView(engine: repl.engine, palette: Palette(useColor: useColor))
            view.isOn = true
            repl.replyFollower = view
            var text = "viz is on: evictions are drawn below the reply of the command that caused them\n"
            if repl.engine.config.maxmemory == 0 || repl.engine.evictionPolicy == .noEviction {
                text += "(nothing is evicted yet: try CONFIG SET maxmemory 2mb and CONFIG SET maxmemory-policy allkeys-lru)\n"
            }
            return .output(text)
        case "off"?:
            (repl.replyFollower as? LiveEvictionView)?.isOn = false
            return .output("viz is off\n")
        case "lru"?:
            let numbers = arguments.dropFirst().map { UInt64($0) }
            guard numbers.allSatisfy({ $0 != nil }), numbers.count <= 3 else {
                return .failure("usage: :viz lru [keys] [samples] [seed]\n")
            }
            let keys = numbers.count > 0 ? Int(numbers[0]!) : 500
            let samples = numbers.count > 1 ? Int(numbers[1]!) : 5
            let seed = numbers.count > 2 ? numbers[2]! : 1
            guard (2...20_000).contains(keys), (1...64).contains(samples) else {
                return .failure("keys must be 2..20000 and samples 1..64\n")
            }
            let comparison = LRUComparison(keys: keys, samples: samples, seed: seed)
            return .output(LRUComparisonView(palette: Palette(useColor: useColor))
                .render(comparison.run(), keys: keys, seed: seed))
        case "hitrate"?:
            return VizHitRateCommand.run(Array(arguments.dropFirst()), palette: Palette(useColor: useColor))
        case nil:
            let on = (repl.replyFollower as? LiveEvictionView)?.isOn ?? false
            return .output("viz is \(on ? "on" : "off")\n")
        default:
            return .failure("usage: :viz on|off, :viz lru [keys] [samples] [seed], :viz hitrate [--option value ...]\n")
        }
    }
}

/// The process environment, read without Foundation.
enum ProcessEnvironment {
    static var current: [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let pair = String(cString: entry)
            if let eq = pair.firstIndex(of: "=") {
                result[String(pair[..<eq])] = String(pair[pair.index(after: eq)...])
            }
            pointer += 1
        }
        return result
    }
}
