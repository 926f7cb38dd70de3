import Foundation
import Testing

/// redis-cli and a private, empty redis-server, run beside the `cachelab` binary on the same
/// arguments and input, for tests that compare the two processes' exit status and output.
final class RedisCLIOracle {
    let redisCLI: String
    let server: RedisServer
    /// A folder for inputs; `environment` makes it cachelab's home, so its data lives there.
    let directory: TemporaryDirectory
    let environment: [String: String]

    /// Starts the server, or records an issue and returns nil when redis-cli is missing.
    static func start(sourceLocation: SourceLocation = #_sourceLocation) throws -> RedisCLIOracle? {
        guard let redisCLI = Subprocess.which("redis-cli") else {
            Issue.record("redis-cli is not installed (apt-get install redis-tools); it is the oracle for this test",
                         sourceLocation: sourceLocation)
            return nil
        }
        return try RedisCLIOracle(redisCLI: redisCLI, server: RedisServer.start())
    }

    private init(redisCLI: String, server: RedisServer) throws {
        self.redisCLI = redisCLI
        self.server = server
        directory = try TemporaryDirectory()
        environment = BuiltProducts.isolatedEnvironment(in: directory)
    }

    deinit { server.stop() }

    /// A survey's output (`--bigkeys`, `--hotkeys`) split into its progress lines, sorted,
    /// since they follow SCAN's order, and the rest (header and summary), in order.
    static func progressAndRest(_ text: String) -> (progress: [Substring], rest: [Substring]) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.filter { $0.hasPrefix("[") }.sorted(), lines.filter { !$0.hasPrefix("[") })
    }

    /// Runs redis-cli (connected to the server) and cachelab with `arguments` and `input` on
    /// standard input; `ourArguments` go to cachelab alone, before the shared ones.
    func runBoth(_ arguments: [String], input: String? = nil, ourArguments: [String] = []) throws
        -> (redisCLI: Subprocess.Result, cachelab: Subprocess.Result) {
        let inputPath = try input.map { try directory.write("input-\(UUID().uuidString)", Array($0.utf8)) }
        let real = try Subprocess.run(redisCLI, ["-h", "127.0.0.1", "-p", String(server.port)] + arguments,
                                      stdinPath: inputPath, environment: environment)
        let ours = try Subprocess.run(BuiltProducts.cachelab, ourArguments + arguments, stdinPath: inputPath, environment: environment)
        return (real, ours)
    }

    /// Runs both (see `runBoth`) and expects the same exit status, stdout and stderr.
    func expectSame(_ arguments: [String], input: String? = nil, ourArguments: [String] = [],
                    sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (real, ours) = try runBoth(arguments, input: input, ourArguments: ourArguments)
        let label = (arguments + (input.map { ["<", $0.debugDescription] } ?? [])).joined(separator: " ")
        #expect(ours.status == real.status, "exit status of \(label)", sourceLocation: sourceLocation)
        #expect(ours.text == real.text, "stdout of \(label)", sourceLocation: sourceLocation)
        #expect(ours.errorText == real.errorText, "stderr of \(label)", sourceLocation: sourceLocation)
    }
}
