import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A private tmux server holding one pane that runs a program on a real terminal.
///
/// Every tmux call goes through `Subprocess` (posix_spawn, clean descriptors, empty signal
/// mask). The server listens on a socket inside a temporary directory (`-S`), ignores the
/// user's configuration (`-f /dev/null`), and is killed when the value is released. Tests
/// wait by polling the screen with a deadline, never by sleeping a fixed time.
final class Tmux {
    static var binary: String? { Subprocess.which("tmux") }

    let directory: TemporaryDirectory
    private let tmux: String
    private var socket: String { directory.file("tmux.sock") }

    /// Starts `command` (argv) in a `width`×`height` pane with `environment` variables set.
    init(command: [String], environment: [String: String], width: Int = 100, height: Int = 30) throws {
        guard let tmux = Self.binary else {
            throw Subprocess.Failure(description: "tmux is not installed (apt-get install tmux)")
        }
        self.tmux = tmux
        directory = try TemporaryDirectory()
        let shellCommand = (["env"] + environment.map { "\($0.key)=\($0.value)" } + command)
            .map(Self.shellQuote).joined(separator: " ")
        try run(["new-session", "-d", "-s", "t", "-x", String(width), "-y", String(height), shellCommand])
        try run(["set-option", "-t", "t", "remain-on-exit", "on"])
    }

    deinit {
        _ = try? run(["kill-server"])
        unlink(socket)
    }

    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        let env = Subprocess.environment(["TMUX": nil, "TERM": "xterm-256color"])
        let result = try Subprocess.run(tmux, ["-S", socket, "-f", "/dev/null"] + arguments, environment: env, timeout: 10)
        guard result.status == 0 else {
            throw Subprocess.Failure(description: "tmux \(arguments.joined(separator: " ")) failed: \(result.errorText)")
        }
        return result.text
    }

    /// Closes the pane's terminal, as closing a terminal window does: its program gets SIGHUP.
    func closeTerminal() throws {
        try run(["kill-session", "-t", "t"])
    }

    /// Sends keys by tmux's names (`Tab`, `Enter`, `C-c`) or as plain words.
    func send(_ keys: String...) throws {
        try run(["send-keys", "-t", "t"] + keys)
    }

    /// Types `text` exactly (UTF-8 included).
    func type(_ text: String) throws {
        try run(["send-keys", "-t", "t", "-l", text])
    }

    /// The visible screen, one string per row (trailing blanks trimmed by tmux).
    func screen() throws -> [String] {
        try run(["capture-pane", "-p", "-t", "t"]).components(separatedBy: "\n")
    }

    /// The screen with colour escapes kept.
    func screenWithEscapes() throws -> [String] {
        try run(["capture-pane", "-p", "-e", "-t", "t"]).components(separatedBy: "\n")
    }

    /// The cursor's column and row.
    func cursor() throws -> (x: Int, y: Int) {
        let parts = try run(["display-message", "-p", "-t", "t", "#{cursor_x} #{cursor_y}"])
            .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ").compactMap { Int($0) }
        return (parts.first ?? -1, parts.last ?? -1)
    }

    /// Whether the program in the pane has exited.
    func paneIsDead() throws -> Bool {
        try run(["display-message", "-p", "-t", "t", "#{pane_dead}"]).hasPrefix("1")
    }

    /// Polls every 30 ms until `condition` holds or `timeout` seconds pass; returns whether it held.
    func waitUntil(timeout: TimeInterval = 10, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if try condition() { return true }
            if Date() >= deadline { return false }
            usleep(30_000)
        }
    }

    /// Waits until some row of the screen satisfies `predicate`.
    func waitForRow(timeout: TimeInterval = 10, _ predicate: (String) -> Bool) throws -> Bool {
        try waitUntil(timeout: timeout) { try screen().contains(where: predicate) }
    }

    private static func shellQuote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
