import CSignals

/// Ctrl-C while a command runs.
///
/// At the prompt Ctrl-C is a key the line editor handles (it drops the line). While a command
/// runs, the terminal is back in its normal mode and Ctrl-C sends SIGINT, which would end the
/// process, and with it every key in memory. Interactive sessions catch it instead: a
/// command waiting on the clock (a blocking command's timeout, a CLIENT PAUSE) stops waiting
/// and is abandoned, and the prompt comes back. redis-cli would quit here, but it leaves a
/// server holding the data; CacheLab is the server. Pressing Ctrl-C a second time while a
/// command still runs ends the process as before.
public enum CommandInterrupts {
    /// Starts catching SIGINT (interactive sessions only).
    public static func catchDuringCommands() {
        csignals_catch_interrupts()
    }

    /// Whether Ctrl-C was pressed since the current command started.
    static var isRequested: Bool { csignals_interrupted() != 0 }

    /// Forgets an earlier Ctrl-C, before a command starts.
    static func clear() { csignals_clear_interrupt() }
}
