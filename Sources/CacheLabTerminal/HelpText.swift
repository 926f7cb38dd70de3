import CacheLabEngine

/// The output of `HELP`, laid out like redis-cli 7.0's (`cliOutputHelp`): escape codes for
/// bold names, grey syntax and yellow labels, and `\r\n` line ends, byte for byte.
///
/// - `help` alone prints a short guide (CacheLab's own words, in redis-cli's layout);
/// - `help @group` lists the group's commands;
/// - `help word...` lists every entry whose first words are the given ones, so `help config`
///   shows CONFIG and all its subcommands.
public enum HelpText {
    public static func output(for arguments: [Bytes], table: HelpTable = .standard) -> String {
        guard let first = arguments.first else { return generic }
        var text = ""
        if first.count > 0 && first[0] == UInt8(ascii: "@") {
            let group = first[1..<first.count]
            for entry in table.commands where equalsIgnoringCase(group, entry.group) {
                text += describe(entry, showGroup: false)
            }
        } else {
            for entry in table.commands where arguments.count <= entry.words.count {
                if zip(arguments, entry.words).allSatisfy({ equalsIgnoringCase($0, $1) }) {
                    text += describe(entry, showGroup: true)
                }
            }
        }
        return text + "\r\n"
    }

    /// One entry (`cliOutputCommandHelp`).
    static func describe(_ entry: HelpEntry, showGroup: Bool) -> String {
        var text = "\r\n  \u{1b}[1m\(entry.full)\u{1b}[0m \u{1b}[90m\(entry.params)\u{1b}[0m\r\n"
        text += "  \u{1b}[33msummary:\u{1b}[0m \(entry.summary)\r\n"
        if let since = entry.since {
            text += "  \u{1b}[33msince:\u{1b}[0m \(since)\r\n"
        }
        if showGroup {
            text += "  \u{1b}[33mgroup:\u{1b}[0m \(entry.group)\r\n"
        }
        return text
    }

    /// What `help` alone prints.
    public static let generic = """
        cachelab \(Engine.version) (Redis \(Engine.redisVersion) in-process)
        To get help about Redis commands type:
              "help @<group>" to get a list of commands in <group>
              "help <command>" for help on <command>
              "help <tab>" to get a list of possible help topics
              "quit" to exit

        CacheLab's own commands start with a colon:
              ":help" lists them (the clock, timing, hints)

        """
}
