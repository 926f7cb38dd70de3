import ArgumentParser

/// `cachelab`: the root of the command line.
///
/// Without a subcommand it runs the REPL with the options in `ReplOptions`, so `cachelab`,
/// `cachelab --raw` and `cachelab < script.txt` work like redis-cli. Other tools join as
/// subcommands in `configuration.subcommands` (`bench`, `lesson`, `viz`, `serve`); `repl`
/// is also a subcommand, for scripts that want to be explicit.
@main
struct CacheLab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cachelab",
        abstract: "A Redis-compatible cache engine in your terminal, with a redis-cli style REPL.",
        usage: "cachelab [--raw | --no-raw | --csv | --json | --quoted-json] [-e] [-n <db>] [-r <count> [-i <seconds>]] [-x | -X <tag>] [--quoted-input] [--pipe] [--bigkeys | --memkeys | --hotkeys | --scan] [--pattern <glob>] [--dir <dir> | --ephemeral] [--seed <seed>] [--<config-name> <value> ...] [<subcommand> | <command> [<arg> ...]]",
        discussion: """
            With a command (cachelab SET greeting hello), runs it once and prints its reply, \
            as redis-cli does. With no subcommand, starts the REPL. On a terminal it feels like redis-cli 7.0 \
            (hints, Tab completion, help, history in ~/.cachelab_history or $CACHELAB_HISTFILE); \
            with piped input it reads one command per line and prints replies like redis-cli.
            Any configuration parameter can be given as --<name> <value>, as redis-server \
            takes them (cachelab --appendonly yes --save "" --maxmemory 2mb).
            """,
        version: "cachelab 0.1.0 (Redis 7.0.15)",
        subcommands: [ReplCommand.self, BenchCommand.self, LessonCommand.self, VizCommand.self]
    )

    @OptionGroup var options: ReplOptions

    /// Takes the `--<config name> <value>` pairs out before ArgumentParser parses the rest.
    ///
    /// ArgumentParser lets a parent command's options appear anywhere on the line, so the
    /// REPL's own options declared here (`--seed`, `--dir`...) would capture a tool's option
    /// of the same name (`cachelab viz hitrate --seed 7` would seed the REPL, not the chart).
    /// A line naming a tool subcommand is therefore parsed by `CacheLabTools`, which has the
    /// same name and tools but no REPL options.
    static func main() {
        let split = StartupConfiguration.extract(from: Array(CommandLine.arguments.dropFirst()))
        StartupConfiguration.pairs = split.pairs
        StartupConfiguration.commandStart = split.commandStart.map { $0 + 1 }
        StartupConfiguration.asksForJSON = split.remaining.contains { $0 == "--json" || $0 == "--quoted-json" }
        StartupConfiguration.lastPatternIsQuoted =
            (split.remaining.lastIndex(of: "--quoted-pattern") ?? -1) > (split.remaining.lastIndex(of: "--pattern") ?? -1)
        if let first = split.remaining.first, CacheLabTools.configuration.subcommands.contains(where: {
            $0.configuration.commandName == first
        }) {
            CacheLabTools.main(split.remaining)
            return
        }
        main(split.remaining)
    }

    func run() throws {
        try ReplRunner.run(options)
    }
}

/// The tool subcommands alone, under the name `cachelab` (see `CacheLab.main`).
struct CacheLabTools: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cachelab",
        version: CacheLab.configuration.version,
        subcommands: [BenchCommand.self, LessonCommand.self, VizCommand.self]
    )
}

/// `cachelab repl`: the same REPL, named.
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Run Redis commands in the REPL (what cachelab does without a subcommand)."
    )

    @OptionGroup var options: ReplOptions

    func run() throws {
        try ReplRunner.run(options)
    }
}
