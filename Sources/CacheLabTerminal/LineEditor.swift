#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CEditLine

/// Line editing on a terminal with libedit's native API: emacs keys, history, Tab
/// completion that cycles like redis-cli's, grey hints after the cursor, Ctrl-C to drop the
/// line and Ctrl-D to leave.
///
/// libedit calls back into C function pointers, which cannot capture Swift state; each
/// callback finds this object through `EL_CLIENTDATA`, so there is no global state.
///
/// Hints are drawn by our own read-character function (`EL_GETCFN`): libedit has redrawn
/// the line and flushed its output just before it asks for the next key, so that is the
/// moment to draw the hint after the cursor; as soon as a key arrives, and before libedit
/// acts on it, the hint is erased with `ESC[K`. The hint is only drawn when the cursor is at
/// the end of the line, so nothing of libedit's lies to the right of it.
public final class LineEditor {
    public enum ReadResult: Equatable {
        case line([UInt8])
        /// Ctrl-C: the line was dropped.
        case interrupted
        /// Ctrl-D on an empty line, or the end of the input.
        case endOfInput
    }

    /// Called about every 100 ms while the editor waits for a key: the engine's background
    /// work (save points, expiry, eviction) goes on while nobody types, as a server's does.
    public var whileIdle: (() -> Void)?
    /// The words after the cursor, in grey; nil for none.
    public var hintProvider: ((_ line: [UInt8]) -> String?)?
    /// The lines Tab cycles through for the whole line typed so far.
    public var completionProvider: ((_ line: String) -> [String])?
    /// Whether hints are drawn (also off on terminals that cannot show them).
    public var hintsEnabled = true

    private var editLine: OpaquePointer!
    private var history: OpaquePointer!
    private var promptCString: UnsafeMutablePointer<CChar>
    private var promptWidth = 0
    private let output: UnsafeMutablePointer<FILE>
    private let terminalCanShowHints: Bool
    private var hintShown = false
    private var cancelled = false
    private var cycle: CompletionCycle?

    /// Where a run of Tab presses stands: the line as typed, its candidates, and which one
    /// is shown (`candidates.count` means the line as typed).
    struct CompletionCycle {
        let original: String
        let candidates: [String]
        var index: Int
    }

    public init(programName: String = "cachelab") {
        Self.useUTF8Locale()
        output = cel_stdout()
        promptCString = strdup("> ")
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        terminalCanShowHints = !term.isEmpty && term != "dumb"

        editLine = el_init(programName, cel_stdin(), output, cel_stderr())
        history = history_init()
        chist_setsize(history, Int32(HistoryFile.capacity))
        chist_setunique(history, 1)

        cel_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        cel_set_editor(editLine, "emacs")
        cel_set_hist(editLine, history)
        cel_set_signal(editLine, 1)  // libedit redraws on SIGWINCH and SIGCONT
        cel_set_prompt(editLine) { el in LineEditor.instance(el).promptCString }

        cel_addfn(editLine, "cachelab-complete", "complete the command name") { el, _ in
            LineEditor.instance(el).complete()
        }
        cel_bind(editLine, "^I", "cachelab-complete")

        // Ctrl-C is a key while editing, not a signal: it drops the line, as in a shell.
        cel_setty(editLine, "-d", "-isig")
        cel_addfn(editLine, "cachelab-cancel", "drop the line") { el, _ in
            LineEditor.instance(el).cancelled = true
            el_push(el, "\u{05}^C\n")  // to the end, show ^C, accept; readLine drops it
            return UInt8(CC_NORM)
        }
        cel_bind(editLine, "^C", "cachelab-cancel")
        // Without ISIG Ctrl-Z would be a plain key too: suspend by hand. CC_REDISPLAY makes
        // libedit redraw the prompt and the line after `fg`.
        cel_addfn(editLine, "cachelab-suspend", "suspend") { _, _ in
            kill(0, SIGTSTP)
            return UInt8(CC_REDISPLAY)
        }
        cel_bind(editLine, "^Z", "cachelab-suspend")
        // Ctrl-D: leave on an empty line (without libedit's "^D" echo, as redis-cli), else
        // delete the character under the cursor.
        cel_addfn(editLine, "cachelab-eof-or-delete", "exit on an empty line, else delete") { el, _ in
            let info = el_wline(el)!.pointee
            if info.buffer == info.lastchar { return UInt8(CC_EOF) }
            guard info.cursor < info.lastchar else { return UInt8(CC_ERROR) }
            _ = el_cursor(el, 1)
            el_deletestr(el, 1)
            return UInt8(CC_REFRESH)
        }
        cel_bind(editLine, "^D", "cachelab-eof-or-delete")
        // Alt-x (Esc x) is libedit's `ed-command`, which opens a hidden prompt that eats the
        // line and the next one; redis-cli ignores the pair, and so do we.
        cel_addfn(editLine, "cachelab-ignore", "do nothing") { _, _ in UInt8(CC_NORM) }
        cel_bind(editLine, "\\ex", "cachelab-ignore")
        cel_bind(editLine, "\\eX", "cachelab-ignore")

        // libedit falls back to a NO_TTY mode without a terminal, where el_wline is garbage.
        if isatty(STDIN_FILENO) == 1 {
            cel_set_getcfn(editLine) { el, character in
                LineEditor.instance(el!).readCharacter(into: character!)
            }
        }
    }

