/// The HELP subcommand of the container commands (CONFIG HELP, OBJECT HELP, XINFO HELP ...).
extension Reply {
    /// The reply of `<COMMAND> HELP` as Redis's `addReplyHelp` builds it: one status line per
    /// line of text, after a title naming the command as typed (upper-cased), and ending
    /// with HELP's own entry.
    static func subcommandHelp(_ command: String, _ lines: [String]) -> Reply {
        var all = ["\(command.uppercased()) <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"]
        all += lines
        all += ["HELP", "    Prints this help."]
        return .array(all.map(Reply.status))
    }
}
