import CacheLabEngine
import Foundation
import Testing

/// Runs every script in `Scripts/` against a real redis-server and against the engine, and
/// compares each reply as it would appear on the wire (RESP2, or RESP3 after HELLO 3).
@Suite struct DifferentialTests {
    static let scriptsDirectory: URL = Bundle.module.resourceURL!.appendingPathComponent("Scripts")

    static var scriptNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: scriptsDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".redis") }.sorted()
    }

    /// The script called `name`, parsed.
    static func loadScript(_ name: String) throws -> DifferentialScript {
        let source = try String(contentsOf: scriptsDirectory.appendingPathComponent(name), encoding: .utf8)
        return try DifferentialScript(name: name, source: source)
    }

    /// An engine to run beside `server`. Like the server, it gets a folder of its own: a
    /// script that turns on the AOF or saves must never write into the working directory.
    static func engine(beside server: RedisServerProcess) throws -> Engine {
        let engine = Engine(clock: .system())
        let dataDirectory = server.directory.appendingPathComponent("cachelab")
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        try engine.config.setAtStartup("dir", dataDirectory.path)
        return engine
    }

    @Test("Script matches real Redis", arguments: scriptNames)
    func script(_ name: String) throws {
        let script = try Self.loadScript(name)
        let registry = CommandRegistry()
        let missing = script.requiredCommands.filter { registry.command(named: Bytes($0)) == nil }
        if !missing.isEmpty {
            let why = "\(name) skipped: needs \(missing.joined(separator: ", ").uppercased()), not implemented in this build"
            print("⊘ \(why)")
            try Test.cancel(Comment(rawValue: why))
        }
        let server = try RedisServerProcess()
        defer { server.stop() }
        let client = try RESPClient(port: server.port)
        let engine = try Self.engine(beside: server)
        let session = engine.makeSession()
        var failures: [String] = []
        for line in script.lines {
            let expected = try client.call(line.argv)
            engine.cron()
            let reply = engine.execute(line.argv, session: session)
            // Encoded after running: HELLO answers in the protocol it switches to, as Redis does.
            let encoder = RESPEncoder(protocolVersion: session.protocolVersion)
            var parser = RESPParser(encoder.encode(reply))
            let actual = try parser.next()
            if let problem = ReplyComparison.compare(expected: expected, actual: actual, as: line.comparison) {
                failures.append("\(name):\(line.number): \(line.text)\n    \(problem)")
            }
        }
        #expect(failures.isEmpty, Comment(rawValue: "\(failures.count) replies differ from Redis 7.0.15:\n" + failures.joined(separator: "\n")))
    }

    @Test func everyScriptParses() throws {
        #expect(!Self.scriptNames.isEmpty)
        for name in Self.scriptNames {
            let source = try String(contentsOf: Self.scriptsDirectory.appendingPathComponent(name), encoding: .utf8)
            _ = try DifferentialScript(name: name, source: source)
        }
    }
}

/// How two replies are compared, and a readable account of the difference.
enum ReplyComparison {
    static func compare(expected: Reply, actual: Reply, as comparison: DifferentialScript.Comparison) -> String? {
        let same: Bool
        switch comparison {
        case .exact:
            same = expected == actual
        case .ignore:
            same = true
        case .type:
            same = kind(expected) == kind(actual)
        case .errorPrefix:
            same = prefix(expected) != nil && prefix(expected) == prefix(actual)
        case .unordered:
            same = sortedElements(expected) == sortedElements(actual)
        case .unorderedPairs:
            same = sortedPairs(expected) == sortedPairs(actual)
        case .unorderedDeep:
            same = deepSorted(expected) == deepSorted(actual)
        }
        if same { return nil }
        return "redis:    \(describe(expected))\n    cachelab: \(describe(actual))"
    }

    static func kind(_ r: Reply) -> String {
        switch r {
        case .status: return "status"
        case .error: return "error"
        case .integer: return "integer"
        case .bulk: return "bulk"
        case .null, .nullArray: return "null"
        case .array(let a): return "array(\(a.count))"
        case .bulkStrings(let a): return "array(\(a.count))"
        case .map(let a): return "map(\(a.count))"
        case .set(let a): return "set(\(a.count))"
        case .double, .doubleText: return "double"
        case .bool: return "bool"
        case .verbatim: return "verbatim"
        case .bigNumber: return "bignumber"
        case .push: return "push"
        }
    }

    static func prefix(_ r: Reply) -> String? {
        guard case .error(let e) = r else { return nil }
        return e.split(separator: " ").first.map(String.init)
    }

    static func elements(_ r: Reply) -> [Reply]? {
        switch r {
        case .array(let a), .set(let a), .map(let a): return a
        case .bulkStrings(let a): return a.replies
        default: return nil
        }
    }

    static func sortedElements(_ r: Reply) -> [String]? {
        elements(r).map { $0.map(describe).sorted() } ?? [describe(r)]
    }

    /// The reply described with the elements of every aggregate, at any depth, sorted.
    static func deepSorted(_ r: Reply) -> String {
        guard let items = elements(r) else { return describe(r) }
        return kind(r) + "[" + items.map(deepSorted).sorted().joined(separator: ", ") + "]"
    }

    static func sortedPairs(_ r: Reply) -> [String]? {
        guard let items = elements(r) else { return [describe(r)] }
        var pairs: [String] = []
        var i = 0
        while i + 1 < items.count {
            pairs.append(describe(items[i]) + " => " + describe(items[i + 1]))
            i += 2
        }
        return pairs.sorted()
    }

    static func describe(_ r: Reply) -> String {
        switch r {
        case .status(let s): return "+\(s)"
        case .error(let e): return "-\(e)"
        case .integer(let i): return ":\(i)"
        case .bulk(let b): return (b.string).debugDescription
        case .null: return "(null)"
        case .nullArray: return "(null array)"
        case .array(let a): return "[" + a.map(describe).joined(separator: ", ") + "]"
        case .bulkStrings(let a): return describe(.array(a.replies))
        case .map(let a): return "%{" + a.map(describe).joined(separator: ", ") + "}"
        case .set(let a): return "~{" + a.map(describe).joined(separator: ", ") + "}"
        case .double(let d): return ",\(d)"
        case .doubleText(let t): return ",\(t)"
        case .bool(let b): return "#\(b)"
        case .verbatim(_, let t): return "=\(t.string.debugDescription)"
        case .bigNumber(let n): return "(\(n)"
        case .push(let a): return ">[" + a.map(describe).joined(separator: ", ") + "]"
        }
    }
}
