import Foundation

/// A progress bar on stderr for work that takes more than a second: drawn only on a terminal,
/// only once a second has passed, redrawn in place, erased when done.
final class ProgressBar {
    let label: String
    let total: Int
    private let started = DispatchTime.now().uptimeNanoseconds
    private let enabled = isatty(STDERR_FILENO) == 1
    private var drawn = false

    init(label: String, total: Int) {
        self.label = label
        self.total = max(1, total)
    }

    func update(_ done: Int) {
        guard enabled, DispatchTime.now().uptimeNanoseconds - started > 1_000_000_000 else { return }
        let width = 40
        let filled = min(width, done * width / total)
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(done)/\(total)".utf8))
        drawn = true
    }

    func finish() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1b}[K".utf8))
    }
}
