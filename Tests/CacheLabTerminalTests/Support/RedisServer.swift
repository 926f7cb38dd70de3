import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A private, empty redis-server for one test: a free loopback port, a temporary directory,
/// no persistence. It is stopped (by its PID) when the value is released, on every path.
final class RedisServer {
    let port: Int
    let pid: pid_t
    let directory: TemporaryDirectory
    private var stopped = false

    /// Starts a server, or throws with a message saying what is missing.
    static func start() throws -> RedisServer {
        guard let binary = Subprocess.which("redis-server") else {
            throw Subprocess.Failure(description: "redis-server is not installed (apt-get install redis-server); the redis-cli comparison needs a real Redis 7.0.15")
        }
        var lastError = "no attempt"
        for _ in 0..<3 {
            let directory = try TemporaryDirectory()
            let port = try freeLoopbackPort()
            let pid = try Subprocess.spawn(
                binary,
                ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                 "--dir", directory.path, "--daemonize", "no", "--logfile", directory.file("redis.log")],
                stdoutPath: directory.file("stdout"), stderrPath: directory.file("stderr"),
                environment: Subprocess.environment([:])
            )
            let server = RedisServer(port: port, pid: pid, directory: directory)
            if server.waitUntilReady(timeout: 10) { return server }
            lastError = (try? String(contentsOfFile: directory.file("redis.log"), encoding: .utf8)) ?? "no log"
            server.stop()
        }
        throw Subprocess.Failure(description: "redis-server did not start: \(lastError)")
    }

    private init(port: Int, pid: pid_t, directory: TemporaryDirectory) {
        self.port = port
        self.pid = pid
        self.directory = directory
    }

    deinit { stop() }

    func stop() {
        guard !stopped else { return }
        stopped = true
        Subprocess.stop(pid)
    }

    /// Ready means: our process is alive and the server on the port reports our PID (so a
    /// stranger's server that happened to take the port is never used).
    private func waitUntilReady(timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { stopped = true; return false }
            if let info = Self.query(port: port, command: "*2\r\n$4\r\nINFO\r\n$6\r\nserver\r\n"),
               info.contains("process_id:\(pid)\r\n") {
                return true
            }
            usleep(20_000)
        }
        return false
    }

    /// Sends raw RESP and returns what arrives within a short time, or nil if nothing listens.
    static func query(port: Int, command: String) -> String? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return nil }
        _ = command.withCString { send(fd, $0, strlen($0), 0) }
        var reply: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !isComplete(reply) {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { break }
            reply.append(contentsOf: chunk[0..<n])
        }
        return reply.isEmpty ? nil : String(decoding: reply, as: UTF8.self)
    }

    /// Whether `reply` holds one whole simple reply or bulk string.
    private static func isComplete(_ reply: [UInt8]) -> Bool {
        guard let end = reply.firstIndex(of: 0x0A) else { return false }
        guard reply.first == UInt8(ascii: "$"), let length = Int(String(decoding: reply[1..<end], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            return true
        }
        return length < 0 || reply.count >= end + 1 + length + 2
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// A port the kernel just handed out on 127.0.0.1 (free a moment ago).
    private static func freeLoopbackPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Subprocess.Failure(description: "socket failed") }
        defer { close(fd) }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw Subprocess.Failure(description: "bind failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
