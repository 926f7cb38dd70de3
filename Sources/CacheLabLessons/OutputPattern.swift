/// Compares what a command printed with what its step expects, and explains a difference.
///
/// Expected lines match literally, with two wildcards for output that honestly varies
/// (a local time zone, a measured duration):
/// - `[...]` inside a line matches any text within that line;
/// - a line that is exactly `...` matches any number of lines, none included.
///
/// Matching works on whole lines: `[...]` never crosses a line break.
public enum OutputPattern {
    /// The first difference between `expected` and `actual`, or nil when they match.
    public static func mismatch(expected: [String], actual: [String]) -> Mismatch? {
        if matches(expected[...], actual[...]) { return nil }
        // Find the first line that cannot be explained, for the message.
        var e = 0
        var a = 0
        while e < expected.count, expected[e] != "...", a < actual.count, lineMatches(expected[e], actual[a]) {
            e += 1
            a += 1
        }
        return Mismatch(
            expected: expected, actual: actual, expectedLine: e < expected.count ? e : nil,
            actualLine: a < actual.count ? a : nil
        )
    }

    static func matches(_ expected: ArraySlice<String>, _ actual: ArraySlice<String>) -> Bool {
        guard let first = expected.first else { return actual.isEmpty }
        if first == "..." {
            let rest = expected.dropFirst()
            var tail = actual
            while true {
                if matches(rest, tail) { return true }
                guard !tail.isEmpty else { return false }
                tail = tail.dropFirst()
            }
        }
        guard let line = actual.first, lineMatches(first, line) else { return false }
        return matches(expected.dropFirst(), actual.dropFirst())
    }

    /// One line against one pattern line, `[...]` matching any run of characters.
    public static func lineMatches(_ pattern: String, _ line: String) -> Bool {
        let pieces = pattern.split(separator: "[...]", omittingEmptySubsequences: false)
        guard pieces.count > 1 else { return pattern == line }
        var rest = Substring(line)
        guard rest.hasPrefix(pieces[0]) else { return false }
        rest = rest.dropFirst(pieces[0].count)
        for (offset, piece) in pieces.dropFirst().enumerated() {
            let isLast = offset == pieces.count - 2
            if isLast { return rest.hasSuffix(piece) && rest.count >= piece.count }
            if piece.isEmpty { continue }
            guard let range = rest.firstRange(of: piece) else { return false }
            rest = rest[range.upperBound...]
        }
        return true
    }
}

/// How a command's output differed from its step.
public struct Mismatch: Sendable, Equatable {
    public var expected: [String]
    public var actual: [String]
    /// The first expected line that was not met (nil: the output went on too long).
    public var expectedLine: Int?
    /// The first printed line that was not expected (nil: the output stopped too soon).
    public var actualLine: Int?

    /// A few lines telling a student what differs.
    public var explanation: String {
        var text: String
        switch (expectedLine, actualLine) {
        case let (e?, a?):
            text = "line \(e + 1) of the output differs:\n  expected: \(expected[e])\n  got:      \(actual[a])\n"
        case let (e?, nil):
            text = "the output stopped before the step expected it to; the next expected line is:\n  \(expected[e])\n"
        case let (nil, a?):
            text = "the output went on after what the step expected; the first extra line is:\n  \(actual[a])\n"
        case (nil, nil):
            text = "the output differs from the step\n"
        }
        text += "expected output:\n" + Self.indented(expected) + "actual output:\n" + Self.indented(actual)
        return text
    }

    static func indented(_ lines: [String]) -> String {
        lines.isEmpty ? "  (nothing)\n" : lines.map { "  | \($0)\n" }.joined()
    }
}
