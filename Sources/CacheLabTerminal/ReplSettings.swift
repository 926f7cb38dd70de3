import CacheLabEngine

/// What the user can change about the REPL while it runs.
public struct ReplSettings: Sendable, Equatable {
    /// How replies are printed.
    public var format: OutputFormat
    /// Whether grey argument hints are drawn while typing (`:set hints` / `:set nohints`).
    public var hints: Bool
    /// Whether each command's duration is printed after its reply (`:timing on`).
    public var showTiming: Bool
    /// Whether pictures (`:viz`) may use ANSI colours on a terminal; lessons turn it off so
    /// their expected output is plain text.
    public var allowsColor: Bool

    /// What separates the elements of an array in raw form (redis-cli's `-d`).
    public var elementDelimiter: Bytes = Bytes("\n")
    /// What follows each reply in raw form (redis-cli's `-D`).
    public var replyDelimiter: Bytes = Bytes("\n")

    /// The formatter these settings describe.
    public var formatter: ReplyFormatter {
        ReplyFormatter(format: format, elementDelimiter: elementDelimiter, replyDelimiter: replyDelimiter)
    }

    public init(format: OutputFormat, hints: Bool = true, showTiming: Bool = false, allowsColor: Bool = true) {
        self.format = format
        self.hints = hints
        self.showTiming = showTiming
        self.allowsColor = allowsColor
    }
}