    deinit {
        el_end(editLine)
        history_end(history)
        free(promptCString)
    }

    private static func instance(_ el: OpaquePointer?) -> LineEditor {
        Unmanaged<LineEditor>.fromOpaque(cel_get_clientdata(el)!).takeUnretainedValue()
    }

    /// libedit silently drops every non-ASCII byte unless LC_CTYPE is a UTF-8 locale, so
    /// take the user's locale and fall back to C.UTF-8 when it is not UTF-8 (e.g. LANG=C).
    public static func useUTF8Locale() {
        cel_setlocale_ctype("")
        if cel_ctype_is_utf8() == 0 {
            cel_setlocale_ctype("C.UTF-8")
        }
    }

    // MARK: Reading lines

    /// Shows `prompt` and reads one line.
    public func readLine(prompt: String) -> ReadResult {
        setPrompt(prompt)
        cancelled = false
        cycle = nil
        var count: Int32 = 0
        let line = el_gets(editLine, &count)
        if cancelled { return .interrupted }
        guard let line, count > 0 else { return .endOfInput }
        var bytes = Array(UnsafeRawBufferPointer(start: line, count: Int(count)))
        if bytes.last == 0x0A { bytes.removeLast() }
        return .line(bytes)
    }

    /// Adds a line to what Up and Down recall.
    public func addToHistory(_ line: String) {
        chist_enter(history, line)
    }

    private func setPrompt(_ prompt: String) {
        free(promptCString)
        promptCString = strdup(prompt)
        promptWidth = Self.displayWidth(prompt)
    }

    /// libedit's output stream; whatever is written to stdout must not overtake it.
    public func flush() {
        fflush(output)
    }

    // MARK: Completion

    /// Tab: show the first candidate; each further Tab shows the next one, then the line as
    /// typed (with a beep), then the first again. Any other key keeps what is shown.
    private func complete() -> UInt8 {
        if var current = cycle {
            current.index = (current.index + 1) % (current.candidates.count + 1)
            cycle = current
            if current.index == current.candidates.count {
                replaceLine(with: current.original)
                return UInt8(CC_REFRESH_BEEP)
            }
            replaceLine(with: current.candidates[current.index])
            return UInt8(CC_REFRESH)
        }
        let typed = currentLine()
        let candidates = completionProvider?(typed) ?? []
        guard let first = candidates.first else { return UInt8(CC_REFRESH_BEEP) }
        cycle = CompletionCycle(original: typed, candidates: candidates, index: 0)
        replaceLine(with: first)
        return UInt8(CC_REFRESH)
    }

    /// The whole line being edited.
    private func currentLine() -> String {
        let info = el_wline(editLine)!.pointee
        return Self.string(from: info.buffer, to: info.lastchar)
    }

