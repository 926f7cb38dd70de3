import ArgumentParser

/// `cachelab`: the root of the command line. With no subcommand it starts the REPL, so
/// `cachelab`, `cachelab --raw` and `cachelab < script.txt` all work; later tools (`bench`,
/// `lesson`, `viz`, `serve`) join as further subcommands.
@main
struct CacheLab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cachelab",
        abstract: "A Redis-compatible cache engine in your terminal, with a redis-cli style REPL.",
        discussion: """
            With no subcommand, starts the REPL. On a terminal it feels like redis-cli 7.0 \
            (hints, Tab completion, help, history); with piped input it reads one command per \
            line and prints replies like redis-cli does.
            """,
        version: "cachelab 0.1.0 (Redis 7.0.15)",
        subcommands: [ReplCommand.self],
        defaultSubcommand: ReplCommand.self
    )
}
