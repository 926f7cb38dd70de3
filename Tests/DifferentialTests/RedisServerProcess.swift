import Foundation

/// A real redis-server 7.0.15 started by a test on a free loopback port, with its own empty
/// temp dir, no persistence, and stopped (by PID) when the test is done.
final class RedisServerProcess {
    let port: Int
    let directory: URL
    private let pid: pid_t
    private var stopped = false

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

    /// Throws (so the calling test fails, saying why) when redis-server is not installed: a
    /// differential test must not pass by comparing with nothing.
    static func requireInstalled() throws {
        guard executablePath != nil else { throw StartError.notInstalled }
    }

    init(extraArguments: [String] = []) throws {
        guard let path = Self.executablePath else { throw StartError.notInstalled }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cachelab-redis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // A free port can be taken by another test between the check and the server's bind;
        // our server then exits, and a PING would be answered by someone else's. So the
        // server that answers must also report our process id, or we try another port.
        for _ in 0..<5 {
            let port = Self.freePort()
            let arguments = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", directory.path, "--daemonize", "no", "--loglevel", "warning"] + extraArguments
            let pid = try Self.spawn(path, arguments)
            if Self.waitUntilServing(pid: pid, port: port) {
                self.port = port
                self.pid = pid
                return
            }
            Self.terminate(pid)
        }
        try? FileManager.default.removeItem(at: directory)
        throw StartError.didNotStart("no server of ours answered within 10 s on five ports")
    }

    /// Waits (bounded) until the server on `port` says it is process `pid` and has loaded
    /// its dataset; false when that process exited or another one answers.
    ///
    /// Redis listens before it loads its files, and while it replays an AOF it serves
    /// clients every 1024 commands (and at the first command of each file): INFO is
    /// answered then, but data commands get `-LOADING`. So an answer alone does not mean
    /// ready: INFO's `loading:0` does.
    private static func waitUntilServing(pid: pid_t, port: Int) -> Bool {
        for _ in 0..<1000 {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { return false }
            // One command only: each command name Redis runs allocates a latency histogram
            // (24 kB), which the memory-fidelity tests count.
            if let client = try? RESPClient(port: port), case .bulk(let info)? = try? client.call(["INFO", "server", "persistence"]) {
                let text = info.string
                guard text.contains("process_id:\(pid)\r\n") else { return false }
                if text.contains("\r\nloading:0\r\n") && text.contains("\r\nasync_loading:0\r\n") { return true }
            }
            usleep(10_000)
        }
        return false
    }

    private static func terminate(_ pid: pid_t) {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }

    func stop() {
        if !stopped {
            stopped = true
            Self.terminate(pid)
        }
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { stop() }

    /// Starts the server with posix_spawn rather than Foundation's Process, which fails now
    /// and then ("Bad file descriptor") when several tests start processes at once. The child
    /// inherits no descriptors beyond stdio and gets a default signal mask.
    private static func spawn(_ path: String, _ arguments: [String]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
        if let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") {
            _ = unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, 3)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        guard rc == 0 else { throw StartError.didNotStart("posix_spawn failed: \(String(cString: strerror(rc)))") }
        return pid
    }

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
