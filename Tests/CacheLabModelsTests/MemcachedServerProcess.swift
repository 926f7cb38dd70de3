import Foundation

/// A real memcached started by a test on a free loopback port, and stopped by its PID.
///
/// Nothing here waits on a timer. The server runs with `-vv`, which makes it print its slab
/// table and then `<N server listening` once its socket listens: the start-up reads its stderr
/// up to that line (a blocking read), keeps the table for comparison, and closes the pipe
/// (memcached ignores SIGPIPE, so its later log lines are simply dropped). Each request is
/// followed by the meta no-op `mn`, whose `MN` reply marks the end of the answer, so reading
/// stops exactly when the server has answered instead of after a quiet period.
final class MemcachedServerProcess {
    static var executablePath: String? {
        ["/usr/bin/memcached", "/usr/local/bin/memcached"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    let port: Int
    /// The `slab class ...` lines `-vv` printed at start-up.
    let slabListing: String
    private let pid: pid_t
    private let socket: Int32
    private var stopped = false

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts `memcached -vv -t 1 -U 0 -l 127.0.0.1 -p <free port>` plus `arguments`. Throws
    /// when memcached is not installed (`make test` installs it), so that a test comparing with
    /// it fails, saying why, rather than passing having compared nothing.
    static func start(_ arguments: [String] = []) throws -> MemcachedServerProcess {
        guard let path = executablePath else {
            throw Failure(description: "memcached is not installed: the memcached comparisons need it (make test installs it: apt-get install memcached)")
        }
        var lastError = "no attempt"
        for _ in 0..<5 {
            do {
                return try MemcachedServerProcess(path: path, arguments: arguments)
            } catch let failure as Failure {
                lastError = failure.description  // most likely the port was taken meanwhile
            }
        }
        throw Failure(description: "memcached did not start: \(lastError)")
    }

    private init(path: String, arguments: [String]) throws {
        port = Self.freePort()
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw Failure(description: "pipe failed") }
        let all = ["-u", "root", "-l", "127.0.0.1", "-p", String(port), "-U", "0", "-t", "1", "-vv"] + arguments
        pid = try Self.spawn(path, all, stderr: pipeEnds[1])
        close(pipeEnds[1])
        var log = ""
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !log.contains("server listening") {
            let count = read(pipeEnds[0], &buffer, buffer.count)
            if count <= 0 { break }
            log += String(decoding: buffer[0..<count], as: UTF8.self)
        }
        close(pipeEnds[0])
        slabListing = log.split(separator: "\n").filter { $0.hasPrefix("slab class") }.map { $0 + "\n" }.joined()
        guard log.contains("server listening"), let fd = Self.connect(port: port) else {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            throw Failure(description: log.isEmpty ? "no output" : log)
        }
        socket = fd
        // Only a safety net: a reply that never comes fails the test after 5 s instead of hanging.
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { stop() }

    func stop() {
        guard !stopped else { return }
        stopped = true
        close(socket)
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }

    /// Sends `bytes` and returns everything the server answers to them.
    func request(_ bytes: [UInt8]) throws -> String {
        send(bytes + Array("mn\r\n".utf8))
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        let marker = Array("MN\r\n".utf8)
        while !(received.count >= marker.count && received.suffix(marker.count).elementsEqual(marker)) {
            let count = recv(socket, &buffer, buffer.count, 0)
            guard count > 0 else {
                throw Failure(description: "no MN after \(String(decoding: bytes.prefix(200), as: UTF8.self)); got \(String(decoding: received, as: UTF8.self))")
            }
            received += buffer[0..<count]
        }
        return String(decoding: received.dropLast(marker.count), as: UTF8.self)
    }

    /// One line with its `\r\n`, answered.
    func request(line: String) throws -> String {
        try request(Array((line + "\r\n").utf8))
    }

    /// Sends bytes without waiting for an answer: the first part of a storage command, whose
    /// data block is still to come (a no-op sent now would be read as data). Whatever the
    /// server answers to it is read with the next `request`.
    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Foundation.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return }
            offset += sent
        }
    }

    private static func connect(port: Int) -> Int32? {
        let fd = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Foundation.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if connected == 0 { return fd }
        close(fd)
        return nil
    }

    /// posix_spawn with stdin and stdout on /dev/null and stderr on `stderr`; the child
    /// inherits no other descriptor.
    private static func spawn(_ path: String, _ arguments: [String], stderr: Int32) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
        if let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") {
            _ = unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, 3)
        }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard rc == 0 else { throw Failure(description: "posix_spawn failed: \(String(cString: strerror(rc)))") }
        return pid
    }

    /// A port the kernel says is free right now.
    private static func freePort() -> Int {
        let fd = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
