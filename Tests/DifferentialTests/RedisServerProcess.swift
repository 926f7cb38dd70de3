import Foundation

/// A real redis-server 7.0.15 started by a test on a free loopback port, with its own empty
/// temp dir, no persistence, and stopped (by PID) when the test is done.
final class RedisServerProcess {
    let port: Int
    let directory: URL
    private let process: Process

    enum StartError: Error, CustomStringConvertible {
        case notInstalled
        case didNotStart(String)
        var description: String {
            switch self {
            case .notInstalled:
                return "redis-server is not installed: the differential tests need Redis 7.0.15 (make test installs it: apt-get install redis-server redis-tools)"
            case .didNotStart(let why):
                return "redis-server did not start: \(why)"
            }
        }
    }

    static var executablePath: String? {
        for path in ["/usr/bin/redis-server", "/usr/local/bin/redis-server"]
        where FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        return nil
    }

    init(extraArguments: [String] = []) throws {
        guard let path = Self.executablePath else { throw StartError.notInstalled }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cachelab-redis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        port = Self.freePort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", directory.path, "--daemonize", "no", "--loglevel", "warning"] + extraArguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait (bounded) until it answers.
        for _ in 0..<200 {
            if let client = try? RESPClient(port: port), (try? client.call(["PING"])) == .status("PONG") { return }
            usleep(10_000)
        }
        stop()
        throw StartError.didNotStart("no PONG on port \(port) within 2 s")
    }

    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { stop() }

    /// A port the kernel says is free right now.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}
