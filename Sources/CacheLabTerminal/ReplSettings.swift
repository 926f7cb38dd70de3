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

    public init(format: OutputFormat, hints: Bool = true, showTiming: Bool = false, allowsColor: Bool = true) {
        self.format = format
        self.hints = hints
        self.showTiming = showTiming
        self.allowsColor = allowsColor
    }
}
