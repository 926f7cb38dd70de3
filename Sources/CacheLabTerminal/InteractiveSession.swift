#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CacheLabEngine

/// The REPL on a terminal: prompt, line editing, hints, completion and history around the
/// same `LineProcessor` that runs piped input.
public enum InteractiveSession {
    /// Runs until `quit`, `exit`, QUIT or Ctrl-D; returns whether any command failed.
    public static func run(processor: LineProcessor, history: HistoryFile) -> Bool {
        var history = history
        let editor = LineEditor()
        let helpTable = processor.helpTable
        let colonCommands = processor.colonCommands
        editor.hintProvider = { [unowned processor] line in
            guard processor.settings.hints else { return nil }
            return colonCommands.hint(for: line) ?? Hints.hint(for: line, table: helpTable)
        }
        editor.whileIdle = { [unowned processor] in processor.engine.cron() }
        editor.completionProvider = { line in
            line.hasPrefix(":") ? colonCommands.completions(for: line) : Completion.candidates(for: line, table: helpTable)
        }

        history.load()
        for line in history.lines { editor.addToHistory(line) }

        loop: while true {
            switch editor.readLine(prompt: processor.promptText) {
            case .interrupted:
                continue
            case .endOfInput:
                editor.flush()
                processor.output.append(0x0A)  // leave the shell prompt on a line of its own
                break loop
            case .line(let bytes):
                let outcome = processor.process(line: bytes)
                if outcome.recordInHistory {
                    let text = String(decoding: bytes, as: UTF8.self)
                    editor.addToHistory(text)
                    history.add(text)
                    history.save()
                }
                editor.flush()
                processor.output.flush()
                if outcome.exit { break loop }
            }
        }
        editor.flush()
        processor.output.flush()
        return processor.sawError
    }
}