    private func replaceLine(with text: String) {
        let info = el_wline(editLine)!.pointee
        let afterCursor = info.cursor.distance(to: info.lastchar)
        let total = info.buffer.distance(to: info.lastchar)
        if afterCursor > 0 { _ = el_cursor(editLine, Int32(afterCursor)) }
        if total > 0 { el_deletestr(editLine, Int32(total)) }
        if !text.isEmpty { _ = el_insertstr(editLine, text) }
    }

    // MARK: Reading keys and drawing hints

    /// libedit's read-character hook: draw the hint, wait for a key, erase the hint.
    private func readCharacter(into character: UnsafeMutablePointer<wchar_t>) -> Int32 {
        drawHint()
        defer { eraseHint() }
        guard let scalar = readScalar() else { return 0 }
        if scalar != 0x09 { cycle = nil }  // any key but Tab accepts the shown completion
        character.pointee = wchar_t(bitPattern: scalar)
        return 1
    }

    /// One key from stdin, decoded from UTF-8 (libedit's own decoder is bypassed by the hook).
    /// Nil at the end of the input.
    private func readScalar() -> UInt32? {
        guard let lead = readByte() else { return nil }
        let length: Int
        switch lead {
        case 0x00...0x7F: return UInt32(lead)
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return UInt32(lead)  // not UTF-8: pass the byte through
        }
        var bytes = [lead]
        for _ in 1..<length {
            guard let next = readByte() else { return nil }
            bytes.append(next)
        }
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar.value }
        return 0xFFFD
    }

    private func readByte() -> UInt8? {
        var byte: UInt8 = 0
        while true {
            if let whileIdle {
                var pending = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
                let ready = poll(&pending, 1, 100)
                if ready == 0 {
                    whileIdle()
                    continue
                }
                if ready < 0 && errno == EINTR { continue }
            }
            let n = read(STDIN_FILENO, &byte, 1)
            if n == 1 { return byte }
            if n < 0 && errno == EINTR { continue }
            return nil
        }
    }

    private func drawHint() {
        guard hintsEnabled, terminalCanShowHints, !hintShown, let hintProvider else { return }
        var pending = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&pending, 1, 0) == 0 else { return }  // more keys waiting (a paste): skip
        let info = el_wline(editLine)!.pointee
        guard info.cursor == info.lastchar else { return }
        let line = Self.string(from: info.buffer, to: info.lastchar)
        guard let hint = hintProvider(Array(line.utf8)), !hint.isEmpty else { return }
        // Never wrap: the hint gets what is left of the row, up to its last column as in
        // redis-cli. A terminal that has just written its last column waits to wrap with the
        // cursor still there, so moving back by the hint's width would land one column short:
        // the cursor returns by column number instead (carriage return, then right).
        let cursorColumn = promptWidth + Self.displayWidth(line)
        let available = Int(cel_get_columns(editLine)) - cursorColumn
        guard available > 0, cursorColumn > 0 else { return }
        let shown = String(hint.prefix(available))
        guard Self.displayWidth(shown) > 0 else { return }
        fputs("\u{1b}[0;90;49m\(shown)\u{1b}[0m\r\u{1b}[\(cursorColumn)C", output)
        fflush(output)
        hintShown = true
    }

    private func eraseHint() {
        guard hintShown else { return }
        fputs("\u{1b}[K", output)
        fflush(output)
        hintShown = false
    }

    // MARK: Text helpers

    private static func string(from start: UnsafePointer<wchar_t>, to end: UnsafePointer<wchar_t>) -> String {
        var text = String.UnicodeScalarView()
        var p = start
        while p < end {
            text.append(Unicode.Scalar(UInt32(bitPattern: p.pointee)) ?? "\u{FFFD}")
            p += 1
        }
        return String(text)
    }

    /// Terminal columns taken by `text` (two for wide characters such as 🦀).
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + max(0, Int(wcwidth(wchar_t(bitPattern: $1.value)))) }
    }
}
