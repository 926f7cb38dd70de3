#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import CacheLabLessons
import CacheLabTerminal

/// `cachelab lesson [N|name] [--script | --demo [--delay s]]`: the guided lessons.
struct LessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "List the lessons, or run one: interactively, as a script (--script) or as a demo (--demo).",
        discussion: """
            Each lesson runs on its own throwaway engine (manual clock, fixed seed, temporary folder), \
            never on your data. Interactive mode remembers where you stopped \
            ($CACHELAB_STATE_DIR, else $XDG_STATE_HOME/cachelab, else ~/.local/state/cachelab).
            """
    )

    @Argument(help: "The lesson's number or name; without it, the list of lessons.")
    var lesson: String?

    @Flag(name: .long, help: "Run every step without input, print a transcript; exit 1 if any output differs.")
    var script = false

    @Flag(name: .long, help: "Present the lesson: type each command at a readable pace, pause between steps.")
    var demo = false

    @Option(name: .long, help: "With --demo: seconds to wait between steps instead of waiting for a key.")
    var delay: Double?

    func validate() throws {
        if script && demo { throw ValidationError("--script and --demo cannot be used together.") }
        if delay != nil && !demo { throw ValidationError("--delay only applies to --demo.") }
        if let delay, delay < 0 { throw ValidationError("--delay must not be negative.") }
    }

    func run() throws {
        let catalog: LessonCatalog
        do {
            catalog = try LessonCatalog.locate()
        } catch {
            throw ValidationError("\(error)")
        }
        guard let query = lesson else {
            print(catalog.listing, terminator: "")
            return
        }
        guard let entry = catalog.find(query) else {
            throw ValidationError("no lesson \(query); `cachelab lesson` lists them.")
        }
        if script {
            let report = try ScriptRunner.run(entry.lesson, fileName: entry.fileName)
            print(report.transcript, terminator: "")
            if !report.passed { throw ExitCode(1) }
            return
        }
        if demo {
            try LessonModes.demo(entry, delay: delay)
            return
        }
        try LessonModes.interactive(entry)
    }
}
