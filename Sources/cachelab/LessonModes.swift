#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CacheLabLessons
import CacheLabTerminal

/// The terminal side of `cachelab lesson`: libedit for the student's lines, stdout for the rest.
final class EditorTerminal: LessonTerminal {
    let editor = LineEditor()

    init() {
        let commands = LessonSandbox.colonCommands
        editor.completionProvider = { line in
            line.hasPrefix(":") ? commands.completions(for: line) : Completion.candidates(for: line, table: .standard)
        }
        editor.hintProvider = { line in
            commands.hint(for: line) ?? Hints.hint(for: line, table: .standard)
        }
    }

    func readLine(prompt: String) -> LineEditor.ReadResult {
        let result = editor.readLine(prompt: prompt)
        if case .line(let bytes) = result, !bytes.isEmpty {
            editor.addToHistory(String(decoding: bytes, as: UTF8.self))
        }
        return result
    }

    func write(_ text: String) {
        editor.flush()
        writeOut(text)
    }
}

/// Paces a demo on a real terminal: a short pause per character, and between steps either
/// `--delay` seconds or a press of Enter.
struct TerminalPacer: DemoPacer {
    var delay: Double?
    var characterMicroseconds: UInt32 = 45_000

    func afterCharacter() {
        usleep(characterMicroseconds)
    }

    func betweenSteps() -> Bool {
        if let delay {
            usleep(UInt32(min(delay, 3600) * 1_000_000))
            return true
        }
        writeOut("-- Enter for the next step, q to stop --")
        guard let line = Swift.readLine() else { return false }
        writeOut("\u{1b}[1A\u{1b}[2K\r")  // erase the pause line
        return !line.lowercased().hasPrefix("q")
    }
}

enum LessonModes {
    static func interactive(_ entry: LessonCatalog.Entry) throws {
        let terminal = EditorTerminal()
        let session = try InteractiveLesson(
            lesson: entry.lesson, terminal: terminal, progress: ProgressStore.standard(), screenLines: terminalRows() - 2
        )
        try session.start()
    }

    static func demo(_ entry: LessonCatalog.Entry, delay: Double?) throws {
        try DemoRunner.run(entry.lesson, write: { writeOut($0) }, pacer: TerminalPacer(delay: delay))
    }

    static func terminalRows() -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 { return Int(size.ws_row) }
        return 24
    }
}

/// Writes to standard output with write(2), unbuffered (C's `stdout` is off limits in Swift 6).
func writeOut(_ text: String) {
    var text = text
    text.withUTF8 { buffer in
        var offset = 0
        while offset < buffer.count {
            let n = write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
            if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { return }
        }
    }
}
