/// Reads a lesson from its Markdown text.
///
/// The file is ordinary Markdown, so it reads well on a code host or in a pager:
///
///     ---
///     lesson: 2
///     title: Expiry and cache-aside
///     minutes: 15
///     ---
///
///     Prose...
///
///     ```cachelab
///     cachelab> SET fib:30 832040 EX 86400
///     OK
///     cachelab> TTL fib:30
///     (integer) 86400
///     ```
///
/// Inside a ```` ```cachelab ```` fence, a line starting with a prompt (`cachelab`, an
/// optional `[db]`, an optional `(TX)`, then `> `; or `memcached> ` in memcached mode) is a
/// command; the lines after it, up to the next command or directive, are its expected output.
/// A line starting with `@` is a directive. Other fences (```` ```python ````, plain ```` ``` ````) are prose.
public enum LessonParser {
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Parses `text`; `fileName` (e.g. `02-expiry.md`) supplies the number and name.
    public static func parse(_ text: String, fileName: String) throws(Failure) -> Lesson {
        // "\r\n" is a single Character in Swift: accept both line ends.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.map(String.init)
        let (fields, bodyStart) = try frontMatter(lines)
        let (fileNumber, name) = numberAndName(fileName)
        guard let title = fields["title"], !title.isEmpty else {
            throw Failure(line: 1, message: "the front matter has no title")
        }
        guard let minutesText = fields["minutes"], let minutes = Int(minutesText), minutes > 0 else {
            throw Failure(line: 1, message: "the front matter needs minutes: a positive whole number")
        }
        let number: Int
        if let text = fields["lesson"] {
            guard let value = Int(text) else { throw Failure(line: 1, message: "lesson: must be a number") }
            if let fileNumber, fileNumber != value {
                throw Failure(line: 1, message: "lesson: \(value) but the file name says \(fileNumber)")
            }
            number = value
        } else if let fileNumber {
            number = fileNumber
        } else {
            throw Failure(line: 1, message: "no lesson number (name the file NN-name.md)")
        }
        let parts = try body(lines, from: bodyStart)
        return Lesson(number: number, name: name, title: title, minutes: minutes, parts: parts)
    }

    /// `02-expiry-and-cache-aside.md` → (2, "expiry-and-cache-aside").
    static func numberAndName(_ fileName: String) -> (Int?, String) {
        var base = Substring(fileName)
        if base.hasSuffix(".md") { base = base.dropLast(3) }
        let digits = base.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let number = Int(digits) else { return (nil, String(base)) }
        var rest = base.dropFirst(digits.count)
        if rest.first == "-" { rest = rest.dropFirst() }
        return (number, String(rest))
    }

    /// The `key: value` lines between two `---` lines at the top, and where the body starts.
    static func frontMatter(_ lines: [String]) throws(Failure) -> ([String: String], Int) {
        guard lines.first?.trimmingSpaces == "---" else {
            throw Failure(line: 1, message: "a lesson starts with front matter: ---, lesson:, title:, minutes:, ---")
        }
        var fields: [String: String] = [:]
        var index = 1
        while index < lines.count {
            let line = lines[index]
            if line.trimmingSpaces == "---" { return (fields, index + 1) }
            if let colon = line.firstIndex(of: ":") {
                let key = line[..<colon].trimmingSpaces.lowercased()
                fields[key] = line[line.index(after: colon)...].trimmingSpaces
            } else if !line.trimmingSpaces.isEmpty {
                throw Failure(line: index + 1, message: "front matter lines are key: value")
            }
            index += 1
        }
        throw Failure(line: 1, message: "the front matter is never closed with ---")
    }

