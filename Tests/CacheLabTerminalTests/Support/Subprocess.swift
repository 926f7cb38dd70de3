import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Running programs from tests with `posix_spawn`, never `Foundation.Process`.
///
/// corelibs-foundation's Process notices a child's exit through a descriptor the child
/// inherits; a daemon the child forks (tmux's server, redis-server) keeps it open and
/// `waitUntilExit` never returns. Here every child gets only stdin, stdout and stderr (all
/// other descriptors are closed), an empty signal mask (swift-testing's threads block signals,
/// and a tmux server that inherits that mask ignores SIGTERM and never gets Ctrl-C), and
/// every wait has a deadline.
enum Subprocess {
    struct Result {
        let status: Int32
        let stdout: [UInt8]
        let stderr: [UInt8]
        let timedOut: Bool
        var text: String { String(decoding: stdout, as: UTF8.self) }
        var errorText: String { String(decoding: stderr, as: UTF8.self) }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The environment of this process with `overrides` applied (nil values remove a variable).
    static func environment(_ overrides: [String: String?]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for (key, value) in overrides { env[key] = value }
        return env
    }

    /// Starts `path` with stdin from `stdinPath` (or /dev/null) and stdout and stderr into files.
    static func spawn(
        _ path: String, _ arguments: [String], stdinPath: String? = nil,
        stdoutPath: String, stderrPath: String, environment: [String: String]
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
        if let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") {
            _ = unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, 3)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        var all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw Failure(description: "cannot start \(path): \(String(cString: strerror(rc)))") }
        return pid
    }

    /// Waits for `pid` until `deadline`; nil if it is still running then.
    static func wait(_ pid: pid_t, until deadline: Date) -> Int32? {
        var status: Int32 = 0
        while true {
            let rc = waitpid(pid, &status, WNOHANG)
            if rc == pid { return decode(status) }
            if rc < 0 && errno != EINTR { return -1 }
            if Date() >= deadline { return nil }
            usleep(2000)
        }
    }

    /// Stops `pid` with SIGTERM, then SIGKILL if it does not go within `grace` seconds.
    static func stop(_ pid: pid_t, grace: TimeInterval = 5) {
        kill(pid, SIGTERM)
        if wait(pid, until: Date().addingTimeInterval(grace)) == nil {
            kill(pid, SIGKILL)
            _ = wait(pid, until: Date().addingTimeInterval(grace))
        }
    }

    private static func decode(_ status: Int32) -> Int32 {
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    /// Runs a program to completion (killed after `timeout` seconds) and collects its output.
    static func run(
        _ path: String, _ arguments: [String] = [], stdinPath: String? = nil,
        environment: [String: String] = environment([:]), timeout: TimeInterval = 30
    ) throws -> Result {
        let dir = try TemporaryDirectory()
        let out = dir.path + "/stdout", err = dir.path + "/stderr"
        let pid = try spawn(path, arguments, stdinPath: stdinPath, stdoutPath: out, stderrPath: err, environment: environment)
        var status = wait(pid, until: Date().addingTimeInterval(timeout))
        let timedOut = status == nil
        if timedOut {
            kill(pid, SIGKILL)
            status = wait(pid, until: Date().addingTimeInterval(5))
        }
        let stdout = (try? Data(contentsOf: URL(fileURLWithPath: out))).map { [UInt8]($0) } ?? []
        let stderr = (try? Data(contentsOf: URL(fileURLWithPath: err))).map { [UInt8]($0) } ?? []
        return Result(status: status ?? -1, stdout: stdout, stderr: stderr, timedOut: timedOut)
    }

    /// The full path of `name` on PATH, or nil.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}

/// A fresh directory under /tmp, removed with everything in it when released.
final class TemporaryDirectory {
    let path: String

    init() throws {
        var template = Array("/tmp/cachelab-test-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw Subprocess.Failure(description: "mkdtemp failed")
        }
        path = String(cString: made)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let target = file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Where the `cachelab` binary built for these tests lives.
enum BuiltProducts {
    static var cachelab: String {
        let bundleDir = (CommandLine.arguments.first.map { ($0 as NSString).deletingLastPathComponent }) ?? ""
        let besideBundle = bundleDir + "/cachelab"
        if access(besideBundle, X_OK) == 0 { return besideBundle }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.path + "/.build/debug/cachelab"
    }

    /// An environment that keeps the binary away from the user's history and home.
    static func isolatedEnvironment(in dir: TemporaryDirectory, _ extra: [String: String?] = [:]) -> [String: String] {
        var overrides: [String: String?] = [
            "HOME": dir.path,
            "CACHELAB_HISTFILE": dir.file("history"),
            "XDG_DATA_HOME": nil,  // the data folder then lives under the temporary HOME
            "LANG": "C.UTF-8",
            "TZ": "UTC",
        ]
        for (key, value) in extra { overrides[key] = value }
        return Subprocess.environment(overrides)
    }
}
