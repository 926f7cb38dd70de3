import CacheLabEngine
import Foundation
import Testing

/// INFO's values differ by nature between two servers (uptime, memory, ids), but its sections
/// and field names, in order, must be Redis's: a real redis-server is asked for INFO and the
/// engine must list the same fields in the same order (plus CacheLab's own version field).
@Suite struct InfoFieldsTests {
    /// Sections whose lines depend on what ran (commands, errors, keys), compared elsewhere.
    static let variableSections: Set<String> = ["# Commandstats", "# Errorstats", "# Latencystats", "# Keyspace"]

    static func fieldNames(_ text: String) -> [String] {
        var names: [String] = []
        var skipping = false
        for line in text.components(separatedBy: "\r\n") where !line.isEmpty {
            if line.hasPrefix("#") {
                skipping = variableSections.contains(line)
                names.append(line)
            } else if !skipping, let colon = line.firstIndex(of: ":") {
                names.append(String(line[..<colon]))
            }
        }
        return names
    }

    static func text(of reply: Reply) -> String {
        switch reply {
        case .bulk(let b), .verbatim(_, let b): return b.string
        default: return ""
        }
    }

    @Test(arguments: ["everything", "default", "server", "memory", "stats"])
    func fieldsMatchRedis(_ section: String) throws {
        let server = try RedisServerProcess()
        defer { server.stop() }
        let client = try RESPClient(port: server.port)
        let expected = Self.fieldNames(Self.text(of: try client.call(["INFO", Bytes(section)])))
        let engine = Engine(clock: .system())
        let session = engine.makeSession()
        let actual = Self.fieldNames(Self.text(of: engine.execute(["INFO", Bytes(section)], session: session)))
            .filter { $0 != "cachelab_version" }
        #expect(actual == expected)
    }

    @Test func cacheLabVersionIsInTheServerSection() {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        let text = Self.text(of: engine.execute(["INFO", "server"], session: session))
        #expect(text.contains("\r\ncachelab_version:\(Engine.version)\r\n"))
        #expect(text.contains("\r\nredis_version:7.0.15\r\n"))
    }
}
