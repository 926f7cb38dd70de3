import Foundation
import Testing

/// Lesson 6 shows memcached's replies; the lesson runner checks them against the model. This
/// test checks them against a real memcached: every line the lesson types at the
/// `memcached> ` prompt is sent to a real server, and its answer must be the one printed in
/// the lesson. `:restart` restarts the real server too. Answers the lesson abbreviates with
/// `...` (parts of `stats`, which holds times and process details) are not compared.
@Suite struct MemcachedLessonTests {
    static let lessonPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Lessons/06-memcached.md").path

    struct Exchange {
        var input: String
        var expected: [String]
        var line: Int
    }

    /// The commands typed at `memcached> ` (and `:restart`), with their printed answers.
    static func exchanges(_ text: String) -> [Exchange] {
        var result: [Exchange] = []
        var inBlock = false
        var current: Exchange?
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).enumerated() {
            if line.hasPrefix("```") {
                if let done = current { result.append(done) }
                current = nil
                inBlock = line == "```cachelab"
                continue
            }
            guard inBlock else { continue }
            if line.hasPrefix("memcached> ") || line.hasPrefix("cachelab") {
                if let done = current { result.append(done) }
                current = nil
                let input = String(line.dropFirst("memcached> ".count))
                if line.hasPrefix("memcached> "), !input.hasPrefix(":") || input == ":restart" {
                    current = Exchange(input: input, expected: [], line: number + 1)
                }
            } else {
                current?.expected.append(line)
            }
        }
        return result
    }

    @Test func lessonSixAnswersAsARealMemcached() throws {
        var server = try MemcachedServerProcess.start()
        defer { server.stop() }
        let text = try String(contentsOfFile: Self.lessonPath, encoding: .utf8)
        let exchanges = Self.exchanges(text)
        #expect(exchanges.count > 30)
        let storage: Set = ["set", "add", "replace", "append", "prepend", "cas"]
        var compared = 0
        for exchange in exchanges {
            if exchange.input == ":restart" {
                server.stop()
                server = try #require(try MemcachedServerProcess.start())
                continue
            }
            let bytes = Array((exchange.input + "\r\n").utf8)
            let verb = exchange.input.split(separator: " ").first.map(String.init) ?? ""
            if storage.contains(verb), exchange.expected.isEmpty {
                server.send(bytes)  // its data block comes on the next line
                continue
            }
            let answer = try server.request(bytes)
            guard !exchange.expected.contains("...") else { continue }
            let expected = exchange.expected.map { $0 + "\r\n" }.joined()
            #expect(answer == expected, "06-memcached.md:\(exchange.line): \(exchange.input)")
            compared += 1
        }
        #expect(compared > 20)
    }
}