    static func body(_ lines: [String], from start: Int) throws(Failure) -> [Lesson.Part] {
        var parts: [Lesson.Part] = []
        var prose: [String] = []
        var index = start
        var otherFence: String?  // inside a non-lesson fence: its opening marker

        func flushProse() {
            let text = prose.joined(separator: "\n").trimmingBlankLines
            if !text.isEmpty { parts.append(.prose(text)) }
            prose.removeAll()
        }

        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingSpaces
            if let fence = otherFence {
                prose.append(line)
                if trimmed == fence { otherFence = nil }
                index += 1
                continue
            }
            if trimmed.hasPrefix("```") {
                let info = trimmed.drop { $0 == "`" }.trimmingSpaces.lowercased()
                if info == "cachelab" {
                    flushProse()
                    let (step, next) = try step(lines, from: index + 1)
                    parts.append(.step(step))
                    index = next
                    continue
                }
                otherFence = String(trimmed.prefix { $0 == "`" })
            }
            prose.append(line)
            index += 1
        }
        if otherFence != nil { throw Failure(line: lines.count, message: "a code fence is never closed") }
        flushProse()
        return parts
    }

    /// The lines of one lesson block, from just after its fence to its closing fence.
    static func step(_ lines: [String], from start: Int) throws(Failure) -> (Step, Int) {
        var actions: [Step.Action] = []
        var current: Command?
        var index = start

        func finishCommand() {
            guard var command = current else { return }
            while command.expected.last?.trimmingSpaces.isEmpty == true { command.expected.removeLast() }
            actions.append(.command(command))
            current = nil
        }

        while index < lines.count {
            let line = lines[index]
            if line.trimmingSpaces == "```" {
                finishCommand()
                guard !actions.isEmpty else { throw Failure(line: start, message: "an empty cachelab block") }
                return (Step(line: start + 1, actions: actions), index + 1)
            }
            if let (prompt, input) = splitPrompt(line) {
                finishCommand()
                guard !input.trimmingSpaces.isEmpty else {
                    throw Failure(line: index + 1, message: "a prompt with nothing typed after it")
                }
                current = Command(prompt: prompt, input: input, expected: [], line: index + 1)
            } else if line.hasPrefix("@") {
                finishCommand()
                actions.append(.directive(try directive(line, at: index + 1)))
            } else if current != nil {
                current!.expected.append(line)
            } else if !line.trimmingSpaces.isEmpty {
                throw Failure(line: index + 1, message: "output before any command: \(line)")
            }
            index += 1
        }
        throw Failure(line: start, message: "a cachelab block is never closed")
    }

    /// `cachelab[2](TX)> GET k` → ("cachelab[2](TX)> ", "GET k"); nil when the line has no
    /// prompt. In memcached mode (`:mode memcached`) the prompt is `memcached> `.
    public static func splitPrompt(_ line: String) -> (String, String)? {
        if line.hasPrefix("memcached> ") {
            return ("memcached> ", String(line.dropFirst("memcached> ".count)))
        }
        guard line.hasPrefix("cachelab") else { return nil }
        var rest = line.dropFirst("cachelab".count)
        if rest.first == "[" {
            let digits = rest.dropFirst().prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, rest.dropFirst(digits.count + 1).first == "]" else { return nil }
            rest = rest.dropFirst(digits.count + 2)
        }
        if rest.hasPrefix("(TX)") { rest = rest.dropFirst(4) }
        guard rest.hasPrefix("> ") else { return nil }
        let promptLength = line.count - rest.count + 2
        return (String(line.prefix(promptLength)), String(rest.dropFirst(2)))
    }

    /// `@time label` or `@compare slow > 10x fast`.
    static func directive(_ line: String, at number: Int) throws(Failure) -> Directive {
        let words = line.dropFirst().split(separator: " ").map(String.init)
        switch words.first?.lowercased() {
        case "time"?:
            guard words.count == 2 else { throw Failure(line: number, message: "usage: @time <label>") }
            return .time(label: words[1])
        case "compare"?:
            guard words.count == 5, words[2] == ">", words[3].hasSuffix("x"),
                  let factor = Double(words[3].dropLast()), factor >= 1 else {
                throw Failure(line: number, message: "usage: @compare <slower> > <N>x <faster>, e.g. @compare naive > 10x cached")
            }
            return .compare(slower: words[1], factor: factor, faster: words[4])
        default:
            throw Failure(line: number, message: "unknown directive \(line) (known: @time, @compare)")
        }
    }
}

extension StringProtocol {
    /// Without spaces and tabs at either end.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }

    /// Without blank lines at either end.
    var trimmingBlankLines: String {
        var lines = split(separator: "\n", omittingEmptySubsequences: false)
        while lines.first?.trimmingSpaces.isEmpty == true { lines.removeFirst() }
        while lines.last?.trimmingSpaces.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
